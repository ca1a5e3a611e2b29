import Foundation
import Glibc

/// `audiencia serve` started as a child process on a free loopback port, so that its memory
/// and CPU are its own and can be read from /proc while the load generator runs beside it.
final class ServerProcess {
    let process = Process()
    let port: Int
    private let log: URL

    /// - Parameter maxQueue: at least the check-ins the benchmark sends, so that the queue cap
    ///   refuses none of them.
    init(binary: URL, seeds: URL, web: URL, data: URL, maxQueue: Int) throws {
        log = data.deletingLastPathComponent().appendingPathComponent(data.lastPathComponent + ".log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = Pipe()
        process.executableURL = binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--seeds", seeds.path,
                             "--web", web.path, "--data", data.path, "--max-queue", String(maxQueue)]
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first line names the port: "Audiencia escuchando en http://127.0.0.1:PORT …".
        var text = ""
        let reader = output.fileHandleForReading
        while !text.contains("\n") {
            let chunk = reader.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "") else {
            process.terminate()
            throw FanoutBenchmarkError.serverDidNotStart(Self.tail(log))
        }
        self.port = port
    }

    var pid: Int32 { process.processIdentifier }

    /// Resident memory in bytes (VmRSS).
    func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    /// User plus system CPU seconds used so far.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then waits (bounded) for the server to close its connections and exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: log)
    }

    var logTail: String { Self.tail(log) }

    private static func tail(_ url: URL) -> String {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}

enum FanoutBenchmarkError: Error, CustomStringConvertible {
    case serverDidNotStart(String)
    case step(String)

    var description: String {
        switch self {
        case .serverDidNotStart(let log): "el servidor no arrancó: \(log)"
        case .step(let what): what
        }
    }
}
