/// What happened to the hearing, named as facts. Applying the same facts in the same order to
/// a fresh hearing rebuilds the same state.
public enum Fact: Sendable, Equatable {
    case sessionOpened(SessionInfo)
    case sessionWentLive(by: OfficialID?)
    case citizenCheckedIn(Petition)
    case citizenCalled(Folio, officialID: OfficialID)
    case floorTaken(by: OfficialID)
    case petitionResolved(Folio, Resolution)
    case petitionTransferred(Folio, Transfer)
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
