/// What a citizen fills in at check-in, already decoded but not yet validated.
public struct CheckInForm: Sendable, Equatable {
    public var consentAccepted: Bool
    public var noticeVersion: String
    public var name: String
    public var coloniaID: ColoniaID
    public var contact: String?
    public var serviceID: ServiceID
    public var description: String

    public init(consentAccepted: Bool, noticeVersion: String, name: String, coloniaID: ColoniaID,
                contact: String?, serviceID: ServiceID, description: String) {
        self.consentAccepted = consentAccepted
        self.noticeVersion = noticeVersion
        self.name = name
        self.coloniaID = coloniaID
        self.contact = contact
        self.serviceID = serviceID
        self.description = description
    }
}

/// Orders a citizen can give.
public enum CitizenCommand: Sendable, Equatable {
    /// `resumeToken` is minted by the adapter (the core has no randomness).
    case checkIn(CheckInForm, resumeToken: String)
    case leave
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
