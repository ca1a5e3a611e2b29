public enum SessionPhase: String, Sendable, Equatable {
    /// Check-in is open before the start; nobody can be called yet.
    case checkIn = "check_in"
    case live
    case closed
}

/// One hearing session, from opening to close.
public struct SessionInfo: Sendable, Equatable {
    /// The local date, plus `-2`, `-3`… when more than one session is held that day.
    public var id: String
    public var date: CivilDate
    public var phase: SessionPhase
    public var openedAt: Instant
    public var startsAt: Instant
    /// When the schedule closes the session; nil for a session opened outside the schedule,
    /// which only the moderator closes.
    public var scheduledEnd: Instant?
    public var openedBy: OfficialID?
    public var closedAt: Instant?

    public init(id: String, date: CivilDate, phase: SessionPhase, openedAt: Instant,
                startsAt: Instant, scheduledEnd: Instant?, openedBy: OfficialID?) {
        self.id = id
        self.date = date
        self.phase = phase
        self.openedAt = openedAt
        self.startsAt = startsAt
        self.scheduledEnd = scheduledEnd
        self.openedBy = openedBy
        self.closedAt = nil
    }
}

public struct Announcement: Sendable, Equatable {
    public var number: Int
    public var at: Instant
    public var text: String

    public init(number: Int, at: Instant, text: String) {
        self.number = number
        self.at = at
        self.text = text
    }
}

/// Who holds the floor: one citizen's petition and the official answering it.
public struct Floor: Sendable, Equatable {
    public var folio: Folio
    public var officialID: OfficialID
    public var since: Instant

    public init(folio: Folio, officialID: OfficialID, since: Instant) {
        self.folio = folio
        self.officialID = officialID
        self.since = since
    }
}
