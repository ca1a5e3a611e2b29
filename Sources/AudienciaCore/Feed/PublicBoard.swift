/// What anyone may see of the session: the public projection. Citizens appear only as
/// "Turno 14 · colonia · service"; never a name, a contact or the petition's text.
public struct PublicBoard: Sendable, Equatable {
    public var session: SessionSummary
    public var floor: PublicFloor?
    public var queueLength: Int
    public var counters: Counters

    public init(session: SessionSummary, floor: PublicFloor?, queueLength: Int, counters: Counters) {
        self.session = session
        self.floor = floor
        self.queueLength = queueLength
        self.counters = counters
    }
}

public struct SessionSummary: Sendable, Equatable {
    public var id: String?
    public var phase: SessionPhase
    public var startsAt: Instant?
    public var endsAt: Instant?
    /// The next scheduled hearing, shown while the room is closed.
    public var nextSessionStart: Instant?

    public init(id: String?, phase: SessionPhase, startsAt: Instant?, endsAt: Instant?,
                nextSessionStart: Instant?) {
        self.id = id
        self.phase = phase
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.nextSessionStart = nextSessionStart
    }
}

/// An official is public by name and role; the citizen only by turno, colonia and topic.
public struct PublicFloor: Sendable, Equatable {
    public var turno: Int
    public var colonia: String
    public var service: String
    public var department: String
    public var officialName: String
    public var officialTitle: String
    public var since: Instant

    public init(turno: Int, colonia: String, service: String, department: String,
                officialName: String, officialTitle: String, since: Instant) {
        self.turno = turno
        self.colonia = colonia
        self.service = service
        self.department = department
        self.officialName = officialName
        self.officialTitle = officialTitle
        self.since = since
    }
}

/// One line of the session's public minutes.
public struct TimelineEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case sessionOpened = "session_opened", sessionLive = "session_live"
        case checkedIn = "checked_in", called, floorTaken = "floor_taken"
        case answeredNow = "answered_now", inProcess = "in_process", transferred
        case moved, noShow = "no_show", left, carriedForward = "carried_forward"
        case announcement, sessionClosed = "session_closed"
    }

    public var at: Instant
    public var kind: Kind
    public var turno: Int?
    public var colonia: String?
    public var service: String?
    public var department: String?
    public var official: String?
    public var dueDate: CivilDate?
    public var text: String?

    public init(at: Instant, kind: Kind, turno: Int? = nil, colonia: String? = nil,
                service: String? = nil, department: String? = nil, official: String? = nil,
                dueDate: CivilDate? = nil, text: String? = nil) {
        self.at = at
        self.kind = kind
        self.turno = turno
        self.colonia = colonia
        self.service = service
        self.department = department
        self.official = official
        self.dueDate = dueDate
        self.text = text
    }
}

/// A delta on the public feed: what happened and the board after it. `seq` increases by one
/// per event, so a viewer can tell it missed something.
public struct FeedEvent: Sendable, Equatable {
    public var seq: Int
    public var entry: TimelineEntry
    public var board: PublicBoard

    public init(seq: Int, entry: TimelineEntry, board: PublicBoard) {
        self.seq = seq
        self.entry = entry
        self.board = board
    }
}

/// What a viewer receives on connecting; deltas continue from `seq + 1`.
public struct FeedSnapshot: Sendable, Equatable {
    public var seq: Int
    public var board: PublicBoard
    public var announcements: [Announcement]
    public var recent: [TimelineEntry]

    public init(seq: Int, board: PublicBoard, announcements: [Announcement], recent: [TimelineEntry]) {
        self.seq = seq
        self.board = board
        self.announcements = announcements
        self.recent = recent
    }
}
