import Testing
@testable import AudienciaCore

@Suite("Schedule: calendar rules and what the clock does on its own")
struct ScheduleTests {
    let schedule = Fixtures.catalog.schedule

    // MARK: Calendar

    @Test func permanentChannelHoursReadLikeSpanish() {
        #expect(schedule.permanentChannelHours == "lunes a viernes de 9:00 a 18:00")
        var gaps = schedule
        gaps.permanentChannel.weekdays = [5, 1, 3]
        #expect(gaps.permanentChannelHours == "lunes, miércoles, viernes de 9:00 a 18:00")
    }

    @Test func hearingDaysAreNonHolidayTuesdays() {
        #expect(schedule.isHearingDay(Fixtures.tuesday))
        #expect(!schedule.isHearingDay(CivilDate(year: 2026, month: 11, day: 30)))  // Monday
        #expect(!schedule.isHearingDay(Fixtures.holidayTuesday))
        #expect(schedule.isWorkingDay(CivilDate(year: 2026, month: 12, day: 4)))    // Friday
        #expect(!schedule.isWorkingDay(CivilDate(year: 2026, month: 12, day: 5)))   // Saturday
        #expect(!schedule.isWorkingDay(CivilDate(year: 2026, month: 12, day: 25)))  // holiday Friday
    }

    @Test("Working days skip weekends and holidays", arguments: [
        ("2026-12-01", 10, "2026-12-15"),
        ("2026-12-15", 10, "2026-12-31"),  // skips 12-22 and 12-25
        ("2026-12-04", 1, "2026-12-07"),   // Friday → Monday
        ("2026-11-13", 1, "2026-11-17"),   // Friday → (holiday Monday) → Tuesday
        ("2026-12-24", 1, "2026-12-28"),
        ("2026-12-01", 0, "2026-12-01"),
    ])
    func workingDays(_ from: String, _ count: Int, _ expected: String) throws {
        let start = try #require(CivilDate(from))
        #expect("\(schedule.addingWorkingDays(count, to: start))" == expected)
    }

    @Test func nextHearingDaySkipsHolidays() {
        #expect(schedule.nextHearingDay(from: Fixtures.tuesday, includingToday: true) == Fixtures.tuesday)
        #expect(schedule.nextHearingDay(from: Fixtures.tuesday, includingToday: false)
                == CivilDate(year: 2026, month: 12, day: 8))
        #expect(schedule.nextHearingDay(from: CivilDate(year: 2026, month: 12, day: 16), includingToday: false)
                == CivilDate(year: 2026, month: 12, day: 29))
        #expect(schedule.nextHearingDay(from: CivilDate(year: 2026, month: 11, day: 28), includingToday: true)
                == Fixtures.tuesday)
    }

    // MARK: The clock opens, starts and closes

    @Test func nothingHappensBeforeCheckInOpens() {
        var room = Room()
        #expect(room.tick(Fixtures.at("08:00")) == [])
        #expect(room.tick(Fixtures.at("09:29", plusSeconds: 59)) == [])
        // 09:30Z is only 03:30 in Metepec.
        #expect(room.tick(Instant(millisecondsSinceEpoch: 1_796_117_400_000)) == [])
        #expect(room.hearing.session == nil)
        #expect(room.hearing.feedSeq == 0)
    }

    @Test func checkInOpensThirtyMinutesBeforeTenLocalThatIs1530Z() throws {
        var room = Room()
        let opening = Instant(millisecondsSinceEpoch: 1_796_139_000_000)  // 2026-12-01T15:30:00Z
        #expect(opening == Fixtures.at("09:30"))
        let effects = room.tick(opening)

        let summary = SessionSummary(id: "2026-12-01", phase: .checkIn,
                                     startsAt: Instant(millisecondsSinceEpoch: 1_796_140_800_000),
                                     endsAt: Instant(millisecondsSinceEpoch: 1_796_155_200_000),
                                     nextSessionStart: nil)
        #expect(effects == [
            .publish(FeedEvent(seq: 1, entry: TimelineEntry(at: opening, kind: .sessionOpened),
                               board: PublicBoard(session: summary, floor: nil, queueLength: 0,
                                                  counters: Counters()))),
            .send(.console(ConsoleState(session: summary, floor: nil, queue: [], counters: Counters(),
                                        announcements: [])), to: .officials),
        ])
        let session = try #require(room.hearing.session)
        #expect(session.date == Fixtures.tuesday)
        #expect(session.openedBy == nil)
        #expect(session.openedAt == opening)
        // Further ticks during check-in change nothing.
        #expect(room.tick(Fixtures.at("09:45")) == [])
        #expect(room.tick(Fixtures.at("09:59", plusSeconds: 59)) == [])
    }

    @Test func goesLiveAtTenAndTellsEveryoneWaiting() throws {
        var room = Room.checkIn()
        room.checkIn(1, at: Fixtures.at("09:40"))
        room.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("09:41"))
        let seq = room.hearing.feedSeq
        let effects = room.tick(Fixtures.at("10:00"))

        #expect(room.hearing.session?.phase == .live)
        #expect(room.hearing.session?.startsAt == Fixtures.at("10:00"))
        #expect(effects.published.map(\.entry.kind) == [.sessionLive])
        #expect(effects.published.map(\.seq) == [seq + 1])
        #expect(effects.allGuidance.map(\.key) == [.sessionOpened, .sessionOpened])
        #expect(effects.guidance(to: Fixtures.folio(1)).count == 1)
        #expect(effects.guidance(to: Fixtures.folio(2)).count == 1)
        #expect(effects.consoles.count == 1)
        #expect(effects.archives.isEmpty)
    }

    @Test func aFirstTickAfterTheStartOpensStraightIntoLive() {
        var room = Room()
        let effects = room.tick(Fixtures.at("10:20"))
        #expect(room.hearing.session?.phase == .live)
        #expect(room.hearing.session?.startsAt == Fixtures.at("10:00"))
        #expect(room.hearing.session?.scheduledEnd == Fixtures.at("14:00"))
        #expect(effects.published.map(\.entry.kind) == [.sessionOpened])
    }

    @Test func closesAtTwoCarryingEveryoneStillWaitingForward() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.checkIn(3, at: Fixtures.at("10:03"))
        room.callNext(at: Fixtures.at("10:05"))
        #expect(room.tick(Fixtures.at("13:59", plusSeconds: 59)) == [])

        let effects = room.tick(Fixtures.at("14:00"))
        let due = CivilDate(year: 2026, month: 12, day: 15)
        #expect(room.hearing.session?.phase == .closed)
        #expect(room.hearing.session?.closedAt == Fixtures.at("14:00"))
        #expect(room.hearing.floor == nil)
        #expect(room.hearing.queue.isEmpty)
        for n in 1...3 {
            #expect(room.hearing.petitions[Fixtures.folio(n)]?.resolution == .carriedForward(dueDate: due))
            #expect(room.hearing.petitions[Fixtures.folio(n)]?.stage == .concluded)
        }
        #expect(effects.published.map(\.entry.kind)
                == [.carriedForward, .carriedForward, .carriedForward, .sessionClosed])
        #expect(effects.published.dropLast().allSatisfy { $0.entry.dueDate == due })
        #expect(effects.allGuidance.map(\.key) == [.carriedForward, .carriedForward, .carriedForward])
        #expect(effects.archives.count == 1)
        if case .archive = effects.last {} else { Issue.record("archive must be the last effect") }
    }

    @Test func carriedForwardDueDateSkipsWeekendsAndHolidays() {
        var room = Room.live(on: Fixtures.tuesdayBeforeHolidays)
        room.checkIn(1, at: Fixtures.at("10:01", on: Fixtures.tuesdayBeforeHolidays))
        room.tick(Fixtures.at("14:00", on: Fixtures.tuesdayBeforeHolidays))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution
                == .carriedForward(dueDate: CivilDate(year: 2026, month: 12, day: 31)))
    }

    @Test func noAutomaticSessionOnOtherWeekdaysOrHolidayTuesdays() {
        var room = Room()
        let monday = CivilDate(year: 2026, month: 11, day: 30)
        let wednesday = CivilDate(year: 2026, month: 12, day: 2)
        for date in [monday, wednesday, Fixtures.holidayTuesday] {
            for time in ["09:30", "10:00", "12:00"] {
                #expect(room.tick(Fixtures.at(time, on: date)) == [], "\(date) \(time)")
            }
        }
        #expect(room.hearing.session == nil)
        #expect(room.hearing.feedSeq == 0)
    }

    @Test func noSecondAutomaticSessionAfterAManualCloseTheSameDay() {
        var room = Room.live()
        room.official(.closeSession, at: Fixtures.at("11:00"))
        #expect(room.hearing.session?.phase == .closed)
        let seq = room.hearing.feedSeq
        #expect(room.tick(Fixtures.at("11:01")) == [])
        #expect(room.tick(Fixtures.at("13:00")) == [])
        #expect(room.hearing.feedSeq == seq)
        // The next Tuesday opens again, as `2026-12-08`.
        room.tick(Fixtures.at("09:30", on: CivilDate(year: 2026, month: 12, day: 8)))
        #expect(room.hearing.session?.id == "2026-12-08")
        #expect(room.hearing.session?.phase == .checkIn)
    }

    @Test func closedRoomAnnouncesTheNextScheduledHearing() {
        var room = Room()
        func next(at now: Instant) -> Instant? {
            guard case .send(.citizenWelcome(let session, _), _)? =
                    room.hearing.handle(.citizenConnected(Conn.citizen(1)), at: now).first else { return nil }
            #expect(session.phase == .closed)
            return session.nextSessionStart
        }
        // Monday: tomorrow at 10:00 local (16:00Z).
        #expect(next(at: Fixtures.at("12:00", on: CivilDate(year: 2026, month: 11, day: 30)))
                == Instant(millisecondsSinceEpoch: 1_796_140_800_000))
        // Tuesday morning, nothing held yet: today.
        #expect(next(at: Fixtures.at("08:00")) == Fixtures.at("10:00"))
        // After today's session closed: next Tuesday.
        room = Room.live()
        room.tick(Fixtures.at("14:00"))
        #expect(next(at: Fixtures.at("14:05")) == Fixtures.at("10:00", on: CivilDate(year: 2026, month: 12, day: 8)))
        // Wednesday before the holiday Tuesday 12-22: skips to 12-29.
        #expect(next(at: Fixtures.at("12:00", on: CivilDate(year: 2026, month: 12, day: 16)))
                == Fixtures.at("10:00", on: CivilDate(year: 2026, month: 12, day: 29)))
    }
}
