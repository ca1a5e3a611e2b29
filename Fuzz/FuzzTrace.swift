import AudienciaCore
import AudienciaWire
import Foundation

/// With `AUDIENCIA_FUZZ_TRACE=1`, each step is told on stderr: what went in and what came
/// out. For reading a saved crash (`.build/fuzz/audiencia-fuzz <file>`) or checking that a
/// seed really walks a session, never during a fuzzing run.
enum FuzzTrace {
    static let enabled = ProcessInfo.processInfo.environment["AUDIENCIA_FUZZ_TRACE"] == "1"

    static func note(_ input: Input, _ effects: [Effect]) {
        guard enabled else { return }
        let said = effects.map(summary).joined(separator: ", ")
        say("\(String(describing: input).prefix(160)) → \(said)")
    }

    static func note(refused error: WireError, from connection: Int) {
        guard enabled else { return }
        say("#\(connection) refused: \(error.code)")
    }

    private static func summary(_ effect: Effect) -> String {
        switch effect {
        case .journal(let entry): "journal \(String(describing: entry.fact).prefix(40))"
        case .bind(let connection, let binding): "bind \(connection) \(binding)"
        case .send(.error(let error, _), let to): "error \(error.code) to \(to)"
        case .send(let message, let to): "send \(String(describing: message).prefix(30)) to \(to)"
        case .publish(let event): "publish \(event.seq)"
        case .refreshConsoles: "consoles"
        case .archive: "archive"
        }
    }

    private static func say(_ text: String) {
        FileHandle.standardError.write(Data("trace: \(text)\n".utf8))
    }
}
