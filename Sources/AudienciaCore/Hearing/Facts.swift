/// What happened to the hearing, named as facts. Applying the same facts in the same order to
/// a fresh hearing rebuilds the same state.
public enum Fact: Sendable, Equatable {
    case sessionOpened(SessionInfo)
    case sessionWentLive(by: OfficialID?)
    case citizenCheckedIn(Petition)
    case citizenCalled(Folio, officialID: OfficialID)
    case floorTaken(by: OfficialID)
    case petitionResolved(Folio, Resolution)
    /// The official on the floor handed the petition on: back to the front of the queue.
    case petitionTransferred(Folio, Transfer)
    /// The moderator handed a waiting petition to another department; it keeps its place.
    case petitionReassigned(Folio, Transfer)
    /// The moderator moved a waiting petition to `toPosition` (1 is the head).
    case petitionMoved(Folio, toPosition: Int)
    case announcementPosted(Announcement)
    case sessionClosed(by: OfficialID?, carriedForwardDue: CivilDate)
    /// ARCO: the person's data corrected, at their request; `by` is nil when they did it
    /// themself. Never public: no timeline line, no feed event.
    case personalDataRectified(Folio, CitizenData, by: OfficialID?)
    /// ARCO: the person's data removed; the pseudonymous record stays.
    case personalDataCancelled(Folio, by: OfficialID?)

    /// Whether the fact is a line of the public minutes (and an event on the feed).
    public var isPublic: Bool {
        switch self {
        case .personalDataRectified, .personalDataCancelled: false
        default: true
        }
    }
}
