import AudienciaJSON
import Foundation
import Glibc

/// A small blocking WebSocket client (RFC 6455) for live tests: loopback only, every read
/// bounded by a deadline. It masks what it sends (§5.3) and reads unfragmented frames,
/// which is what the server sends.
final class TestWebSocket {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Messages read but not yet asked for, in arrival order.
    private(set) var pending: [JSON] = []
    /// Every text frame received, raw, for privacy scans.
    private(set) var rawFrames: [String] = []
    private(set) var closeCode: UInt16?
    /// Whether a server ping gets its pong, as browsers do; off, the client plays a phone
    /// that lost coverage.
    var answersPings = false
    private(set) var pingsReceived = 0
    /// The server closed the TCP connection (with or without a close frame).
    private(set) var hungUp = false

    /// - Parameters:
    ///   - subprotocol: nil sends no `Sec-WebSocket-Protocol` header.
    ///   - receiveBuffer: a small kernel receive buffer, to play a client that reads slowly.
    ///   - origin: an `Origin` header, as a browser sends.
    init(port: Int, subprotocol: String? = "audiencia.v1", receiveBuffer: Int32? = nil, origin: String? = nil) throws {
        fd = try LoopbackSocket.connect(port: port, receiveBuffer: receiveBuffer)
        try writeAll(Array("""
            GET /ws HTTP/1.1\r
            Host: 127.0.0.1:\(port)\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            \(subprotocol.map { "Sec-WebSocket-Protocol: \($0)\r\n" } ?? "")\(origin.map { "Origin: \($0)\r\n" } ?? "")\r\n
            """.utf8))
        let header = try readUntilHeaderEnd(deadline: Date().addingTimeInterval(5))
        guard header.hasPrefix("HTTP/1.1 101") else { throw Failure(description: "handshake: \(header)") }
    }

    deinit { Glibc.close(fd) }

    /// Makes the close at `deinit` a reset (RST), as a phone that loses its network does to a
    /// server that writes to it next.
    func resetOnClose() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    func send(_ json: JSON) throws { try sendFrame(opcode: 0x1, payload: json.serialized()) }

    func sendText(_ text: String) throws { try sendFrame(opcode: 0x1, payload: Array(text.utf8)) }

    func sendBinary(_ bytes: [UInt8]) throws { try sendFrame(opcode: 0x2, payload: bytes) }

    /// The next message of `type` (and matching `where`), waiting up to `timeout` seconds;
    /// other messages stay pending for later calls.
    func expect(_ type: String, timeout: TimeInterval = 5, where matches: (JSON) -> Bool = { _ in true }) throws -> JSON {
        try expect(timeout: timeout, described: type) { $0["type"]?.string == type && matches($0) }
    }

    /// The next message matching `matches`, whatever its type.
    func expect(timeout: TimeInterval = 5, described: String = "message", where matches: (JSON) -> Bool) throws -> JSON {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let index = pending.firstIndex(where: matches) {
                return pending.remove(at: index)
            }
            guard let message = try readMessage(deadline: deadline) else {
                throw Failure(description: "no \(described) within \(timeout)s; pending: \(pending.map { $0["type"]?.string ?? "?" })")
            }
            pending.append(message)
        }
    }

    /// Reads until the server closes the connection, or the deadline; the close code, if any.
    func waitForClose(timeout: TimeInterval = 5) throws -> UInt16? {
        let deadline = Date().addingTimeInterval(timeout)
        while closeCode == nil, Date() < deadline {
            if let message = try readMessage(deadline: deadline) { pending.append(message) }
        }
        return closeCode
    }

    /// Reads until the server closes the TCP connection, or the deadline; whether it did.
    func waitForHangUp(timeout: TimeInterval) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !hungUp, Date() < deadline {
            if let message = try readMessage(deadline: deadline) { pending.append(message) }
        }
        return hungUp
    }

    /// Reads whatever arrives within `timeout` seconds.
    func drain(timeout: TimeInterval = 0.3) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while let message = try readMessage(deadline: deadline) { pending.append(message) }
    }

    /// Removes and returns every pending message of `type`.
    @discardableResult
    func take(_ type: String) -> [JSON] {
        let taken = pending.filter { $0["type"]?.string == type }
        pending.removeAll { $0["type"]?.string == type }
        return taken
    }

    // MARK: Frames

    private func sendFrame(opcode: UInt8, payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        switch payload.count {
        case 0..<126: frame.append(0x80 | UInt8(payload.count))
        case 126...0xFFFF: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try writeAll(frame)
    }

    /// The next text message, or nil at the deadline. Records a close; answers pings only when
    /// `answersPings`.
    private func readMessage(deadline: Date) throws -> JSON? {
        while true {
            if let (opcode, payload) = try nextFrame(deadline: deadline) {
                switch opcode {
                case 0x1:
                    let text = String(decoding: payload, as: UTF8.self)
                    rawFrames.append(text)
                    return try JSON.parse(payload)
                case 0x8:
                    closeCode = payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : 1005
                    return nil
                case 0x9:
                    pingsReceived += 1
                    if answersPings { try sendFrame(opcode: 0xA, payload: payload) }
                    continue
                default:
                    continue
                }
            }
            return nil
        }
    }

    private func nextFrame(deadline: Date) throws -> (UInt8, [UInt8])? {
        while true {
            if buffer.count >= 2 {
                let opcode = buffer[0] & 0x0F
                var length = Int(buffer[1] & 0x7F)
                var offset = 2
                if length == 126, buffer.count >= 4 {
                    length = Int(buffer[2]) << 8 | Int(buffer[3]); offset = 4
                } else if length == 127, buffer.count >= 10 {
                    length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }; offset = 10
                } else if length >= 126 {
                    offset = Int.max
                }
                if offset != Int.max, buffer.count >= offset + length {
                    let payload = Array(buffer[offset..<offset + length])
                    buffer.removeFirst(offset + length)
                    return (opcode, payload)
                }
            }
            guard try fill(deadline: deadline) else { return nil }
        }
    }

    /// Reads more bytes; false at the deadline or when the peer closed.
    private func fill(deadline: Date) throws -> Bool {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(remaining * 1000) + 1) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else {
            hungUp = true
            return false
        }
        buffer += chunk.prefix(count)
        return true
    }

    private func readUntilHeaderEnd(deadline: Date) throws -> String {
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = buffer.firstRange(of: end) {
                let header = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeFirst(range.upperBound)
                return header
            }
            guard try fill(deadline: deadline) else { throw Failure(description: "no handshake reply") }
        }
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "send") }
            offset += written
        }
    }
}
