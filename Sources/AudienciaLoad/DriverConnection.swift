import AudienciaJSON
import Glibc

/// A citizen's or an official's connection, read whole: the driver's traffic is small, so its
/// messages go through jansson like any other client's would.
final class DriverConnection {
    let socket: LoadSocket
    private var scanner = FrameScanner(keep: 1 << 20)
    private var handshake: [UInt8] = []
    private(set) var open = false
    private var keys: MaskKeys
    /// Messages received and not yet taken, each with its arrival time.
    var inbox: [(json: JSON, at: Int64)] = []
    var closed = false
    /// The server's close code, when it sent one.
    var closeCode: UInt16?
    /// Bytes and text messages received, whatever was kept.
    private(set) var bytesReceived = 0
    private(set) var messagesReceived = 0
    /// When set, only messages of these types are parsed and kept: not the moderator's
    /// consoles, nor the citizens' guidance during the check-in burst.
    var keeping: Set<String>? {
        didSet { keepingPatterns = keeping.map { $0.map { Array("\"type\":\"\($0)\"".utf8) } } }
    }
    private var keepingPatterns: [[UInt8]]?

    init(port: Int, seed: UInt32) throws(LoadSocket.Failure) {
        socket = try LoadSocket(port: port)
        keys = MaskKeys(seed: seed)
        _ = socket.writeAll(ClientFrames.handshake(host: "127.0.0.1", port: port))
    }

    /// Bytes queued for the server. Sending never blocks: a driver that waited for room to
    /// write would stop reading, and the server would cut it off as too slow (4001).
    private var outgoing: [UInt8] = []

    func send(_ object: JSONObject) {
        send(framed: frame(object))
    }

    /// `object` as the masked text frame this connection sends next: built ahead when the
    /// time measured has to start at the write, not at the building.
    func frame(_ object: JSONObject) -> [UInt8] {
        ClientFrames.text(JSON.object(object).serialized(), key: keys.next())
    }

    func send(framed frame: [UInt8]) {
        outgoing += frame
        flush()
    }

    /// Writes what the socket takes now.
    func flush() {
        while !outgoing.isEmpty {
            let written = outgoing.withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return }
            outgoing.removeFirst(written)
        }
    }

    /// Reads what is there (non-blocking); false once the connection is gone.
    @discardableResult
    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        while true {
            let count = recv(socket.fd, buffer.baseAddress, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
                closed = true
                return false
            }
            guard count > 0 else { return true }
            bytesReceived += count
            let now = Monotonic.nanoseconds()
            var bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            if !open {
                handshake.append(contentsOf: bytes)
                guard let end = FrameScanner.find([13, 10, 13, 10], in: handshake) else { continue }
                guard handshake.starts(with: Array("HTTP/1.1 101".utf8)) else { closed = true; return false }
                let consumed = end + 4 - (handshake.count - count)
                bytes = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
                open = true
            }
            scanner.consume(bytes) { frame in
                if frame.opcode == 0x1 { messagesReceived += 1 }
                if frame.opcode == 0x1, mayKeep(frame.prefix), let json = try? JSON.parse(frame.prefix),
                   keeping.map({ $0.contains(json["type"]?.string ?? "") }) ?? true {
                    inbox.append((json, now))
                }
                if frame.opcode == 0x9 { _ = socket.writeAll(ClientFrames.pong(frame.prefix, key: keys.next())) }
                if frame.opcode == 0x8 {
                    closed = true
                    closeCode = frame.prefix.count >= 2 ? UInt16(frame.prefix[0]) << 8 | UInt16(frame.prefix[1]) : 1005
                }
                return nil
            }
        }
    }

    /// Whether a message may be of a kept type, judged from its bytes without parsing them: the
    /// server writes compact JSON, so a message of type T holds `"type":"T"`. The moderator's
    /// console refreshes, which grow with the queue, are skipped unparsed this way.
    private func mayKeep(_ message: [UInt8]) -> Bool {
        guard let keepingPatterns else { return true }
        return keepingPatterns.contains { FrameScanner.find($0, in: message) != nil }
    }

    /// Removes and returns the first message of `type`.
    func take(_ type: String) -> (json: JSON, at: Int64)? {
        guard let index = inbox.firstIndex(where: { $0.json["type"]?.string == type }) else { return nil }
        return inbox.remove(at: index)
    }
}

/// The driver's connections on one epoll, pumped until a condition holds or time runs out.
final class DriverPump {
    private let epoll = Epoll(capacity: 256)
    private(set) var connections: [DriverConnection] = []
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    deinit { buffer.deallocate() }

    func add(_ connection: DriverConnection) {
        epoll.add(connection.socket.fd, token: connections.count)
        connections.append(connection)
    }

    /// Pumps for at most `milliseconds`, or one pass with 0.
    func pump(milliseconds: Int32) {
        connections.forEach { $0.flush() }
        epoll.wait(milliseconds: milliseconds) { token in
            let connection = connections[token]
            if !connection.readAvailable(into: buffer) { epoll.remove(connection.socket.fd) }
        }
    }

    /// Pumps until `done` or `seconds` pass; whether `done` held.
    func pump(seconds: Double, until done: () -> Bool) -> Bool {
        let deadline = Monotonic.seconds() + seconds
        while !done() {
            guard Monotonic.seconds() < deadline else { return false }
            pump(milliseconds: 10)
        }
        return true
    }

    func closeAll() { connections.forEach { $0.socket.close() } }
}
