import Testing
@testable import AudienciaCore

@Suite("Archive: one record per closed session, public and protected")
struct ArchiveTests {
    @Test func closingEmitsExactlyOneArchiveAsTheLastEffect() throws {
        let script = ScriptedSession()
        #expect(script.all.archives.count == 1)
        let closing = script.steps[script.steps.count - 2]
        let last = try #require(closing.last)
        guard case .archive = last else { Issue.record("the close must end with the archive"); return }
        // Nothing else in the day wrote one.
        #expect(script.steps.dropLast(2).allSatisfy { $0.archives.isEmpty })
    }

    @Test func theArchiveDescribesTheClosedSession() throws {
        let archive = try #require(ScriptedSession().archive)
        #expect(archive.municipality == "Metepec")
        #expect(archive.session.id == "2026-12-01")
        #expect(archive.session.phase == .closed)
        #expect(archive.session.date == Fixtures.tuesday)
        #expect(archive.session.openedAt == Fixtures.at("09:30"))
        #expect(archive.session.startsAt == Fixtures.at("10:00"))
        #expect(archive.session.closedAt == Fixtures.at("14:00"))
    }

    @Test func thePublicTimelineIsTheWholeSession() throws {
        let script = ScriptedSession()
        let timeline = try #require(script.archive).publicRecord.timeline
        #expect(timeline == script.room.hearing.timeline)
        #expect(timeline.map(\.kind) == [
            .sessionOpened, .checkedIn, .checkedIn, .checkedIn, .sessionLive, .checkedIn, .checkedIn, .checkedIn,
            .called, .answeredNow, .called, .inProcess, .called, .transferred, .called, .floorTaken, .answeredNow,
            .called, .noShow, .left, .called, .inProcess, .announcement, .checkedIn, .checkedIn, .called,
            .carriedForward, .carriedForward, .sessionClosed,
        ])
        #expect(timeline.compactMap(\.turno) == [1, 2, 3, 4, 5, 6, 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 4, 5, 6, 6, 7, 8, 7, 7, 8])
        #expect(timeline.last?.at == Fixtures.at("14:00"))
    }

    @Test func publicPetitionsCarryTurnoFolioAndOutcome() throws {
        let record = try #require(ScriptedSession().archive).publicRecord
        let due = CivilDate(year: 2026, month: 12, day: 15)
        #expect(record.petitions.map(\.turno) == Array(1...8))
        #expect(record.petitions.map(\.folio) == ScriptedSession.folios)
        #expect(record.petitions.map(\.outcome) == ["answered_now", "in_process", "answered_now", "no_show", "left",
                                                    "in_process", "carried_forward", "carried_forward"])
        #expect(record.petitions.map(\.dueDate) == [nil, CivilDate(year: 2026, month: 12, day: 10), nil, due, due,
                                                    CivilDate(year: 2026, month: 12, day: 8), due, due])
        #expect(record.petitions.map(\.transfers) == [0, 0, 1, 0, 0, 0, 0, 0])
        #expect(record.petitions.map(\.department) == ["Agua Potable", "Obras Públicas", "Agua Potable", "Agua Potable",
                                                       "Obras Públicas", "Agua Potable", "Agua Potable", "Obras Públicas"])
        #expect(record.petitions[2] == PublicRecord.Petition(
            turno: 3, folio: Fixtures.folio(3), colonia: "Casa Blanca", service: "Pago y aclaración de predial",
            department: "Agua Potable", outcome: "answered_now", dueDate: nil, transfers: 1,
            checkedInAt: Fixtures.at("09:50"), calledAt: Fixtures.at("10:26")))
        #expect(record.petitions.map(\.calledAt) == [Fixtures.at("10:10"), Fixtures.at("10:15"), Fixtures.at("10:26"),
                                                     Fixtures.at("10:40"), nil, Fixtures.at("10:45"),
                                                     Fixtures.at("11:05"), nil])
    }

    @Test func publicCountersNumberByNumber() throws {
        let counters = try #require(ScriptedSession().archive).publicRecord.counters
        #expect(counters.checkedIn == 8)
        #expect(counters.waiting == 0)
        #expect(counters.attended == 4)
        #expect(counters.answeredNow == 2)
        #expect(counters.inProcess == 2)
        #expect(counters.transferred == 1)
        #expect(counters.noShows == 1)
        #expect(counters.left == 1)
        #expect(counters.carriedForward == 2)
        #expect(counters.answeredNowPercent == 50.0)
        // Waits 1800, 1800, 2160, 2280, 2340, 600 → 10980 / 6.
        #expect(counters.meanWaitSeconds == 1830)
        // Turns 240, 600, 180 (before the transfer), 480, 300 → 1800 / 5.
        #expect(counters.meanTurnSeconds == 360)
    }

    @Test func perDepartmentTalliesFollowThePetitionsFinalDepartment() throws {
        let tallies = try #require(ScriptedSession().archive).publicRecord.byDepartment
        #expect(tallies.map(\.departmentID) == [Fixtures.agua, Fixtures.obras])
        #expect(tallies.map(\.department) == ["Agua Potable", "Obras Públicas"])

        var agua = Counters()
        agua.checkedIn = 5
        agua.attended = 3
        agua.answeredNow = 2
        agua.inProcess = 1
        agua.transferred = 1
        agua.noShows = 1
        agua.carriedForward = 1
        agua.answeredNowPercent = 66.7
        agua.meanWaitSeconds = 1836   // 1800, 2160, 2280, 2340, 600
        agua.meanTurnSeconds = 340    // 240, 480, 300
        #expect(tallies.first?.counters == agua)

        var obras = Counters()
        obras.checkedIn = 3
        obras.attended = 1
        obras.inProcess = 1
        obras.left = 1
        obras.carriedForward = 1
        obras.answeredNowPercent = 0.0
        obras.meanWaitSeconds = 1800
        obras.meanTurnSeconds = 600
        #expect(tallies.last?.counters == obras)
    }

    @Test func thePublicRecordHoldsNoPersonalData() throws {
        let archive = try #require(ScriptedSession().archive)
        let text = dumped(archive.publicRecord)
        for secret in ScriptedSession.personalStrings {
            #expect(!text.contains(secret), "public record leaks \(secret)")
        }
        #expect(text.contains("AUD-2026-000003"))
        #expect(text.contains("San Salvador Tizatlalli"))
    }

    @Test func theProtectedRecordHoldsThePersonalData() throws {
        let script = ScriptedSession()
        let archive = try #require(script.archive)
        let text = dumped(archive.protectedRecord)
        for secret in ScriptedSession.personalStrings {
            #expect(text.contains(secret), "protected record lacks \(secret)")
        }
        #expect(archive.protectedRecord.petitions.map(\.folio) == ScriptedSession.folios)
        #expect(archive.protectedRecord.petitions.map(\.citizen.name) == ScriptedSession.citizens.map(\.name))
        #expect(archive.protectedRecord.petitions[2].transfers
                == [Transfer(from: Fixtures.tesoreria, to: Fixtures.agua, by: Fixtures.dirTesoreria, at: Fixtures.at("10:29"))])
        #expect(archive.protectedRecord.petitions.allSatisfy { $0.consent.noticeVersion == "2026-01" })
    }

    @Test func anEmptySessionStillArchivesOnce() throws {
        var room = Room.live()
        let effects = room.official(.closeSession, ref: "m9", at: Fixtures.at("10:30"))
        let archive = try #require(effects.archives.first)
        #expect(effects.archives.count == 1)
        #expect(archive.publicRecord.petitions.isEmpty)
        #expect(archive.publicRecord.byDepartment.isEmpty)
        #expect(archive.publicRecord.counters == Counters())
        #expect(archive.publicRecord.timeline.map(\.kind) == [.sessionOpened, .sessionLive, .sessionClosed])
        #expect(archive.protectedRecord.petitions.isEmpty)
        #expect(archive.session.closedAt == Fixtures.at("10:30"))
    }
}
