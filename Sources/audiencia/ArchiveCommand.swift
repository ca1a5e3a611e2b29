import ArgumentParser
import AudienciaServer
import Foundation

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Archivos de sesión y diarios.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verifica un diario (.jsonl) o un archivo público o protegido contra su diario.",
            discussion: """
                Un diario: su cadena de hashes SHA-256, línea por línea. Un archivo de sesión: además, \
                que nombre la cabeza de su diario (<sesión>.journal.jsonl, en la misma carpeta) y que \
                sea exactamente lo que ese diario produce. Sale con 1 y dice qué registro rompe la cadena.
                """)

        @Argument(help: "El archivo a verificar.") var file: String
        @Option(help: "Carpeta con los datos del municipio (para reconstruir el archivo).") var seeds = "./seeds"

        func run() throws {
            let report = ArchiveVerifier.verify(URL(fileURLWithPath: file), seeds: URL(fileURLWithPath: seeds))
            for line in report.findings { print(line) }
            if let failure = report.failure {
                print("✘ \(failure)")
                throw ExitCode.failure
            }
        }
    }
}
