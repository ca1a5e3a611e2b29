import AudienciaCore
import AudienciaJSON

/// Officials' credentials: `base64url(claims).base64url(HMAC-SHA256(secret, first part))`,
/// the claims naming the official, role, department and expiry. Signed with the data
/// folder's secret, so a token from another installation is refused.
struct OfficialTokens {
    struct Claims: Equatable {
        var officialID: OfficialID
        var role: String
        var departmentID: String?
        var issuedAt: Int64
        var expiresAt: Int64
        /// Names this one token, so it can be revoked alone. Tokens issued before ids
        /// existed have none and are revoked by official.
        var tokenID: String?
    }

    enum Refusal: Error, Equatable {
        case invalid, expired
    }

    let secret: [UInt8]

    func issue(_ claims: Claims) throws(ServerError) -> String {
        let payload: JSON = .object([
            "sub": .string(claims.officialID.rawValue), "role": .string(claims.role),
            "dep": claims.departmentID.map(JSON.string) ?? .null,
            "iat": .int(claims.issuedAt), "exp": .int(claims.expiresAt),
            "jti": claims.tokenID.map(JSON.string) ?? .null,
        ])
        let body = Base64URL.encode(payload.serialized())
        let signature = try Crypto.hmacSHA256(key: secret, message: Array(body.utf8))
        return body + "." + Base64URL.encode(signature)
    }

    /// The claims of a genuine, unexpired token; `now` is seconds since the epoch.
    func verify(_ token: String, now: Int64) throws(Refusal) -> Claims {
        let claims = try genuineClaims(token)
        guard now < claims.expiresAt else { throw .expired }
        return claims
    }

    /// The claims of a token this secret signed, expired or not.
    func genuineClaims(_ token: String) throws(Refusal) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let signature = Base64URL.decode(String(parts[1])),
              let expected = try? Crypto.hmacSHA256(key: secret, message: Array(parts[0].utf8)),
              Crypto.constantTimeEqual(signature, expected),
              let payload = Base64URL.decode(String(parts[0])),
              let claims = try? JSON.parse(payload),
              let subject = claims["sub"]?.string, let role = claims["role"]?.string,
              let issued = claims["iat"]?.int, let expires = claims["exp"]?.int
        else { throw .invalid }
        return Claims(officialID: OfficialID(subject), role: role, departmentID: claims["dep"]?.string,
                      issuedAt: issued, expiresAt: expires, tokenID: claims["jti"]?.string)
    }
}
