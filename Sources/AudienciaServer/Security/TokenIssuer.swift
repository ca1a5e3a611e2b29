import AudienciaCore
import AudienciaSeeds
import Foundation

/// Issuing officials' tokens from the CLI, with the same secret the server verifies with.
public enum TokenIssuer {
    public struct Issued: Sendable {
        public var token: String
        /// The token's id, for `audiencia token revoke --id`.
        public var id: String
        public var expiresAt: Instant
    }

    public static func issue(official id: String, hours: Int, seeds: URL, data: URL,
                             now: Instant = SystemClock.now()) throws -> String {
        try issueWithID(official: id, hours: hours, seeds: seeds, data: data, now: now).token
    }

    public static func issueWithID(official id: String, hours: Int, seeds: URL, data: URL,
                                   now: Instant = SystemClock.now()) throws -> Issued {
        let catalog = try SeedLoader.load(from: seeds)
        guard let official = catalog.official(OfficialID(id)) else {
            throw TokenIssueError.unknownOfficial(id, known: catalog.officials.map(\.id.rawValue))
        }
        let folder = DataFolder(root: data)
        let tokens = OfficialTokens(secret: try folder.secret())
        let revocations = try RevocationList.load(from: folder.revocationFile)
        let now = now.millisecondsSinceEpoch / 1000
        let expires = now + Int64(hours) * 3600
        // 96 random bits: ids are for revoking, not secrets, but must never collide.
        let tokenID = Base64URL.encode(try Crypto.randomBytes(12))
        let token = try tokens.issue(.init(officialID: official.id, role: official.role.rawValue,
                                           departmentID: official.departmentID?.rawValue,
                                           issuedAt: revocations.firstValidIssue(for: official.id, now: now),
                                           expiresAt: expires, tokenID: tokenID))
        return Issued(token: token, id: tokenID, expiresAt: Instant(millisecondsSinceEpoch: expires * 1000))
    }
}

public enum TokenIssueError: Error, CustomStringConvertible {
    case unknownOfficial(String, known: [String])
    case notAToken
    case invalidTokenID(String)

    public var description: String {
        switch self {
        case .unknownOfficial(let id, let known):
            "No hay un funcionario «\(id)» en officials.json. Opciones: \(known.joined(separator: ", "))"
        case .notAToken:
            "Esa no es una credencial firmada con el secreto de esta carpeta de datos."
        case .invalidTokenID(let id):
            "«\(id)» no es un id de credencial (letras, dígitos, «-» y «_», hasta 64)."
        }
    }
}
