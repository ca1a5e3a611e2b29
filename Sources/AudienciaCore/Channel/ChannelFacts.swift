/// What happened in the permanent channel, named as facts. Replaying them in order on a
/// fresh channel rebuilds the same backlog.
public enum ChannelFact: Sendable, Equatable {
    /// A petition joined the channel: checked in to it, or handed over by a hearing.
    case petitionReceived(ChannelPetition)
    /// A petition moved on: taken up, answered or transferred.
    case petitionChanged(Folio, ChannelChange)
    /// The citizen (`by` nil) or an official on their request corrected their data (ARCO).
    case personalDataRectified(Folio, CitizenData, by: OfficialID?)
    /// The personal data was cancelled (ARCO): the pseudonymous record stays.
    case personalDataCancelled(Folio, by: OfficialID?)
}

/// A channel fact with the instant it happened: one line of the channel's journal.
public struct ChannelJournalEntry: Sendable, Equatable {
    public var at: Instant
    public var fact: ChannelFact

    public init(at: Instant, fact: ChannelFact) {
        self.at = at
        self.fact = fact
    }
}
