import AudienciaCore

/// Who each open connection is, and the reverse lookups the core's recipients need.
struct ConnectionRegistry {
    enum Role: Equatable {
        /// Connected at `since` (seconds since the epoch), no valid `hello` yet.
        case anonymous(since: Int64)
        /// Said `hello` as a viewer; joins the feed when its snapshot is delivered.
        case joiningViewer
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
    private var addresses: [ConnectionID: String] = [:]
    private var perAddress: [String: Int] = [:]
    /// Open citizen connections, checked in or not.
    private(set) var citizenConnections = 0
    /// Changes whenever who is connected may have changed, so presence is rebuilt only then.
    private(set) var presenceVersion = 0

    mutating func open(_ id: ConnectionID, from address: String, at seconds: Int64) {
        roles[id] = .anonymous(since: seconds)
        addresses[id] = address
        perAddress[address, default: 0] += 1
    }

    func address(of id: ConnectionID) -> String { addresses[id] ?? "" }

    /// Connections open from `address`.
    func count(from address: String) -> Int { perAddress[address] ?? 0 }

    func role(of id: ConnectionID) -> Role? { roles[id] }

    mutating func setRole(_ role: Role, for id: ConnectionID) {
        detach(id)
        roles[id] = role
        presenceVersion &+= 1
        switch role {
        case .viewer: viewers.insert(id)
        case .citizen(let folio):
            citizenConnections += 1
            if let folio { citizens[folio, default: []].insert(id) }
        case .official(let official, _): officials[official, default: []].insert(id)
        case .anonymous, .joiningViewer: break
        }
    }

    /// How many consoles each connected official has open.
    var officialConsoles: [OfficialID: Int] { officials.mapValues(\.count) }

    /// Connections that never said `hello` since before `deadline`.
    func silent(since deadline: Int64) -> [ConnectionID] {
        roles.compactMap { id, role in
            if case .anonymous(let since) = role, since < deadline { id } else { nil }
        }
    }

    /// Officials' connections whose token has expired by `now`.
    func expiredOfficials(at now: Int64) -> [ConnectionID] {
        roles.compactMap { id, role in
            if case .official(_, let expiresAt) = role, expiresAt <= now { id } else { nil }
        }
    }

    mutating func close(_ id: ConnectionID) {
        detach(id)
        roles[id] = nil
        presenceVersion &+= 1
        if let address = addresses.removeValue(forKey: id) {
            let remaining = (perAddress[address] ?? 1) - 1
            perAddress[address] = remaining > 0 ? remaining : nil
        }
    }

    private mutating func detach(_ id: ConnectionID) {
        switch roles[id] {
        case .viewer: viewers.remove(id)
        case .citizen(let folio):
            citizenConnections -= 1
            guard let folio else { break }
            citizens[folio]?.remove(id)
            if citizens[folio]?.isEmpty == true { citizens[folio] = nil }
        case .official(let official, _):
            officials[official]?.remove(id)
            if officials[official]?.isEmpty == true { officials[official] = nil }
        case .anonymous, .joiningViewer, nil: break
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
}
