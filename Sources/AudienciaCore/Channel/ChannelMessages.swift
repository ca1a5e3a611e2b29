/// What the channel wants done, as data; the adapter carries these out in order, after the
/// journal entries before them are durable.
public enum ChannelEffect: Sendable, Equatable {
    case journal(ChannelJournalEntry)
    /// The connection follows this folio: it is told of every change.
    case follow(ConnectionID, Folio)
    case send(ChannelMessage, to: Recipient)
    /// The backlog changed: every connected official needs theirs again.
    case refreshBacklogs
}

/// Messages the channel sends; AudienciaWire turns them into JSON.
public enum ChannelMessage: Sendable, Equatable {
    /// The reply to a channel check-in: the folio and the code to follow it.
    case received(folio: Folio, resumeToken: String, FolioStatus, ref: String?)
    /// A folio's status: the reply to a question, or pushed to its followers on a change.
    case status(FolioStatus, ref: String?)
    case backlog(ChannelBacklog, ref: String?)
    case ok(ref: String?)
    case error(ChannelError, ref: String?)
    /// Everything the channel holds about the folio, for the person it belongs to.
    case arcoData(ChannelPersonalDataExport, ref: String?)
}

/// A petition's status as its citizen (or anyone with the folio) sees it. Without the
/// resume code `withNotes` is false and no note, commitment or answer text is included.
public struct FolioStatus: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var at: Instant
        public var kind: ChannelChange.Kind
        public var department: String
        public var dueDate: CivilDate?
        /// Only with the resume code.
        public var note: String?
    }

    public var folio: Folio
    public var status: ChannelStatus
    public var departmentID: DepartmentID
    public var department: String
    public var service: String
    public var colonia: String
    public var receivedAt: Instant
    public var dueDate: CivilDate?
    public var overdue: Bool
    public var withNotes: Bool
    /// What happens next, in plain Spanish.
    public var nextStep: String
    public var history: [Step]
}

/// One open petition in an official's backlog. Personal data: officials only.
public struct BacklogItem: Sendable, Equatable {
    public var folio: Folio
    public var status: ChannelStatus
    public var departmentID: DepartmentID
    public var department: String
    public var service: String
    public var colonia: String
    public var name: String
    public var contact: String?
    public var description: String
    public var receivedAt: Instant
    public var dueDate: CivilDate?
    public var overdue: Bool
    /// `channel`, or the id of the hearing session it came from.
    public var origin: String
    public var lastChange: ChannelChange
}

/// An official's backlog: overdue petitions first (the most overdue first), then the rest,
/// oldest first.
public struct ChannelBacklog: Sendable, Equatable {
    /// The department shown; nil: every department (the mayor).
    public var departmentID: DepartmentID?
    public var today: CivilDate
    public var items: [BacklogItem]
}
