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
}
