/// URL-safe base64 without padding (RFC 4648 §5), for tokens that travel in JSON and URLs.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<(chunk.count + 1) {
                out.append(alphabet[(value >> (18 - 6 * position)) & 63])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var lookup = [Int](repeating: -1, count: 256)
        for (index, char) in alphabet.enumerated() { lookup[Int(char)] = index }
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for char in text.utf8 {
            let value = lookup[Int(char)]
            guard value >= 0 else { return nil }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        // Only the canonical form: leftover bits must be zero, so no two texts decode to the
        // same bytes (a token altered in its last character is not the same token).
        guard bits < 6, buffer & ((1 << bits) - 1) == 0 else { return nil }
        return out
    }
}
