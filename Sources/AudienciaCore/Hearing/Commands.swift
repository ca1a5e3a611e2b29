/// What a citizen fills in at check-in, already decoded but not yet validated.
public struct CheckInForm: Sendable, Equatable {
    public var consentAccepted: Bool
    public var noticeVersion: String
    public var name: String
    public var coloniaID: ColoniaID
    public var contact: String?
    public var serviceID: ServiceID
    public var description: String
    /// Asked for the priority lane; nil for the ordinary queue.
    public var priority: PriorityRequest?
    /// Minted by the adapter (see `CitizenData.salt`), not typed by the citizen.
    public var salt: String

    public init(consentAccepted: Bool, noticeVersion: String, name: String, coloniaID: ColoniaID,
                contact: String?, serviceID: ServiceID, description: String,
                priority: PriorityRequest? = nil, salt: String = "") {
        self.consentAccepted = consentAccepted
        self.noticeVersion = noticeVersion
        self.name = name
        self.coloniaID = coloniaID
        self.contact = contact
        self.serviceID = serviceID
        self.description = description
        self.priority = priority
        self.salt = salt
    }
}

/// A request for the priority lane: the reason, and the separate, express consent to
/// process it (sensitive data), apart from the general notice's.
public struct PriorityRequest: Sendable, Equatable {
    public var reasonID: PriorityReasonID
    public var expressConsent: Bool

    public init(reasonID: PriorityReasonID, expressConsent: Bool) {
        self.reasonID = reasonID
        self.expressConsent = expressConsent
    }
}

/// Orders a citizen can give.
public enum CitizenCommand: Sendable, Equatable {
    /// `resumeToken` is minted by the adapter (the core has no randomness).
    case checkIn(CheckInForm, resumeToken: String)
    case leave
    /// An ARCO request about `folio`, proven by the resume token given at its check-in; the
    /// connection need not be the one that checked in.
    case arco(ArcoRequest, folio: Folio, resumeToken: String)
}

/// The outcome an official records for the petition on the floor.
public enum OutcomeForm: Sendable, Equatable {
    case answeredNow(answer: String)
    case inProcess(commitment: String, departmentID: DepartmentID?, dueDate: CivilDate)
    case transferred(to: DepartmentID)
}

/// Orders an authenticated official can give. The adapter has already checked the token;
/// the core checks what the official's role allows.
public enum OfficialCommand: Sendable, Equatable {
    case openSession
    case closeSession
    /// Calls the head of the queue; `officialID` overrides the responsible director.
    case callNext(officialID: OfficialID?)
    case markNoShow(folio: Folio)
    /// Moves a waiting petition to `position` (1 is the head): priority cases, reordering.
    case movePetition(folio: Folio, toPosition: Int)
    /// Hands a waiting petition to another department, keeping its place in the queue; its
    /// director then answers it.
    case transferPetition(folio: Folio, to: DepartmentID)
    case takeFloor
    case recordOutcome(folio: Folio, OutcomeForm)
    case announce(text: String)
}

/// Everything that can happen to the hearing.
public enum Input: Sendable, Equatable {
    /// A connection introduced itself as a citizen (not yet checked in).
    case citizenConnected(ConnectionID)
    /// A citizen came back with the resume token given at check-in.
    case citizenResumed(resumeToken: String, ConnectionID)
    /// A connection proved, with a valid token, that it is this official.
    case officialConnected(OfficialID, ConnectionID)
    case viewerConnected(ConnectionID)
    /// `folio` is the petition the connection is bound to, if any.
    case citizen(CitizenCommand, folio: Folio?, ConnectionID, ref: String?)
    case official(OfficialCommand, by: OfficialID, ConnectionID, ref: String?)
    /// Time passed: the schedule may open, start or close the session.
    case clockTicked
}
