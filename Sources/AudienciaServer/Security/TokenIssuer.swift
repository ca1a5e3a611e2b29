import AudienciaCore
import AudienciaSeeds
import Foundation

/// Issuing officials' tokens from the CLI, with the same secret the server verifies with.
public enum TokenIssuer {
    public static func issue(official id: String, hours: Int, seeds: URL, data: URL,
                             now: Instant = SystemClock.now()) throws -> String {
        let catalog = try SeedLoader.load(from: seeds)
        guard let official = catalog.official(OfficialID(id)) else {
            throw TokenIssueError.unknownOfficial(id, known: catalog.officials.map(\.id.rawValue))
        }
        let tokens = OfficialTokens(secret: try DataFolder(root: data).secret())
        let issued = now.millisecondsSinceEpoch / 1000
        return try tokens.issue(.init(officialID: official.id, role: official.role.rawValue,
                                      departmentID: official.departmentID?.rawValue,
                                      issuedAt: issued, expiresAt: issued + Int64(hours) * 3600))
    }
}

public enum TokenIssueError: Error, CustomStringConvertible {
    case unknownOfficial(String, known: [String])

    public var description: String {
        switch self {
        case .unknownOfficial(let id, let known):
            "No hay un funcionario «\(id)» en officials.json. Opciones: \(known.joined(separator: ", "))"
        }
    }
}
