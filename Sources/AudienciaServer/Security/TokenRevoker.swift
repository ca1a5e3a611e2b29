import AudienciaCore
import AudienciaSeeds
import Foundation
import Glibc

/// Revoking officials' tokens from the CLI: the data folder's `revoked.json` is updated and
/// replaced whole; a running server notices within a tick, closes the consoles those tokens
/// opened (4005) and refuses them at `hello`.
public enum TokenRevoker {
    public enum Target: Sendable {
        /// One token, by the id `token issue` printed.
        case tokenID(String)
        /// One token, given whole (its id is read from it).
        case token(String)
        /// Every token of this official issued up to now, with or without an id.
        case official(String)
    }

    /// Revokes `target` and says, in Spanish, what was revoked.
    public static func revoke(_ target: Target, seeds: URL, data: URL,
                              now: Instant = SystemClock.now()) throws -> String {
        let folder = DataFolder(root: data)
        try folder.prepare()
        let seconds = now.millisecondsSinceEpoch / 1000
        // One revoker at a time: two at once would each drop the other's entry.
        let lock = open(folder.root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw ServerError.storage(path: folder.root.path, reason: "no se pudo abrir") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        var list = try RevocationList.load(from: folder.revocationFile)
        let summary: String
        switch target {
        case .tokenID(let id):
            guard isTokenID(id) else { throw TokenIssueError.invalidTokenID(id) }
            list.revoke(tokenID: id, at: seconds)
            summary = "Credencial \(id) revocada."
        case .token(let token):
            let tokens = OfficialTokens(secret: try folder.secret())
            guard let claims = try? tokens.genuineClaims(token.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw TokenIssueError.notAToken
            }
            if let id = claims.tokenID {
                list.revoke(tokenID: id, at: seconds)
                summary = "Credencial \(id) de \(claims.officialID) revocada."
            } else {
                // Issued before tokens had ids: only revoking by official reaches it.
                list.revoke(official: claims.officialID, issuedUpTo: max(claims.issuedAt, seconds))
                summary = "La credencial no tiene id: se revocaron todas las de \(claims.officialID) emitidas hasta ahora."
            }
        case .official(let id):
            let catalog = try SeedLoader.load(from: seeds)
            guard catalog.official(OfficialID(id)) != nil else {
                throw TokenIssueError.unknownOfficial(id, known: catalog.officials.map(\.id.rawValue))
            }
            list.revoke(official: OfficialID(id), issuedUpTo: seconds)
            summary = "Revocadas todas las credenciales de \(id) emitidas hasta ahora."
        }
        try list.save(to: folder.revocationFile)
        return summary
    }

    private static func isTokenID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && Base64URL.decode(text) != nil
    }
}
