/// Everything the municipality configures in `seeds/`: who serves, what can be asked for,
/// where citizens live, when the hearing runs and what the guidance says.
///
/// The core only reads it; another municipality changes the seeds, never the code.
public struct Catalog: Sendable, Equatable {
    public var municipality: Municipality
    public var schedule: Schedule
    public var departments: [Department]
    public var officials: [Official]
    public var services: [Service]
    public var colonias: [Colonia]
    public var privacy: PrivacyNotice
    public var guidance: GuidanceTemplates

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
    }

    public func department(_ id: DepartmentID) -> Department? { departments.first { $0.id == id } }
    public func official(_ id: OfficialID) -> Official? { officials.first { $0.id == id } }
    public func service(_ id: ServiceID) -> Service? { services.first { $0.id == id } }
    public func colonia(_ id: ColoniaID) -> Colonia? { colonias.first { $0.id == id } }

    /// The director who answers for a department on the floor.
    public func director(of department: DepartmentID) -> Official? {
        officials.first { $0.role == .director && $0.departmentID == department }
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

    public init(version: String, responsible: String, simplified: String, fullURL: String) {
        self.version = version
        self.responsible = responsible
        self.simplified = simplified
        self.fullURL = fullURL
    }
}
