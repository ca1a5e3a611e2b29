/// Everything a replay of the journal rebuilds, as plain values: what a checkpoint of the room
/// stores so that a restart replays only the journal lines written after it. What the room
/// derives from these (the resume index, the queue as citizens were last told it) is rebuilt
/// on restoring, exactly as a replay leaves it.
public struct HearingSnapshot: Sendable, Equatable {
    public var session: SessionInfo?
    public var history: HearingHistory
    /// Every petition of the session, personal data as the journal holds it.
    public var petitions: [Petition]
    public var checkInOrder: [Folio]
    public var queue: [Folio]
    public var floor: Floor?
    public var turns: [Turn]
    public var announcements: [Announcement]
    public var timeline: [TimelineEntry]
    public var feedSeq: Int
    public var tally: Tally

    public init(session: SessionInfo?, history: HearingHistory, petitions: [Petition], checkInOrder: [Folio],
                queue: [Folio], floor: Floor?, turns: [Turn], announcements: [Announcement],
                timeline: [TimelineEntry], feedSeq: Int, tally: Tally) {
        self.session = session
        self.history = history
        self.petitions = petitions
        self.checkInOrder = checkInOrder
        self.queue = queue
        self.floor = floor
        self.turns = turns
        self.announcements = announcements
        self.timeline = timeline
        self.feedSeq = feedSeq
        self.tally = tally
    }
}

extension Hearing {
    /// The room as a checkpoint stores it. Petitions are listed by folio, so the same room
    /// always gives the same snapshot.
    public var snapshot: HearingSnapshot {
        HearingSnapshot(session: session, history: history,
                        petitions: petitions.values.sorted { $0.folio.rawValue < $1.folio.rawValue },
                        checkInOrder: checkInOrder, queue: queue, floor: floor, turns: turns,
                        announcements: announcements, timeline: timeline, feedSeq: feedSeq, tally: tally)
    }

    /// The room a snapshot describes, as a replay of the same journal lines leaves it: every
    /// waiting citizen already told their place.
    public init(catalog: Catalog, snapshot: HearingSnapshot) {
        self.init(catalog: catalog, history: snapshot.history)
        session = snapshot.session
        for petition in snapshot.petitions { petitions[petition.folio] = petition }
        checkInOrder = snapshot.checkInOrder
        queue = snapshot.queue
        floor = snapshot.floor
        turns = snapshot.turns
        announcements = snapshot.announcements
        timeline = snapshot.timeline
        feedSeq = snapshot.feedSeq
        tally = snapshot.tally
        // A later check-in of the same token wins, as when the check-ins were applied.
        for folio in checkInOrder {
            if let petition = petitions[folio] { resumeIndex[petition.resumeToken] = folio }
        }
        toldQueue = queue
        toldUpTo = queue.count
    }
}
