/// A closed session, split the way the law requires: a public record with pseudonyms only,
/// and a protected record with the personal data.
public struct SessionArchive: Sendable, Equatable {
    public var municipality: String
    public var session: SessionInfo
    public var publicRecord: PublicRecord
    public var protectedRecord: ProtectedRecord

    public init(municipality: String, session: SessionInfo, publicRecord: PublicRecord,
                protectedRecord: ProtectedRecord) {
        self.municipality = municipality
        self.session = session
        self.publicRecord = publicRecord
        self.protectedRecord = protectedRecord
    }
}

public struct PublicRecord: Sendable, Equatable {
    public struct Petition: Sendable, Equatable {
        public var turno: Int
        public var folio: Folio
        public var colonia: String
        public var service: String
        public var department: String
        public var outcome: String?
        public var dueDate: CivilDate?
        public var transfers: Int
        public var checkedInAt: Instant
        public var calledAt: Instant?

        public init(turno: Int, folio: Folio, colonia: String, service: String, department: String,
                    outcome: String?, dueDate: CivilDate?, transfers: Int, checkedInAt: Instant,
                    calledAt: Instant?) {
            self.turno = turno
            self.folio = folio
            self.colonia = colonia
            self.service = service
            self.department = department
            self.outcome = outcome
            self.dueDate = dueDate
            self.transfers = transfers
            self.checkedInAt = checkedInAt
            self.calledAt = calledAt
        }
    }

    public var timeline: [TimelineEntry]
    public var petitions: [Petition]
    public var counters: Counters
    public var byDepartment: [DepartmentTally]

    public init(timeline: [TimelineEntry], petitions: [Petition], counters: Counters,
                byDepartment: [DepartmentTally]) {
        self.timeline = timeline
        self.petitions = petitions
        self.counters = counters
        self.byDepartment = byDepartment
    }
}

/// The counters of the petitions a department answered for at the close.
public struct DepartmentTally: Sendable, Equatable {
    public var departmentID: DepartmentID
    public var department: String
    public var counters: Counters

    public init(departmentID: DepartmentID, department: String, counters: Counters) {
        self.departmentID = departmentID
        self.department = department
        self.counters = counters
    }
}

/// The personal data of the session, for authorised officials only.
public struct ProtectedRecord: Sendable, Equatable {
    public var petitions: [Petition]

    public init(petitions: [Petition]) { self.petitions = petitions }
}
