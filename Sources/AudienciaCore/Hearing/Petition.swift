/// The personal data a citizen gives at check-in. Only officials and the protected archive
/// ever see it; nothing here may reach the public feed or the public archive.
public struct CitizenData: Sendable, Equatable {
    public var name: String
    public var contact: String?
    public var description: String
    /// Why the citizen asked for the priority lane: sensitive data, given with express consent.
    public var priorityReason: PriorityReasonID?
    /// Random text minted by the adapter, kept with the data so that the sealed digest left
    /// in the journal after a cancellation cannot be confirmed by guessing the data.
    public var salt: String

    public init(name: String, contact: String?, description: String,
                priorityReason: PriorityReasonID? = nil, salt: String = "") {
        self.name = name
        self.contact = contact
        self.description = description
        self.priorityReason = priorityReason
        self.salt = salt
    }

    /// What is left of a person's data once they cancelled it: nothing.
    public static let cancelled = CitizenData(name: "", contact: nil, description: "")

    public var isCancelled: Bool { self == .cancelled }
}

/// Consent to the privacy notice, recorded with the version the citizen saw.
public struct Consent: Sendable, Equatable {
    public var noticeVersion: String
    public var at: Instant

    public init(noticeVersion: String, at: Instant) {
        self.noticeVersion = noticeVersion
        self.at = at
    }
}

/// How a petition left the live queue.
public enum Resolution: Sendable, Equatable {
    /// Answered on the floor.
    case answeredNow(answer: String, by: OfficialID)
    /// A commitment with an owner department and a due date.
    case inProcess(commitment: String, departmentID: DepartmentID, dueDate: CivilDate, by: OfficialID)
    /// Called to the floor and not present: continues in the permanent channel.
    case noShow(dueDate: CivilDate)
    /// The citizen left the queue: continues in the permanent channel.
    case left(dueDate: CivilDate)
    /// The session closed before the citizen's turn: continues in the permanent channel.
    case carriedForward(dueDate: CivilDate)

    /// Stable name used on the wire and in archives.
    public var kind: String {
        switch self {
        case .answeredNow: "answered_now"
        case .inProcess: "in_process"
        case .noShow: "no_show"
        case .left: "left"
        case .carriedForward: "carried_forward"
        }
    }

    public var dueDate: CivilDate? {
        switch self {
        case .answeredNow: nil
        case .inProcess(_, _, let due, _), .noShow(let due), .left(let due), .carriedForward(let due):
            due
        }
    }
}

public struct Transfer: Sendable, Equatable {
    public var from: DepartmentID
    public var to: DepartmentID
    public var by: OfficialID
    public var at: Instant

    public init(from: DepartmentID, to: DepartmentID, by: OfficialID, at: Instant) {
        self.from = from
        self.to = to
        self.by = by
        self.at = at
    }
}

public enum PetitionStage: String, Sendable, Equatable {
    case waiting, onFloor = "on_floor", concluded
}

/// One citizen's petition in the current session.
public struct Petition: Sendable, Equatable {
    public var folio: Folio
    public var turno: Int
    public var resumeToken: String
    public var citizen: CitizenData
    public var coloniaID: ColoniaID
    public var serviceID: ServiceID
    /// The department answering now; a transfer changes it.
    public var departmentID: DepartmentID
    public var consent: Consent
    /// Placed in the priority lane. Kept after a cancellation (the queue's order depends on
    /// it); the reason itself is personal data and is not.
    public var priority: Bool
    /// The express consent to process the priority reason; nil without one.
    public var sensitiveConsent: Consent?
    /// Every rectification and cancellation of the personal data, in order.
    public var arcoActions: [ArcoAction]
    public var checkedInAt: Instant
    /// When the citizen first reached the floor: the end of their wait.
    public var firstCalledAt: Instant?
    public var stage: PetitionStage
    public var resolution: Resolution?
    public var transfers: [Transfer]

    public init(folio: Folio, turno: Int, resumeToken: String, citizen: CitizenData,
                coloniaID: ColoniaID, serviceID: ServiceID, departmentID: DepartmentID,
                consent: Consent, checkedInAt: Instant) {
        self.folio = folio
        self.turno = turno
        self.resumeToken = resumeToken
        self.citizen = citizen
        self.coloniaID = coloniaID
        self.serviceID = serviceID
        self.departmentID = departmentID
        self.consent = consent
        self.priority = false
        self.sensitiveConsent = nil
        self.arcoActions = []
        self.checkedInAt = checkedInAt
        self.firstCalledAt = nil
        self.stage = .waiting
        self.resolution = nil
        self.transfers = []
    }
}
