import COpenSSL

/// HMAC-SHA256 and random bytes from OpenSSL's libcrypto (Debian's libwebsockets does not
/// export lws_genhmac). The only file that imports COpenSSL.
enum Crypto {
    static func hmacSHA256(key: [UInt8], message: [UInt8]) throws(ServerError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(key.count),
                     messageBytes.baseAddress, messageBytes.count, &digest, &length)
            }
        }
        guard result != nil else { throw .crypto("HMAC") }
        return Array(digest.prefix(Int(length)))
    }

    static func randomBytes(_ count: Int) throws(ServerError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw .crypto("RAND_bytes") }
        return bytes
    }

    /// Compares in time independent of where the inputs differ, so a forger learns nothing
    /// from how long a refusal takes.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }
}

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
        guard bits < 6 else { return nil }
        return out
    }
}
