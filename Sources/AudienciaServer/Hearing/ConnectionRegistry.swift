import AudienciaCore

/// Who each open connection is, and the reverse lookups the core's recipients need.
struct ConnectionRegistry {
    enum Role: Equatable {
        /// Connected, has not sent a valid `hello` yet.
        case anonymous
        case viewer
        /// A citizen connection; `folio` once checked in or resumed.
        case citizen(folio: Folio?)
        /// `expiresAt` is the token's expiry in seconds since the epoch.
        case official(OfficialID, expiresAt: Int64)
    }

    private(set) var roles: [ConnectionID: Role] = [:]
    private var citizens: [Folio: Set<ConnectionID>] = [:]
    private var officials: [OfficialID: Set<ConnectionID>] = [:]
    private(set) var viewers: Set<ConnectionID> = []

    mutating func open(_ id: ConnectionID) { roles[id] = .anonymous }

    func role(of id: ConnectionID) -> Role? { roles[id] }

    mutating func setRole(_ role: Role, for id: ConnectionID) {
        detach(id)
        roles[id] = role
        switch role {
        case .viewer: viewers.insert(id)
        case .citizen(let folio?): citizens[folio, default: []].insert(id)
        case .official(let official, _): officials[official, default: []].insert(id)
        case .anonymous, .citizen(nil): break
        }
    }

    mutating func close(_ id: ConnectionID) {
        detach(id)
        roles[id] = nil
    }

    private mutating func detach(_ id: ConnectionID) {
        switch roles[id] {
        case .viewer: viewers.remove(id)
        case .citizen(let folio?): citizens[folio]?.remove(id)
        case .official(let official, _): officials[official]?.remove(id)
        case .anonymous, .citizen(nil), nil: break
        }
    }

    func connections(for recipient: Recipient) -> [ConnectionID] {
        switch recipient {
        case .connection(let id): roles[id] == nil ? [] : [id]
        case .citizen(let folio): Array(citizens[folio] ?? [])
        case .official(let official): Array(officials[official] ?? [])
        case .officials: officials.values.flatMap { $0 }
        }
    }

    var count: Int { roles.count }
}
