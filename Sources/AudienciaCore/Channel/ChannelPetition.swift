/// Where a petition of the permanent channel stands.
public enum ChannelStatus: String, Sendable, Equatable, CaseIterable {
    /// Waiting for its department to take it up (also after a transfer).
    case received
    /// Taken up: a commitment with a due date.
    case inProcess = "in_process"
    /// Answered: the petition is closed.
    case answered
}

/// One step of a petition's life in the permanent channel: who did what, when, and the note
/// the citizen reads (the commitment, the answer, why it was transferred).
public struct ChannelChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case received, inProcess = "in_process", answered, transferred
    }

    public var at: Instant
    public var kind: Kind
    /// The official who made the change; nil when the system did (reception).
    public var by: OfficialID?
    public var note: String
    /// The department in charge after the change.
    public var departmentID: DepartmentID
    /// The due date after the change: set on reception and when taken up.
    public var dueDate: CivilDate?

    public init(at: Instant, kind: Kind, by: OfficialID?, note: String, departmentID: DepartmentID,
                dueDate: CivilDate?) {
        self.at = at
        self.kind = kind
        self.by = by
        self.note = note
        self.departmentID = departmentID
        self.dueDate = dueDate
    }
}

/// How a petition reached the permanent channel.
public enum ChannelOrigin: Sendable, Equatable {
    /// Checked in to the permanent channel itself.
    case channel
    /// Left in process, or carried on (no-show, left the queue, the close), by a hearing.
    case hearing(sessionID: String, outcome: String)
}

/// A petition of the permanent channel. Its state is its history: the status, department
/// and due date are those of the latest change, so replaying changes is all `apply` does.
public struct ChannelPetition: Sendable, Equatable {
    public var folio: Folio
    /// The code that proves the citizen's own petition (the hearing's resume token when the
    /// petition came from a hearing, so the same phone keeps following it).
    public var resumeToken: String
    public var citizen: CitizenData
    public var coloniaID: ColoniaID
    public var serviceID: ServiceID
    public var consent: Consent
    public var receivedAt: Instant
    public var origin: ChannelOrigin
    /// Oldest first; never empty (the first change is the reception).
    public var history: [ChannelChange]
    /// Rectifications and cancellations, as the channel's facts recorded them.
    public var arcoActions: [ArcoAction] = []

    public init(folio: Folio, resumeToken: String, citizen: CitizenData, coloniaID: ColoniaID,
                serviceID: ServiceID, consent: Consent, receivedAt: Instant, origin: ChannelOrigin,
                history: [ChannelChange]) {
        self.folio = folio
        self.resumeToken = resumeToken
        self.citizen = citizen
        self.coloniaID = coloniaID
        self.serviceID = serviceID
        self.consent = consent
        self.receivedAt = receivedAt
        self.origin = origin
        self.history = history
    }

    public var status: ChannelStatus {
        switch history.last?.kind {
        case .inProcess: .inProcess
        case .answered: .answered
        case .received, .transferred, nil: .received
        }
    }

    public var departmentID: DepartmentID { history.last?.departmentID ?? "" }

    public var dueDate: CivilDate? { history.last { $0.dueDate != nil }?.dueDate }

    /// When it was answered, if it was.
    public var answeredAt: Instant? { status == .answered ? history.last?.at : nil }

    /// Still open past its due date, as of `today`.
    public func isOverdue(on today: CivilDate) -> Bool {
        guard status != .answered, let due = dueDate else { return false }
        return due < today
    }
}
