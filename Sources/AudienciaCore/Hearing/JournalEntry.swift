/// A fact with the instant it happened: what the journal keeps. Applying entries in order to
/// a hearing built from the same catalog and history gives back the same room.
public struct JournalEntry: Sendable, Equatable {
    public var at: Instant
    public var fact: Fact

    public init(at: Instant, fact: Fact) {
        self.at = at
        self.fact = fact
    }
}
