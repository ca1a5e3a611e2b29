import AudienciaCore
import AudienciaJSON

/// The people who make the feed move: the moderator (opening the session and posting the
/// announcements) and citizens checking in, all on the driver's thread.
final class SessionDriver {
    let port: Int
    let pump = DriverPump()
    private var moderator: DriverConnection?
    private var seed: UInt32 = 1
    let timeout: Double

    init(port: Int, timeout: Double) {
        self.port = port
        self.timeout = timeout
    }

    private func connect() throws -> DriverConnection {
        seed &+= 7919
        let connection = try DriverConnection(port: port, seed: seed)
        pump.add(connection)
        // Nothing is sent before the server's 101: a frame is never mixed into the handshake.
        guard pump.pump(seconds: timeout, until: { connection.open || connection.closed }), connection.open else {
            throw FanoutBenchmarkError.step("el servidor no aceptó el WebSocket")
        }
        return connection
    }

    private func expect(_ connection: DriverConnection, _ type: String, _ what: String) throws -> JSON {
        var found: JSON?
        _ = pump.pump(seconds: timeout) {
            found = connection.take(type)?.json ?? connection.take("error")?.json
            return found != nil || connection.closed
        }
        guard let found, found["type"]?.string == type else {
            let error = found?["code"]?.string ?? (connection.closed ? "conexión cerrada" : "tiempo agotado")
            throw FanoutBenchmarkError.step("\(what): no llegó \(type) (\(error))")
        }
        return found
    }

    /// The moderator says hello and opens a session (an open one is fine too).
    func openSession(token: String) throws {
        let connection = try connect()
        moderator = connection
        connection.keeping = Set(["welcome", "ok", "error"])
        connection.send(["type": "hello", "role": "official", "token": .string(token)])
        _ = try expect(connection, "welcome", "moderación")
        connection.send(["type": "session.open", "ref": "open"])
        _ = pump.pump(seconds: timeout) { connection.inbox.contains { ["ok", "error"].contains($0.json["type"]?.string ?? "") } }
        connection.inbox = []
    }

    /// The feed's current seq, as a fresh viewer's snapshot gives it.
    func currentSeq() throws -> Int64 {
        let probe = try connect()
        probe.send(["type": "hello", "role": "viewer"])
        let snapshot = try expect(probe, "feed.snapshot", "visor de prueba")
        probe.socket.close()
        guard let seq = snapshot["seq"]?.int else { throw FanoutBenchmarkError.step("feed.snapshot sin seq") }
        return seq
    }

    /// `count` citizens connect and say hello, then all check in back to back; the time from
    /// each `checkin` to its `checkin.accepted` (sent only once the journal is on disk).
    func checkIns(count: Int, catalog: Catalog) throws -> (accepted: Int, nanos: [Int64]) {
        guard count > 0 else { return (0, []) }
        var citizens: [DriverConnection] = []
        for _ in 0..<count {
            let citizen = try connect()
            citizen.send(["type": "hello", "role": "citizen"])
            citizens.append(citizen)
        }
        _ = pump.pump(seconds: timeout) { citizens.allSatisfy { $0.inbox.contains { $0.json["type"]?.string == "welcome" } || $0.closed } }
        let answers: Set<String> = ["checkin.accepted", "error"]
        // Every frame is built first: the burst is the writes alone, back to back, and each
        // time runs from its own write.
        let frames = citizens.enumerated().map { index, citizen in
            citizen.inbox = []
            // Only the answer is parsed; the guidance that follows it is skipped unparsed. One
            // thread parsing 2,000 citizens' replies in turn reads the last acknowledgements
            // tens of milliseconds after they arrived, and each phone reads only its own.
            citizen.keeping = answers
            let colonia = catalog.colonias[index % catalog.colonias.count]
            let service = catalog.services[index % catalog.services.count]
            return citizen.frame([
                "type": "checkin", "name": .string("Persona de prueba \(index)"),
                "contact": .string("prueba\(index)@example.org"),
                "coloniaId": .string(colonia.id.rawValue), "serviceId": .string(service.id.rawValue),
                "description": "Solicitud de prueba de carga.",
                "consent": .object(["accepted": .bool(true), "noticeVersion": .string(catalog.privacy.version)]),
            ])
        }
        var sentAt: [Int64] = []
        for (citizen, frame) in zip(citizens, frames) {
            sentAt.append(Monotonic.nanoseconds())
            citizen.send(framed: frame)
        }
        _ = pump.pump(seconds: timeout) {
            citizens.allSatisfy { c in c.closed || c.inbox.contains { answers.contains($0.json["type"]?.string ?? "") } }
        }
        var nanos: [Int64] = []
        for (index, citizen) in citizens.enumerated() {
            if let accepted = citizen.take("checkin.accepted") { nanos.append(accepted.at - sentAt[index]) }
        }
        return (nanos.count, nanos)
    }

    /// Posts `count` announcements, each carrying its send time, at `rate` a second or (rate
    /// 0) keeping `window` unacknowledged; returns how many were refused.
    func announce(count: Int, rate: Double, window: Int) throws -> Int {
        guard let moderator else { throw FanoutBenchmarkError.step("sin moderación") }
        var sent = 0, answered = 0, refused = 0
        let start = Monotonic.seconds()
        let deadline = start + timeout
        while answered < count && Monotonic.seconds() < deadline && !moderator.closed {
            let due = rate > 0 ? min(count, Int((Monotonic.seconds() - start) * rate) + 1) : min(count, answered + window)
            while sent < due {
                sent += 1
                let text = "Aviso \(sent) [bench:\(Monotonic.nanoseconds())]"
                moderator.send(["type": "announce", "ref": .string("a\(sent)"), "text": .string(text)])
            }
            pump.pump(milliseconds: rate > 0 ? 1 : 5)
            for message in moderator.inbox {
                switch message.json["type"]?.string {
                case "ok": answered += 1
                case "error": answered += 1; refused += 1
                default: break
                }
            }
            moderator.inbox = []
        }
        guard answered == count else {
            let state = moderator.closed ? "moderación cerrada (\(moderator.closeCode.map(String.init) ?? "sin código"))" : "tiempo agotado"
            throw FanoutBenchmarkError.step("avisos sin respuesta: \(count - answered), \(state); la moderación recibió "
                + "\(moderator.messagesReceived) mensajes, \(moderator.bytesReceived) bytes")
        }
        return refused
    }

    /// Keeps reading (consoles and pings) while something else is awaited.
    func idle(milliseconds: Int32) {
        pump.pump(milliseconds: milliseconds)
        moderator?.inbox = []
    }

    func close() { pump.closeAll() }
}
