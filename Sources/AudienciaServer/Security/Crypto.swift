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

    /// SHA-256 of `bytes`, for the journal's hash chain.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { sha256($0) }
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, &digest)
        return digest
    }

    static func randomBytes(_ count: Int) throws(ServerError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw .crypto("RAND_bytes") }
        return bytes
    }

    /// Frees OpenSSL's state for the calling thread now. Otherwise a thread's exit frees it in
    /// a destructor that can race with OpenSSL's own clean-up when the process exits, which
    /// crashed the server now and then right after a stop.
    static func releaseThreadState() {
        OPENSSL_thread_stop()
    }

    /// Compares in time independent of where the inputs differ, so a forger learns nothing
    /// from how long a refusal takes.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }
}
