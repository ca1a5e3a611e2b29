import AudienciaCore

/// Plays whole four-hour sessions through the real core (`Hearing.handle`), so the journal
/// and the archive the benchmark measures are exactly what a live server would produce:
/// check-ins spread over the morning, calls, every kind of outcome, transfers, the mayor
/// taking the floor, announcements, and the scheduled close carrying the rest forward.
/// Deterministic (a fixed-seed generator), so two runs measure the same bytes.
struct SessionSimulator {
    private(set) var hearing: Hearing
    /// Every `.journal` effect's entry, in order, across all sessions played.
    private(set) var entries: [JournalEntry] = []
    /// The archive of the last session closed.
    private(set) var lastArchive: SessionArchive?
    private(set) var sessionsPlayed = 0

    private var random = SplitMix64(seed: 0x4155_4449_454e_4349)
    private var nextConnection: UInt64 = 1
    private var nextDate: CivilDate
    private let moderator: OfficialID
    private let mayor: OfficialID

    init(catalog: Catalog, firstTuesday: CivilDate = CivilDate(year: 2026, month: 12, day: 1)) throws(BenchmarkError) {
        guard let moderator = catalog.officials.first(where: { $0.role == .moderator })?.id,
              let mayor = catalog.mayor?.id, !catalog.services.isEmpty, !catalog.colonias.isEmpty,
              catalog.departments.count >= 2 else {
            throw .unusableSeeds("hacen falta una moderadora, una presidenta, trámites, colonias y dos dependencias")
        }
        hearing = Hearing(catalog: catalog)
        nextDate = firstTuesday
        self.moderator = moderator
        self.mayor = mayor
    }

    private var catalog: Catalog { hearing.catalog }

    /// One session on the next Tuesday, 09:30 (check-in opens) to 14:00, with `petitions`
    /// check-ins; turns are sized so the floor stays busy for the whole four hours.
    mutating func playSession(petitions: Int) throws(BenchmarkError) {
        let date = nextDate
        nextDate = date.adding(days: 7)
        let clock = catalog.clock
        let opens = clock.instant(on: date, at: TimeOfDay(minutes: 9 * 60 + 30))
        let start = clock.instant(on: date, at: TimeOfDay(minutes: 10 * 60))
        let end = clock.instant(on: date, at: TimeOfDay(minutes: 14 * 60))
        let lastCheckIn = clock.instant(on: date, at: TimeOfDay(minutes: 13 * 60 + 30))

        // Check-in opens by the schedule (on a holiday it does not: the moderator opens it).
        handle(.clockTicked, at: opens)
        if hearing.session?.phase == .closed || hearing.session == nil {
            handle(.official(.openSession, by: moderator, connection(), ref: nil), at: opens)
        }
        var arrivals = (0..<petitions).map { _ in
            opens.adding(seconds: Int64(random.below(UInt64(lastCheckIn.seconds(since: opens)))))
        }.sorted()
        arrivals.reverse()  // popped from the end, earliest first
        let turnSeconds = max(20, Int64(end.seconds(since: start)) * 95 / 100 / Int64(max(petitions, 1)))
        var wentLive = false
        var nextAnnouncement = start.adding(minutes: 15)
        var floorDue: Instant?
        var now = opens

        while true {
            let candidates = [arrivals.last, wentLive ? nil : start, nextAnnouncement < end ? nextAnnouncement : nil,
                              wentLive && hearing.floor == nil && !hearing.queue.isEmpty ? now : floorDue]
            guard let next = candidates.compactMap({ $0 }).min(), next < end else { break }
            now = max(now, next)
            if !wentLive && now >= start {
                if hearing.session?.phase != .live {
                    handle(.official(.openSession, by: moderator, connection(), ref: "m"), at: now)
                }
                wentLive = true
            } else if let arrival = arrivals.last, arrival <= now {
                arrivals.removeLast()
                checkIn(at: now)
            } else if nextAnnouncement <= now {
                announce(at: now)
                nextAnnouncement = nextAnnouncement.adding(minutes: 30 + Int(random.below(15)))
            } else if hearing.floor == nil {
                handle(.official(.callNext(officialID: random.below(10) == 0 ? mayor : nil), by: moderator,
                                 connection(), ref: "call"), at: now)
                floorDue = now.adding(seconds: turnSeconds / 2 + Int64(random.below(UInt64(turnSeconds))))
            } else {
                concludeTurn(at: now)
                floorDue = nil
            }
        }
        // The schedule closes the session at 14:00; one the moderator opened by hand (a holiday)
        // is closed by the moderator.
        handle(.clockTicked, at: end)
        if hearing.session?.phase != .closed {
            handle(.official(.closeSession, by: moderator, connection(), ref: "close"), at: end)
        }
        guard hearing.session?.phase == .closed, lastArchive?.session.id == hearing.session?.id else {
            throw .simulation("la sesión \(date) no cerró con su archivo")
        }
        sessionsPlayed += 1
    }

    private mutating func checkIn(at now: Instant) {
        let service = catalog.services[Int(random.below(UInt64(catalog.services.count)))]
        let colonia = catalog.colonias[Int(random.below(UInt64(catalog.colonias.count)))]
        let form = CheckInForm(
            consentAccepted: true, noticeVersion: catalog.privacy.version, name: SampleText.name(&random),
            coloniaID: colonia.id, contact: random.below(3) == 0 ? nil : SampleText.contact(&random),
            serviceID: service.id, description: SampleText.description(&random, service: service.name))
        let conn = connection()
        let effects = handle(.citizen(.checkIn(form, resumeToken: SampleText.token(&random)), folio: nil, conn, ref: "c"),
                             at: now)
        // A few leave the queue before their turn.
        if random.below(40) == 0, let folio = Self.checkedIn(effects) {
            handle(.citizen(.leave, folio: folio, conn, ref: nil), at: now.adding(seconds: 5))
        }
    }

    private mutating func announce(at now: Instant) {
        let text = SampleText.announcements[Int(random.below(UInt64(SampleText.announcements.count)))]
        handle(.official(.announce(text: text), by: moderator, connection(), ref: "a"), at: now)
    }

    /// Ends the turn on the floor with one of the outcomes, in rough real proportions.
    private mutating func concludeTurn(at now: Instant) {
        guard let floor = hearing.floor, let petition = hearing.petitions[floor.folio] else { return }
        let roll = random.below(100)
        var answering = floor.officialID
        if roll < 6 {
            handle(.official(.takeFloor, by: mayor, connection(), ref: "t"), at: now)
            answering = mayor
        }
        let today = catalog.clock.date(of: now)
        let form: OutcomeForm
        switch roll {
        case ..<45:
            form = .answeredNow(answer: SampleText.answer(&random))
        case ..<78:
            let owner: DepartmentID? = random.below(5) == 0 ? otherDepartment(than: petition.departmentID) : nil
            form = .inProcess(commitment: SampleText.commitment(&random), departmentID: owner,
                              dueDate: today.adding(days: 7 + Int(random.below(50))))
        case ..<88 where petition.transfers.isEmpty:
            form = .transferred(to: otherDepartment(than: petition.departmentID))
        case ..<95:
            handle(.official(.markNoShow(folio: floor.folio), by: moderator, connection(), ref: "n"), at: now)
            return
        default:
            handle(.citizen(.leave, folio: floor.folio, connection(), ref: nil), at: now)
            return
        }
        handle(.official(.recordOutcome(folio: floor.folio, form), by: answering, connection(), ref: "o"), at: now)
    }

    private mutating func otherDepartment(than id: DepartmentID) -> DepartmentID {
        let others = catalog.departments.filter { $0.id != id }
        return others[Int(random.below(UInt64(others.count)))].id
    }

    private mutating func connection() -> ConnectionID {
        defer { nextConnection += 1 }
        return ConnectionID(nextConnection)
    }

    @discardableResult
    private mutating func handle(_ input: Input, at now: Instant) -> [Effect] {
        let effects = hearing.handle(input, at: now)
        for effect in effects {
            switch effect {
            case .journal(let entry): entries.append(entry)
            case .archive(let archive): lastArchive = archive
            default: break
            }
        }
        return effects
    }

    private static func checkedIn(_ effects: [Effect]) -> Folio? {
        for case .journal(let entry) in effects {
            if case .citizenCheckedIn(let petition) = entry.fact { return petition.folio }
        }
        return nil
    }
}

/// A small, fast, seeded generator (SplitMix64): the simulation must be reproducible.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform enough in 0..<bound for a benchmark (bound > 0).
    mutating func below(_ bound: UInt64) -> UInt64 { bound == 0 ? 0 : next() % bound }
}
