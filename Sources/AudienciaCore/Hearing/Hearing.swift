/// The live hearing room as a value: one entry point, `handle`, that takes what happened and
/// returns what must be done. No I/O, no clock, no randomness: time and tokens come in with
/// the input, so every behaviour is a plain test of inputs and effects.
public struct Hearing: Sendable, Equatable {
    public let catalog: Catalog

    public internal(set) var session: SessionInfo?
    /// Where numbering stands: the last folio issued and the last session's date and count,
    /// continued from earlier sessions' archives.
    public internal(set) var history: HearingHistory

    public internal(set) var petitions: [Folio: Petition] = [:]
    /// Folios in check-in order, for stable listings and archives.
    public internal(set) var checkInOrder: [Folio] = []
    /// Folios waiting for the floor, in calling order.
    public internal(set) var queue: [Folio] = []
    public internal(set) var floor: Floor?
    /// Turns that ended in an outcome or a transfer, oldest first: the basis of the
    /// estimated wait and of the mean turn length.
    public internal(set) var turns: [Turn] = []
    /// This session's announcements; their numbers restart at 1 with each session.
    public internal(set) var announcements: [Announcement] = []
    public internal(set) var timeline: [TimelineEntry] = []
    /// Sequence number of the last feed event; never goes back, even across sessions.
    public internal(set) var feedSeq = 0
    /// The last folio handed out: sequential per year and never reused.

    var resumeIndex: [String: Folio] = [:]
    /// The queue as waiting citizens were last told it: whoever is not at the same index now
    /// has moved and is told again.
    var toldQueue: [Folio] = []
    /// Below this index the queue is as told: only the rest is compared, so a check-in (an
    /// append) costs the same however long the queue is.
    var toldUpTo = 0
    /// Running totals behind `counters`, kept as facts apply so the feed never recounts.
    var tally = Tally()

    /// - Parameters:
    ///   - lastFolio: the highest folio already issued (from earlier sessions' archives), so
    ///     numbering continues instead of restarting.
    public init(catalog: Catalog, lastFolio: Folio? = nil) {
        self.init(catalog: catalog, history: HearingHistory(lastFolio: lastFolio))
    }

    /// Continues from what earlier sessions left behind (read from their archives).
    public init(catalog: Catalog, history: HearingHistory) {
        self.catalog = catalog
        self.history = history
    }

    public mutating func handle(_ input: Input, at now: Instant) -> [Effect] {
        switch input {
        case .citizenConnected(let connection):
            return [.send(.citizenWelcome(session: sessionSummary(at: now), catalog: catalog),
                          to: .connection(connection))]
        case .citizenResumed(let token, let connection):
            return resume(token: token, connection: connection, at: now)
        case .officialConnected(let officialID, let connection):
            return welcomeOfficial(officialID, connection: connection, at: now)
        case .viewerConnected(let connection):
            return [.bind(connection, .viewer),
                    .send(.feedSnapshot(feedSnapshot(at: now)), to: .connection(connection))]
        case .citizen(.arco(let request, let folio, let token), _, let connection, let ref):
            return arco(request, folio: folio, resumeToken: token, connection: connection, ref: ref, at: now)
        case .citizen(let command, let folio, let connection, let ref):
            do {
                let facts = try decide(command, folio: folio, at: now)
                return record(facts, at: now, origin: Origin(connection: connection, ref: ref))
            } catch {
                return [.send(.error(error, ref: ref), to: .connection(connection))]
            }
        case .official(let command, let officialID, let connection, let ref):
            do {
                let facts = try decide(command, by: officialID, at: now)
                return record(facts, at: now, origin: Origin(connection: connection, ref: ref))
                    + [.send(.ok(ref: ref), to: .connection(connection))]
            } catch {
                return [.send(.error(error, ref: ref), to: .connection(connection))]
            }
        case .clockTicked:
            return record(scheduledFacts(at: now), at: now, origin: nil)
        }
    }

    /// Where an accepted order came from, so its direct replies reach the sender.
    struct Origin {
        var connection: ConnectionID
        var ref: String?
    }

    /// Applies accepted facts one by one and gathers their effects, then tells waiting
    /// citizens whose place moved and refreshes the officials' consoles.
    mutating func record(_ facts: [Fact], at now: Instant, origin: Origin?) -> [Effect] {
        guard !facts.isEmpty else { return [] }
        var effects = facts.map { Effect.journal(JournalEntry(at: now, fact: $0)) }
        for fact in facts {
            apply(fact, at: now)
            effects += consequences(of: fact, at: now, origin: origin)
        }
        effects += positionUpdates(at: now)
        effects.append(.refreshConsoles)
        if case .sessionClosed = facts.last {
            effects.append(.archive(archive(at: now)))
        }
        return effects
    }

    private mutating func resume(token: String, connection: ConnectionID, at now: Instant) -> [Effect] {
        guard let folio = resumeIndex[token], let petition = petitions[folio] else {
            // Still a citizen connection: give it what it needs to check in afresh.
            return [.send(.error(.unknownResumeToken, ref: nil), to: .connection(connection)),
                    .send(.citizenWelcome(session: sessionSummary(at: now), catalog: catalog),
                          to: .connection(connection))]
        }
        return [
            .bind(connection, .citizen(folio)),
            .send(.resumed(receipt(for: petition)), to: .connection(connection)),
            .send(.guidance(currentGuidance(for: petition, at: now)), to: .connection(connection)),
        ]
    }

    private func welcomeOfficial(_ id: OfficialID, connection: ConnectionID, at now: Instant) -> [Effect] {
        guard let official = catalog.official(id) else {
            return [.send(.error(.unknownOfficial, ref: nil), to: .connection(connection))]
        }
        var effects: [Effect] = [
            .bind(connection, .official(id)),
            .send(.officialWelcome(official), to: .connection(connection)),
            .send(.console(consoleState(at: now)), to: .connection(connection)),
        ]
        // Coming back while holding the floor: the brief again, as on the first call.
        if let brief = floorBrief(), brief.official.id == id {
            effects.append(.send(.floorBrief(brief), to: .connection(connection)))
        }
        return effects
    }

    func receipt(for petition: Petition) -> CheckInReceipt {
        CheckInReceipt(folio: petition.folio, turno: petition.turno,
                       resumeToken: petition.resumeToken, stage: petition.stage,
                       position: position(of: petition.folio))
    }

    /// 1 for the head of the queue; nil when not waiting. Searched from the back: the folio
    /// asked about most often is the one that just checked in, and a folio is queued once.
    public func position(of folio: Folio) -> Int? {
        queue.lastIndex(of: folio).map { $0 + 1 }
    }
}

extension Hearing {
    public var lastSessionDate: CivilDate? { history.lastSessionDate }
    public var sessionsOnLastDate: Int { history.sessionsOnLastDate }
    public var folioYear: Int { history.lastFolio?.yearAndNumber?.year ?? 0 }
    public var folioNumber: Int { history.lastFolio?.yearAndNumber?.number ?? 0 }
}

/// One measured turn on the floor.
public struct Turn: Sendable, Equatable {
    public var folio: Folio
    public var departmentID: DepartmentID
    public var seconds: Int64

    public init(folio: Folio, departmentID: DepartmentID, seconds: Int64) {
        self.folio = folio
        self.departmentID = departmentID
        self.seconds = seconds
    }
}
