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

    /// Reads the TLS certificate and private key the way libwebsockets will, so a wrong file
    /// is reported by name and reason instead of as a failed vhost. An encrypted key is
    /// refused rather than prompting for a passphrase on a server's terminal.
    static func checkCertificatePair(certificate: String, privateKey: String) throws(ServerError) {
        guard let certificateFile = BIO_new_file(certificate, "r") else {
            throw .storage(path: certificate, reason: "no se pudo leer el certificado TLS")
        }
        defer { BIO_free(certificateFile) }
        guard let x509 = PEM_read_bio_X509(certificateFile, nil, nil, nil) else {
            throw .storage(path: certificate, reason: "no es un certificado X.509 en formato PEM")
        }
        defer { X509_free(x509) }
        guard let keyFile = BIO_new_file(privateKey, "r") else {
            throw .storage(path: privateKey, reason: "no se pudo leer la llave privada TLS")
        }
        defer { BIO_free(keyFile) }
        guard let key = PEM_read_bio_PrivateKey(keyFile, nil, { _, _, _, _ in 0 }, nil) else {
            throw .storage(path: privateKey, reason: "no es una llave privada PEM sin contraseña")
        }
        defer { EVP_PKEY_free(key) }
        guard X509_check_private_key(x509, key) == 1 else {
            throw .storage(path: privateKey, reason: "la llave privada no corresponde al certificado \(certificate)")
        }
    }

    /// Compares in time independent of where the inputs differ, so a forger learns nothing
    /// from how long a refusal takes.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }
}
