import AudienciaCore
import AudienciaJSON
import AudienciaServer
import Foundation
import Logging

/// A real server on a loopback port chosen by the kernel, with a temporary data folder and
/// the repository's seeds. Its clock runs in real time from a Sunday, so no scheduled
/// session opens or closes while a test runs.
final class LiveServer {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Sunday 29 November 2026, 11:00 in Metepec.
    static let sunday = Instant(millisecondsSinceEpoch: 1_795_971_600_000)

    let running: RunningServer
    let data: URL
    let clock: @Sendable () -> Instant

    var port: Int { running.port }
    var seeds: URL { Self.repository.appendingPathComponent("seeds") }

    /// Whether the data folder is removed with the server; a restart test keeps it.
    private let ownsData: Bool

    /// - Parameter data: an existing data folder, to restart on what a previous server left.
    init(maxMessageBytes: Int = 16 * 1024, maxOutboxBytes: Int = 1024 * 1024,
         helloTimeoutSeconds: Int64 = 30, idle: (pingSeconds: Int64, hangupSeconds: Int64) = (30, 70),
         allowedOrigins: Set<String> = [], limits: AbuseLimits = AbuseLimits(),
         feedCoalesceMilliseconds: Int = ServerConfiguration().feedCoalesceMilliseconds,
         feedWaveSlice: Int = ServerConfiguration().feedWaveSlice,
         data existing: URL? = nil) throws {
        ownsData = existing == nil
        data = existing ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("audiencia-live-\(UUID().uuidString)")
        let started = SystemClock.now()
        let base = Self.sunday
        clock = { base.adding(milliseconds: SystemClock.now().millisecondsSinceEpoch - started.millisecondsSinceEpoch) }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.seeds = Self.repository.appendingPathComponent("seeds")
        configuration.web = Self.repository.appendingPathComponent("web")
        configuration.data = data
        configuration.maxMessageBytes = maxMessageBytes
        configuration.maxOutboxBytes = maxOutboxBytes
        configuration.helloTimeoutSeconds = helloTimeoutSeconds
        configuration.idlePingSeconds = idle.pingSeconds
        configuration.idleHangupSeconds = idle.hangupSeconds
        configuration.allowedOrigins = allowedOrigins
        configuration.limits = limits
        configuration.feedCoalesceMilliseconds = feedCoalesceMilliseconds
        configuration.feedWaveSlice = feedWaveSlice
        configuration.clock = clock
        var logger = Logger(label: "audiencia-test")
        logger.logLevel = .warning
        running = try AudienciaServer.start(configuration, logger: logger)
    }

    /// A one-hour token; `expiringIn` seconds from now instead, by issuing it in the past.
    func token(_ official: String, expiringIn seconds: Int64? = nil) throws -> String {
        let issued = seconds.map { clock().adding(seconds: $0 - 3600) } ?? clock()
        return try TokenIssuer.issue(official: official, hours: 1, seeds: seeds, data: data, now: issued)
    }

    func connect() throws -> TestWebSocket { try TestWebSocket(port: port) }

    func archive(_ kind: String) throws -> (json: JSON, text: String, url: URL) {
        let directory = data.appendingPathComponent("archive")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        guard let name = names.first(where: { $0.hasSuffix(".\(kind).json") }) else {
            throw TestWebSocket.Failure(description: "no \(kind) archive in \(names)")
        }
        let url = directory.appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        return (try JSON.parse(Array(data)), String(decoding: data, as: UTF8.self), url)
    }

    /// Stops the server as SIGTERM does: journal flushed, connections closed with 1001.
    func stop() {
        running.stop()
        running.waitUntilStopped()
    }

    deinit {
        stop()
        if ownsData { try? FileManager.default.removeItem(at: data) }
    }
}

extension Instant {
    func adding(milliseconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }
}

extension TestWebSocket {
    /// Says hello and returns the first reply of `type`.
    @discardableResult
    func hello(_ fields: JSONObject, expecting type: String) throws -> JSON {
        var message: JSONObject = ["type": "hello"]
        for (key, value) in fields.members { message[key] = value }
        try send(.object(message))
        return try expect(type)
    }

    /// Sends an order with a fresh ref and waits for its `ok`, failing on an `error`.
    func order(_ type: String, _ fields: JSONObject = [:]) throws {
        let ref = "r\(UInt32.random(in: 0...UInt32.max))"
        var message: JSONObject = ["type": .string(type), "ref": .string(ref)]
        for (key, value) in fields.members { message[key] = value }
        try send(.object(message))
        let reply = try expect(where: { $0["ref"]?.string == ref })
        guard reply["type"]?.string == "ok" else {
            throw TestWebSocket.Failure(description: "\(type) refused: \(reply.text())")
        }
    }
}
