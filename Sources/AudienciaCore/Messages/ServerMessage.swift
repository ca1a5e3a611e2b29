/// Messages the hearing sends, as typed values; AudienciaWire turns them into JSON.
public enum ServerMessage: Sendable, Equatable {
    /// To a citizen who just connected: the session and what to choose from.
    case citizenWelcome(session: SessionSummary, catalog: Catalog)
    /// `ref` echoes the check-in's, so the client can match the reply.
    case checkInAccepted(CheckInReceipt, ref: String?)
    /// To a citizen who came back with their resume token.
    case resumed(CheckInReceipt)
    case guidance(Guidance)
    case officialWelcome(Official)
    case console(ConsoleState)
    /// To the official who has just been given the floor.
    case floorBrief(FloorBrief)
    case feedSnapshot(FeedSnapshot)
    /// ARCO: everything held about the folio, to the person who proved it is theirs.
    case arcoData(PersonalDataExport, ref: String?)
    case ok(ref: String?)
    case error(HearingError, ref: String?)
}

public struct CheckInReceipt: Sendable, Equatable {
    public var folio: Folio
    public var turno: Int
    public var resumeToken: String
    public var stage: PetitionStage
    public var position: Int?

    public init(folio: Folio, turno: Int, resumeToken: String, stage: PetitionStage, position: Int?) {
        self.folio = folio
        self.turno = turno
        self.resumeToken = resumeToken
        self.stage = stage
        self.position = position
    }
}

/// One step of the service's checklist and where the citizen stands on it.
public struct StepProgress: Sendable, Equatable {
    public enum State: String, Sendable, Equatable { case done, current, pending }
    public var title: String
    public var detail: String
    public var state: State

    public init(title: String, detail: String, state: State) {
        self.title = title
        self.detail = detail
        self.state = state
    }
}

/// A prompt of the guidance engine ("paso a paso") for one citizen.
public struct Guidance: Sendable, Equatable {
    public var folio: Folio
    public var key: GuidanceKey
    public var prompt: String
    public var steps: [StepProgress]
    public var position: Int?
    public var estimatedWaitMinutes: Int?

    public init(folio: Folio, key: GuidanceKey, prompt: String, steps: [StepProgress],
                position: Int?, estimatedWaitMinutes: Int?) {
        self.folio = folio
        self.key = key
        self.prompt = prompt
        self.steps = steps
        self.position = position
        self.estimatedWaitMinutes = estimatedWaitMinutes
    }
}

/// A petition as officials see it: personal data included, so it never leaves officials'
/// connections and the protected archive.
public struct PetitionDetail: Sendable, Equatable {
    public var folio: Folio
    public var turno: Int
    public var name: String
    public var contact: String?
    public var colonia: String
    public var service: String
    public var departmentID: DepartmentID
    public var department: String
    public var description: String
    public var checkedInAt: Instant
    public var transferred: Bool
    /// In the priority lane. The reason is not shown: officials attend the person, and the
    /// reason stays in the protected record.
    public var priority: Bool

    public init(folio: Folio, turno: Int, name: String, contact: String?, colonia: String,
                service: String, departmentID: DepartmentID, department: String,
                description: String, checkedInAt: Instant, transferred: Bool, priority: Bool = false) {
        self.folio = folio
        self.turno = turno
        self.name = name
        self.contact = contact
        self.colonia = colonia
        self.service = service
        self.departmentID = departmentID
        self.department = department
        self.description = description
        self.checkedInAt = checkedInAt
        self.transferred = transferred
        self.priority = priority
    }
}

/// What the official on the floor needs: the petition and the service's checklist.
public struct FloorBrief: Sendable, Equatable {
    public var petition: PetitionDetail
    /// Who answers: shown by name on every console.
    public var official: Official
    public var since: Instant
    public var checklist: [GuidanceStep]

    public init(petition: PetitionDetail, official: Official, since: Instant,
                checklist: [GuidanceStep]) {
        self.petition = petition
        self.official = official
        self.since = since
        self.checklist = checklist
    }
}

/// The officials' console: the whole room, with personal data.
public struct ConsoleState: Sendable, Equatable {
    public var session: SessionSummary
    public var floor: FloorBrief?
    public var queue: [PetitionDetail]
    public var counters: Counters
    public var announcements: [Announcement]

    public init(session: SessionSummary, floor: FloorBrief?, queue: [PetitionDetail],
                counters: Counters, announcements: [Announcement]) {
        self.session = session
        self.floor = floor
        self.queue = queue
        self.counters = counters
        self.announcements = announcements
    }
}
