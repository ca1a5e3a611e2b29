/// Read-only views of the room: the public board, the viewer snapshot and the officials'
/// console. Each is computed from state on demand, never stored.
extension Hearing {
    static let recentEntries = 20
    static let recentAnnouncements = 10

    public func sessionSummary(at now: Instant) -> SessionSummary {
        let phase = session?.phase ?? .closed
        let next: Instant? = phase == .closed ? nextSessionStart(after: now) : nil
        return SessionSummary(id: session?.id, phase: phase, startsAt: session?.startsAt,
                              endsAt: session?.closedAt ?? session?.scheduledEnd,
                              nextSessionStart: next)
    }

    /// The next scheduled hearing that has not been held yet.
    func nextSessionStart(after now: Instant) -> Instant {
        let clock = catalog.clock
        let hearing = catalog.schedule.hearing
        let today = clock.date(of: now)
        let todayStillAhead = now < clock.instant(on: today, at: hearing.end) && lastSessionDate != today
        let day = catalog.schedule.nextHearingDay(from: today, includingToday: todayStillAhead)
        return clock.instant(on: day, at: hearing.start)
    }

    public var counters: Counters { Counters(tally: tally, waiting: queue.count) }

    public func board(at now: Instant) -> PublicBoard {
        PublicBoard(session: sessionSummary(at: now), floor: publicFloor, queueLength: queue.count,
                    counters: counters)
    }

    var publicFloor: PublicFloor? {
        guard let floor, let petition = petitions[floor.folio] else { return nil }
        let official = catalog.official(floor.officialID)
        let labels = catalog.labels(for: petition)
        return PublicFloor(
            turno: petition.turno, colonia: labels.colonia, service: labels.service,
            department: labels.department,
            officialName: official?.name ?? "", officialTitle: official?.title ?? "",
            since: floor.since)
    }

    public func feedSnapshot(at now: Instant) -> FeedSnapshot {
        FeedSnapshot(seq: feedSeq, board: board(at: now),
                     announcements: Array(announcements.suffix(Self.recentAnnouncements)),
                     recent: Array(timeline.suffix(Self.recentEntries)))
    }

    public func consoleState(at now: Instant) -> ConsoleState {
        ConsoleState(session: sessionSummary(at: now), floor: floorBrief(),
                     queue: queue.compactMap { petitions[$0].map(detail) }, counters: counters,
                     announcements: Array(announcements.suffix(Self.recentAnnouncements)))
    }

    func floorBrief() -> FloorBrief? {
        guard let floor, let petition = petitions[floor.folio],
              let official = catalog.official(floor.officialID) else { return nil }
        return FloorBrief(petition: detail(petition), official: official, since: floor.since,
                          checklist: catalog.service(petition.serviceID)?.steps ?? [])
    }

    func detail(_ petition: Petition) -> PetitionDetail {
        let labels = catalog.labels(for: petition)
        return PetitionDetail(
            folio: petition.folio, turno: petition.turno, name: petition.citizen.name,
            contact: petition.citizen.contact, colonia: labels.colonia, service: labels.service,
            departmentID: petition.departmentID, department: labels.department,
            description: petition.citizen.description, checkedInAt: petition.checkedInAt,
            transferred: !petition.transfers.isEmpty, priority: petition.priority)
    }
}
