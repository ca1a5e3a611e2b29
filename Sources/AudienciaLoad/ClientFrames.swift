/// The client side of RFC 6455, only as much as the load generator needs: the opening
/// handshake, masked text frames (§5.3: every client frame is masked) and a close.
enum ClientFrames {
    static func handshake(host: String, port: Int, path: String = "/ws") -> [UInt8] {
        Array("""
            GET \(path) HTTP/1.1\r
            Host: \(host):\(port)\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: YXVkaWVuY2lhLWJlbmNoLQ==\r
            Sec-WebSocket-Version: 13\r
            Sec-WebSocket-Protocol: audiencia.v1\r
            \r

            """.utf8)
    }

    /// A masked text frame. The key changes with every frame (a cheap generator is enough:
    /// masking protects intermediaries, not secrets).
    static func text(_ payload: [UInt8], key: UInt32) -> [UInt8] {
        frame(opcode: 0x1, payload, key: key)
    }

    /// A close frame with status `code` (§5.5.1).
    static func close(code: UInt16, key: UInt32) -> [UInt8] {
        frame(opcode: 0x8, [UInt8(code >> 8), UInt8(code & 0xFF)], key: key)
    }

    static func pong(_ payload: [UInt8], key: UInt32) -> [UInt8] {
        frame(opcode: 0xA, payload, key: key)
    }

    private static func frame(opcode: UInt8, _ payload: [UInt8], key: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [0x80 | opcode]
        let count = payload.count
        if count < 126 {
            bytes.append(0x80 | UInt8(count))
        } else if count < 65_536 {
            bytes += [0x80 | 126, UInt8(count >> 8), UInt8(count & 0xFF)]
        } else {
            bytes.append(0x80 | 127)
            bytes += (0..<8).reversed().map { UInt8((UInt64(count) >> (8 * UInt64($0))) & 0xFF) }
        }
        let mask = (0..<4).map { UInt8((key >> (8 * UInt32(3 - $0))) & 0xFF) }
        bytes += mask
        bytes += payload.enumerated().map { $0.element ^ mask[$0.offset & 3] }
        return bytes
    }
}

/// xorshift32: different mask keys without asking the kernel for randomness per frame.
struct MaskKeys {
    private var state: UInt32

    init(seed: UInt32) { state = seed == 0 ? 0x9E37_79B9 : seed }

    mutating func next() -> UInt32 {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state
    }
}
