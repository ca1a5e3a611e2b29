/// Everything the municipality configures in `seeds/`: who serves, what can be asked for,
/// where citizens live, when the hearing runs and what the guidance says.
///
/// The core only reads it; another municipality changes the seeds, never the code.
public struct Catalog: Sendable, Equatable {
    public var municipality: Municipality
    public var schedule: Schedule
    public var departments: [Department] { didSet { index = Index(self) } }
    public var officials: [Official] { didSet { index = Index(self) } }
    public var services: [Service] { didSet { index = Index(self) } }
    public var colonias: [Colonia] { didSet { index = Index(self) } }
    public var privacy: PrivacyNotice
    public var guidance: GuidanceTemplates

    /// Positions by id: lookups happen for every petition on every projection, so they must
    /// not walk the lists. Derived from the lists and rebuilt whenever one changes.
    private var index = Index()

    private struct Index: Sendable, Equatable {
        var departments: [DepartmentID: Int] = [:]
        var officials: [OfficialID: Int] = [:]
        var services: [ServiceID: Int] = [:]
        var colonias: [ColoniaID: Int] = [:]
        var directors: [DepartmentID: Int] = [:]

        init() {}

        init(_ catalog: Catalog) {
            func positions<ID: Hashable>(_ ids: [ID]) -> [ID: Int] {
                Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            }
            departments = positions(catalog.departments.map(\.id))
            officials = positions(catalog.officials.map(\.id))
            services = positions(catalog.services.map(\.id))
            colonias = positions(catalog.colonias.map(\.id))
            for (position, official) in catalog.officials.enumerated().reversed()
            where official.role == .director {
                if let department = official.departmentID { directors[department] = position }
            }
        }
    }

    public init(
        municipality: Municipality, schedule: Schedule, departments: [Department],
        officials: [Official], services: [Service], colonias: [Colonia],
        privacy: PrivacyNotice, guidance: GuidanceTemplates
    ) {
        self.municipality = municipality
        self.schedule = schedule
        self.departments = departments
        self.officials = officials
        self.services = services
        self.colonias = colonias
        self.privacy = privacy
        self.guidance = guidance
        index = Index(self)
    }

    public func department(_ id: DepartmentID) -> Department? { index.departments[id].map { departments[$0] } }
    public func official(_ id: OfficialID) -> Official? { index.officials[id].map { officials[$0] } }
    public func service(_ id: ServiceID) -> Service? { index.services[id].map { services[$0] } }
    public func colonia(_ id: ColoniaID) -> Colonia? { index.colonias[id].map { colonias[$0] } }

    /// The director who answers for a department on the floor (the first listed).
    public func director(of department: DepartmentID) -> Official? {
        index.directors[department].map { officials[$0] }
    }

    public var mayor: Official? { officials.first { $0.role == .mayor } }

    public var clock: LocalClock { LocalClock(utcOffsetMinutes: municipality.utcOffsetMinutes) }
}

public struct Municipality: Sendable, Equatable {
    public var name: String
    public var state: String
    public var timeZone: String
    public var utcOffsetMinutes: Int
    /// Folios read `<prefix>-<year>-<six digits>`, e.g. `AUD-2026-000123`.
    public var folioPrefix: String
    /// Working days the permanent channel has to answer a petition carried forward.
    public var followUpWorkingDays: Int

    public init(name: String, state: String, timeZone: String, utcOffsetMinutes: Int,
                folioPrefix: String, followUpWorkingDays: Int) {
        self.name = name
        self.state = state
        self.timeZone = timeZone
        self.utcOffsetMinutes = utcOffsetMinutes
        self.folioPrefix = folioPrefix
        self.followUpWorkingDays = followUpWorkingDays
    }
}

public struct Department: Sendable, Equatable {
    public var id: DepartmentID
    public var name: String
    public var shortName: String

    public init(id: DepartmentID, name: String, shortName: String) {
        self.id = id
        self.name = name
        self.shortName = shortName
    }
}

public enum OfficialRole: String, Sendable, Equatable, CaseIterable {
    case mayor, director, moderator
}

public struct Official: Sendable, Equatable {
    public var id: OfficialID
    public var name: String
    public var role: OfficialRole
    /// How the official is introduced to a citizen, e.g. "Directora de Obras Públicas".
    public var title: String
    public var departmentID: DepartmentID?

    public init(id: OfficialID, name: String, role: OfficialRole, title: String,
                departmentID: DepartmentID?) {
        self.id = id
        self.name = name
        self.role = role
        self.title = title
        self.departmentID = departmentID
    }
}

/// When in a petition's life a guidance step applies.
public enum GuidanceStage: String, Sendable, Equatable, CaseIterable, Comparable {
    case waiting, floor, outcome

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

public struct GuidanceStep: Sendable, Equatable {
    public var stage: GuidanceStage
    public var title: String
    public var detail: String

    public init(stage: GuidanceStage, title: String, detail: String) {
        self.stage = stage
        self.title = title
        self.detail = detail
    }
}

public struct Service: Sendable, Equatable {
    public var id: ServiceID
    public var name: String
    public var departmentID: DepartmentID
    public var summary: String
    public var steps: [GuidanceStep]

    public init(id: ServiceID, name: String, departmentID: DepartmentID, summary: String,
                steps: [GuidanceStep]) {
        self.id = id
        self.name = name
        self.departmentID = departmentID
        self.summary = summary
        self.steps = steps
    }
}

public struct Colonia: Sendable, Equatable {
    public var id: ColoniaID
    public var name: String
    /// barrio, pueblo, colonia, fraccionamiento or unidad-habitacional.
    public var kind: String

    public init(id: ColoniaID, name: String, kind: String) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

public struct PrivacyNotice: Sendable, Equatable {
    public var version: String
    public var responsible: String
    public var simplified: String
    public var fullURL: String
    /// The sensitive-data side of the notice: the priority lane and its separate consent.
    public var sensitive: SensitiveDataPolicy
    /// How long protected records (protected archives and journals) are kept, in days.
    public var retentionDays: Int

    public init(version: String, responsible: String, simplified: String, fullURL: String,
                sensitive: SensitiveDataPolicy = SensitiveDataPolicy(), retentionDays: Int = 1825) {
        self.version = version
        self.responsible = responsible
        self.simplified = simplified
        self.fullURL = fullURL
        self.sensitive = sensitive
        self.retentionDays = retentionDays
    }
}
