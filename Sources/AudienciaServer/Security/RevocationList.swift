import AudienciaCore
import AudienciaJSON
import Foundation

/// Officials' tokens that no longer open a console: single tokens by id, and every token of
/// an official issued up to a moment (a lost phone, someone who left the post). Kept in the
/// data folder as `revoked.json`, replaced whole on every change, so a running server can
/// re-read it at any time and never sees half a list.
struct RevocationList: Equatable {
    static let format = "audiencia.revocations.v1"

    /// Token id → when it was revoked (seconds since the epoch).
    private(set) var tokens: [String: Int64] = [:]
    /// Official → tokens issued at or before this second are revoked.
    private(set) var officials: [OfficialID: Int64] = [:]

    func isRevoked(_ claims: OfficialTokens.Claims) -> Bool {
        if let id = claims.tokenID, tokens[id] != nil { return true }
        return officials[claims.officialID].map { claims.issuedAt <= $0 } ?? false
    }

    mutating func revoke(tokenID: String, at now: Int64) {
        tokens[tokenID] = tokens[tokenID] ?? now
    }

    mutating func revoke(official: OfficialID, issuedUpTo now: Int64) {
        officials[official] = max(officials[official] ?? now, now)
    }

    /// The earliest second a new token of `official` may carry as its issue time and still
    /// work: a token issued in the very second of a revocation would otherwise be caught by it.
    func firstValidIssue(for official: OfficialID, now: Int64) -> Int64 {
        max(now, (officials[official] ?? now - 1) + 1)
    }

    // MARK: The file

    func json() -> JSON {
        .object([
            "format": .string(Self.format),
            "tokens": .array(tokens.sorted { $0.key < $1.key }.map {
                .object(["id": .string($0.key), "revokedAt": .int($0.value)])
            }),
            "officials": .array(officials.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                .object(["id": .string($0.key.rawValue), "revokedBefore": .int($0.value)])
            }),
        ])
    }

    init() {}

    init(json: JSON, path: String) throws(ServerError) {
        guard json["format"]?.string == Self.format,
              let tokens = json["tokens"]?.array, let officials = json["officials"]?.array else {
            throw .storage(path: path, reason: "no es una lista de revocación de Audiencia (\(Self.format))")
        }
        for token in tokens {
            guard let id = token["id"]?.string, let at = token["revokedAt"]?.int else {
                throw .storage(path: path, reason: "una credencial revocada no tiene «id» y «revokedAt»")
            }
            self.tokens[id] = at
        }
        for official in officials {
            guard let id = official["id"]?.string, let before = official["revokedBefore"]?.int else {
                throw .storage(path: path, reason: "un funcionario revocado no tiene «id» y «revokedBefore»")
            }
            self.officials[OfficialID(id)] = before
        }
    }

    /// The list on disk, or an empty one when there is no file yet.
    static func load(from url: URL) throws(ServerError) -> RevocationList {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch CocoaError.fileReadNoSuchFile {
            return RevocationList()
        } catch {
            throw .storage(path: url.path, reason: "no se pudo leer (\(error.localizedDescription))")
        }
        let json: JSON
        do {
            json = try JSON.parse(Array(bytes))
        } catch {
            throw .storage(path: url.path, reason: "JSON inválido en \(error)")
        }
        return try RevocationList(json: json, path: url.path)
    }

    func save(to url: URL) throws(ServerError) {
        try DurableFile.replace(url, contents: json().serialized(.indented) + [10], mode: 0o600)
    }
}
