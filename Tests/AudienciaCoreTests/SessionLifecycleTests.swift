import Testing
@testable import AudienciaCore

@Suite("Session lifecycle: manual open and close, ids, connections")
struct SessionLifecycleTests {
    let wednesday = CivilDate(year: 2026, month: 12, day: 2)

    @Test func moderatorOpensALiveSessionOutsideTheScheduleThatOnlyTheModeratorCloses() {
        var room = Room()
        let now = Fixtures.at("11:00", on: wednesday)
        let effects = room.official(.openSession, ref: "m1", at: now)

        let summary = SessionSummary(id: "2026-12-02", phase: .live, startsAt: now, endsAt: nil,
                                     nextSessionStart: nil)
        #expect(effects == [
            .publish(FeedEvent(seq: 1, entry: TimelineEntry(at: now, kind: .sessionOpened),
                               board: PublicBoard(session: summary, floor: nil, queueLength: 0,
                                                  counters: Counters()))),
            .send(.console(ConsoleState(session: summary, floor: nil, queue: [], counters: Counters(),
                                        announcements: [])), to: .officials),
            .send(.ok(ref: "m1"), to: .connection(Conn.moderator)),
        ])
        #expect(room.hearing.session?.openedBy == Fixtures.moderator)
        #expect(room.hearing.session?.scheduledEnd == nil)

        // The clock leaves it alone, even long after 14:00.
        #expect(room.tick(Fixtures.at("14:00", on: wednesday)) == [])
        #expect(room.tick(Fixtures.at("23:00", on: wednesday)) == [])
        #expect(room.hearing.session?.phase == .live)

        let closing = room.official(.closeSession, ref: "m9", at: Fixtures.at("23:05", on: wednesday))
        #expect(room.hearing.session?.phase == .closed)
        #expect(closing.published.map(\.entry.kind) == [.sessionClosed])
        #expect(closing.last == .send(.ok(ref: "m9"), to: .connection(Conn.moderator)))
    }

    @Test func manualOpenOnTheHearingDayBeforeTheEndClosesByItselfAtTheEnd() {
        var room = Room()
        room.official(.openSession, at: Fixtures.at("09:00"))
        #expect(room.hearing.session?.scheduledEnd == Fixtures.at("14:00"))
        #expect(room.hearing.session?.phase == .live)
        #expect(room.tick(Fixtures.at("09:30")) == [])
        #expect(room.tick(Fixtures.at("10:00")) == [])
        let effects = room.tick(Fixtures.at("14:00"))
        #expect(room.hearing.session?.phase == .closed)
        #expect(effects.archives.count == 1)
    }

    @Test func manualOpenAfterTheEndOfTheHearingDayHasNoScheduledEnd() {
        var room = Room()
        room.official(.openSession, at: Fixtures.at("15:00"))
        #expect(room.hearing.session?.scheduledEnd == nil)
        #expect(room.tick(Fixtures.at("16:00")) == [])
    }

    @Test func moderatorOpenDuringCheckInMakesItLiveNow() {
        var room = Room.checkIn()
        room.checkIn(1, at: Fixtures.at("09:35"))
        let effects = room.official(.openSession, ref: "m1", at: Fixtures.at("09:45"))
        #expect(room.hearing.session?.phase == .live)
        #expect(room.hearing.session?.id == "2026-12-01")
        #expect(room.hearing.session?.startsAt == Fixtures.at("09:45"))
        #expect(effects.published.map(\.entry.kind) == [.sessionLive])
        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.key) == [.sessionOpened])
        #expect(effects.isOk)
        // The schedule does not try to start it again at 10:00.
        #expect(room.tick(Fixtures.at("10:00")) == [])
    }

    @Test func openingALiveSessionIsRefused() {
        var room = Room.live()
        let before = room.snapshot
        let effects = room.official(.openSession, ref: "m1", at: Fixtures.at("10:30"))
        #expect(effects == [.send(.error(.sessionAlreadyOpen, ref: "m1"), to: .connection(Conn.moderator))])
        #expect(room.snapshot == before)
    }

    @Test("Only the moderator opens and closes", arguments: [Fixtures.mayor, Fixtures.dirAgua])
    func onlyTheModeratorOpensAndCloses(_ who: OfficialID) {
        var room = Room()
        let conn = Room.connection(of: who)
        #expect(room.official(.openSession, by: who, ref: "x", at: Fixtures.at("11:00", on: wednesday))
                == [.send(.error(.forbidden, ref: "x"), to: .connection(conn))])
        #expect(room.hearing.session == nil)
        #expect(room.hearing.feedSeq == 0)

        room = Room.live()
        let before = room.snapshot
        #expect(room.official(.closeSession, by: who, ref: "y", at: Fixtures.at("11:00"))
                == [.send(.error(.forbidden, ref: "y"), to: .connection(conn))])
        #expect(room.snapshot == before)
    }

    @Test func anOfficialNotInTheCatalogIsUnknown() {
        var room = Room()
        let effects = room.hearing.handle(.official(.openSession, by: "impostor", ConnectionID(66), ref: "z"),
                                          at: Fixtures.at("11:00"))
        #expect(effects == [.send(.error(.unknownOfficial, ref: "z"), to: .connection(ConnectionID(66)))])
        #expect(room.hearing.session == nil)
    }

    @Test func closingWithoutAnOpenSessionIsRefused() {
        var room = Room()
        #expect(room.official(.closeSession, ref: "m9", at: Fixtures.at("11:00"))
                == [.send(.error(.sessionClosed, ref: "m9"), to: .connection(Conn.moderator))])
        room = Room.live()
        room.official(.closeSession, at: Fixtures.at("11:00"))
        let before = room.snapshot
        #expect(room.official(.closeSession, ref: "m10", at: Fixtures.at("11:01")).errors == [.sessionClosed])
        #expect(room.snapshot == before)
    }

    @Test func secondAndThirdSessionsTheSameDayGetSuffixedIds() {
        var room = Room.live()
        #expect(room.hearing.session?.id == "2026-12-01")
        room.official(.closeSession, at: Fixtures.at("11:00"))
        room.official(.openSession, at: Fixtures.at("11:30"))
        #expect(room.hearing.session?.id == "2026-12-01-2")
        room.official(.closeSession, at: Fixtures.at("12:00"))
        room.official(.openSession, at: Fixtures.at("12:30"))
        #expect(room.hearing.session?.id == "2026-12-01-3")
        #expect(room.hearing.sessionsOnLastDate == 3)
        room.official(.closeSession, at: Fixtures.at("13:00"))
        room.official(.openSession, at: Fixtures.at("10:00", on: wednesday))
        #expect(room.hearing.session?.id == "2026-12-02")
    }

    @Test func historyRemembersTheLatestSessionDateAndItsHighestOrdinal() {
        var history = HearingHistory()
        history.record(sessionID: "2026-11-24")
        #expect(history.lastSessionDate == CivilDate(year: 2026, month: 11, day: 24))
        #expect(history.sessionsOnLastDate == 1)
        history.record(sessionID: "2026-12-01-3")
        history.record(sessionID: "2026-12-01")
        #expect(history.lastSessionDate == Fixtures.tuesday)
        #expect(history.sessionsOnLastDate == 3)
        // Older sessions and ids of another shape change nothing.
        for ignored in ["2026-11-24-7", "sesion-extra", "2026-12-01-x", "2026-12-01-", "2026-13-01"] {
            history.record(sessionID: ignored)
        }
        #expect(history == HearingHistory(lastSessionDate: Fixtures.tuesday, sessionsOnLastDate: 3))
    }

    @Test func aRestartedHearingContinuesFromItsHistory() {
        var room = Room()
        room.hearing = Hearing(catalog: Fixtures.catalog, history: HearingHistory(
            lastFolio: "AUD-2026-000010", lastSessionDate: Fixtures.tuesday, sessionsOnLastDate: 1))
        // Today's session already happened before the restart: the schedule does not open another.
        #expect(room.tick(Fixtures.at("10:30")) == [])
        room.official(.openSession, at: Fixtures.at("10:31"))
        #expect(room.hearing.session?.id == "2026-12-01-2")
        #expect(room.checkIn(1, at: Fixtures.at("10:32")).receipt?.folio == "AUD-2026-000011")
    }

    @Test func aNewSessionStartsAFreshRoomButKeepsFolioAndFeedNumbering() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.official(.announce(text: "Receso de 10 minutos."), at: Fixtures.at("10:03"))
        room.tick(Fixtures.at("14:00"))
        let seq = room.hearing.feedSeq

        let nextTuesday = CivilDate(year: 2026, month: 12, day: 8)
        let opened = room.tick(Fixtures.at("09:30", on: nextTuesday))
        #expect(opened.published.map(\.seq) == [seq + 1])
        #expect(room.hearing.petitions.isEmpty)
        #expect(room.hearing.queue.isEmpty)
        #expect(room.hearing.announcements.isEmpty)
        #expect(room.hearing.timeline.map(\.kind) == [.sessionOpened])

        // The old resume token no longer works once the next session opens.
        let stale = Fixtures.at("09:31", on: nextTuesday)
        #expect(room.hearing.handle(.citizenResumed(resumeToken: "token-1", Conn.citizen(1)), at: stale)
                == [.send(.error(.unknownResumeToken, ref: nil), to: .connection(Conn.citizen(1))),
                    .send(.citizenWelcome(session: room.hearing.sessionSummary(at: stale), catalog: Fixtures.catalog),
                          to: .connection(Conn.citizen(1)))])

        let effects = room.checkIn(3, at: Fixtures.at("09:40", on: nextTuesday))
        #expect(effects.receipt?.folio == Fixtures.folio(3))
        #expect(effects.receipt?.turno == 1)
    }

    @Test func resumeRebindsAndResendsTheCurrentGuidance() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, token: "tok-two", at: Fixtures.at("10:02"))
        let effects = room.hearing.handle(.citizenResumed(resumeToken: "tok-two", Conn.citizen(22)),
                                          at: Fixtures.at("10:03"))
        #expect(effects.count == 3)
        #expect(effects[0] == .bind(Conn.citizen(22), .citizen(Fixtures.folio(2))))
        #expect(effects[1] == .send(.resumed(CheckInReceipt(folio: Fixtures.folio(2), turno: 2, resumeToken: "tok-two",
                                                            stage: .waiting, position: 2)),
                                    to: .connection(Conn.citizen(22))))
        guard case .send(.guidance(let guidance), to: .connection(Conn.citizen(22))) = effects[2] else {
            Issue.record("third effect should be guidance to the resuming connection"); return
        }
        #expect(guidance.key == .waiting)
        #expect(guidance.position == 2)

        // Resuming changes nothing in the room.
        #expect(room.hearing.feedSeq == 4)
        let unknown = room.hearing.handle(.citizenResumed(resumeToken: "nope", Conn.citizen(23)),
                                          at: Fixtures.at("10:04"))
        // The connection stays a citizen's: it gets what it needs to check in afresh.
        #expect(unknown == [.send(.error(.unknownResumeToken, ref: nil), to: .connection(Conn.citizen(23))),
                            .send(.citizenWelcome(session: room.hearing.sessionSummary(at: Fixtures.at("10:04")),
                                                  catalog: Fixtures.catalog), to: .connection(Conn.citizen(23)))])
    }

    @Test func connectionsAreWelcomedAccordingToTheirRole() throws {
        var room = Room.live()
        let now = Fixtures.at("10:05")
        let citizen = room.hearing.handle(.citizenConnected(Conn.citizen(1)), at: now)
        #expect(citizen == [.send(.citizenWelcome(session: room.hearing.sessionSummary(at: now),
                                                  catalog: Fixtures.catalog),
                                  to: .connection(Conn.citizen(1)))])
        #expect(room.hearing.sessionSummary(at: now).phase == .live)
        #expect(room.hearing.sessionSummary(at: now).nextSessionStart == nil)

        let director = try #require(Fixtures.catalog.official(Fixtures.dirAgua))
        let official = room.hearing.handle(.officialConnected(Fixtures.dirAgua, Conn.dirAgua), at: now)
        #expect(official == [
            .bind(Conn.dirAgua, .official(Fixtures.dirAgua)),
            .send(.officialWelcome(director), to: .connection(Conn.dirAgua)),
            .send(.console(room.hearing.consoleState(at: now)), to: .connection(Conn.dirAgua)),
        ])
        #expect(room.hearing.handle(.officialConnected("ghost", ConnectionID(70)), at: now)
                == [.send(.error(.unknownOfficial, ref: nil), to: .connection(ConnectionID(70)))])
    }

    @Test func closingTellsTheAttendedGoodbyeAndTheWaitingTheyAreCarriedForward() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.callNext(at: Fixtures.at("10:05"))
        room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:09"))
        let effects = room.official(.closeSession, ref: "m9", at: Fixtures.at("10:30"))

        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.key) == [.sessionClosed])
        #expect(effects.guidance(to: Fixtures.folio(2)).map(\.key) == [.carriedForward])
        #expect(effects.guidance(to: Fixtures.folio(1)).first?.prompt
                == "La audiencia de hoy terminó. Con tu folio AUD-2026-000001 puedes consultar el seguimiento.")
        // The archive is written once, after everything else the close caused; then the `ok`.
        #expect(effects.archives.count == 1)
        #expect(effects.dropLast().last.map { if case .archive = $0 { true } else { false } } == true)
        #expect(effects.last == .send(.ok(ref: "m9"), to: .connection(Conn.moderator)))
    }
}
