import AudienciaCore
import AudienciaJSON

/// Who is in the room right now, as the officials' consoles show it. Officials are named
/// (their names are public in the catalogue); citizens and viewers are only counted, so the
/// message adds no personal data to what a console already holds.
public struct ConsolePresence: Sendable, Equatable {
    public struct Present: Sendable, Equatable {
        public var official: Official
        /// The department's short name, when the official belongs to one.
        public var department: String?
        /// Open consoles signed in with this official's credential (two laptops, a tablet…).
        public var consoles: Int

        public init(official: Official, department: String?, consoles: Int) {
            self.official = official
            self.department = department
            self.consoles = consoles
        }
    }

    /// In catalogue order, so the list does not reshuffle as people come and go.
    public var officials: [Present]
    /// Open citizen connections, checked in or not (one person may have two tabs).
    public var citizens: Int
    /// Connections following the public feed.
    public var viewers: Int

    public init(officials: [Present], citizens: Int, viewers: Int) {
        self.officials = officials
        self.citizens = citizens
        self.viewers = viewers
    }
}

extension ServerEncoder {
    /// `console.presence` (docs/protocol.md).
    public static func consolePresence(_ presence: ConsolePresence) -> JSON {
        .object([
            "type": "console.presence",
            "officials": .array(presence.officials.map { present in
                .object([
                    "id": .string(present.official.id.rawValue), "name": .string(present.official.name),
                    "role": .string(present.official.role.rawValue), "title": .string(present.official.title),
                    "departmentId": JSON(present.official.departmentID?.rawValue),
                    "department": JSON(present.department), "consoles": .int(Int64(present.consoles)),
                ])
            }),
            "citizens": .int(Int64(presence.citizens)),
            "viewers": .int(Int64(presence.viewers)),
        ])
    }
}
