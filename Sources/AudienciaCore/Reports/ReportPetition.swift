/// One petition as the reports count it: where it was received, who answers for it, and how
/// it stands. Built from a session's journal (petitions answered on the floor) and from the
/// permanent channel (everything else), so no petition is counted twice.
public struct ReportPetition: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Answered on the hearing's floor.
        case answeredNow(at: Instant)
        /// Answered later, in the permanent channel.
        case answeredLater(at: Instant)
        /// Still open (received or in process), with its due date.
        case unanswered(dueDate: CivilDate?)
    }

    public var folio: Folio
    /// The hearing session it was checked in to; nil for a check-in to the channel.
    public var sessionID: String?
    public var departmentID: DepartmentID
    public var coloniaID: ColoniaID
    public var receivedAt: Instant
    public var outcome: Outcome

    public init(folio: Folio, sessionID: String?, departmentID: DepartmentID, coloniaID: ColoniaID,
                receivedAt: Instant, outcome: Outcome) {
        self.folio = folio
        self.sessionID = sessionID
        self.departmentID = departmentID
        self.coloniaID = coloniaID
        self.receivedAt = receivedAt
        self.outcome = outcome
    }

    /// The petitions a session's journal shows answered on the floor, with the department
    /// that answered (after any transfer) and the instant of the answer.
    public static func answeredOnTheFloor(_ journal: [JournalEntry]) -> [ReportPetition] {
        var sessionID: String?
        var checkedIn: [Folio: Petition] = [:]
        var answered: [ReportPetition] = []
        for entry in journal {
            switch entry.fact {
            case .sessionOpened(let info):
                sessionID = info.id
            case .citizenCheckedIn(let petition):
                checkedIn[petition.folio] = petition
            case .petitionTransferred(let folio, let transfer):
                checkedIn[folio]?.departmentID = transfer.to
            case .petitionResolved(let folio, .answeredNow):
                guard let petition = checkedIn[folio] else { continue }
                answered.append(ReportPetition(folio: folio, sessionID: sessionID, departmentID: petition.departmentID,
                                               coloniaID: petition.coloniaID, receivedAt: petition.checkedInAt,
                                               outcome: .answeredNow(at: entry.at)))
            default:
                continue
            }
        }
        return answered
    }

    /// Every petition of the permanent channel, in the order it joined (those a hearing
    /// handed over already answered count as answered on the floor).
    public static func followedUp(_ channel: Channel) -> [ReportPetition] {
        channel.order.compactMap { channel.petitions[$0] }.map { petition in
            let session: String?
            if case .hearing(let id, _) = petition.origin { session = id } else { session = nil }
            let outcome: Outcome
            if let answered = petition.answeredAt {
                outcome = petition.origin == .hearing(sessionID: session ?? "", outcome: "answered_now")
                    ? .answeredNow(at: answered) : .answeredLater(at: answered)
            } else {
                outcome = .unanswered(dueDate: petition.dueDate)
            }
            return ReportPetition(folio: petition.folio, sessionID: session, departmentID: petition.departmentID,
                                  coloniaID: petition.coloniaID, receivedAt: petition.receivedAt, outcome: outcome)
        }
    }
}
