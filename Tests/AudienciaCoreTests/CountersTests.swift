import Testing
@testable import AudienciaCore

@Suite("Counters: tallies derived from petitions")
struct CountersTests {
    func petition(_ n: Int, checkedIn: String, called: String? = nil, resolution: Resolution? = nil,
                  transfers: Int = 0) -> Petition {
        var p = Petition(folio: Fixtures.folio(n), turno: n, resumeToken: "t\(n)",
                         citizen: CitizenData(name: "Persona \(n)", contact: nil, description: "d"),
                         coloniaID: Fixtures.sanMateo, serviceID: Fixtures.fuga, departmentID: Fixtures.agua,
                         consent: Consent(noticeVersion: "2026-01", at: Fixtures.at(checkedIn)),
                         checkedInAt: Fixtures.at(checkedIn))
        p.firstCalledAt = called.map { Fixtures.at($0) }
        p.resolution = resolution
        p.stage = resolution != nil ? .concluded : called != nil ? .onFloor : .waiting
        p.transfers = (0..<transfers).map { _ in
            Transfer(from: Fixtures.agua, to: Fixtures.obras, by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        }
        return p
    }

    let due = CivilDate(year: 2026, month: 12, day: 15)

    @Test func nothingMeasuredYetIsNil() {
        let counters = Counters(petitions: [petition(1, checkedIn: "10:00")], turnSeconds: [])
        #expect(counters.checkedIn == 1)
        #expect(counters.waiting == 1)
        #expect(counters.attended == 0)
        #expect(counters.answeredNowPercent == nil)
        #expect(counters.meanWaitSeconds == nil)
        #expect(counters.meanTurnSeconds == nil)
        #expect(Counters(petitions: [Petition](), turnSeconds: []) == Counters())
    }

    @Test("Answered-now share is rounded to one decimal", arguments: [
        (1, 3, 33.3), (2, 3, 66.7), (1, 1, 100.0), (0, 2, 0.0), (1, 8, 12.5), (5, 7, 71.4), (1, 6, 16.7),
    ])
    func answeredNowPercent(_ answered: Int, _ attended: Int, _ expected: Double) {
        var petitions: [Petition] = []
        for n in 1...attended {
            petitions.append(petition(n, checkedIn: "10:00", called: "10:05", resolution: n <= answered
                ? .answeredNow(answer: "a", by: Fixtures.dirAgua)
                : .inProcess(commitment: "c", departmentID: Fixtures.agua, dueDate: due, by: Fixtures.dirAgua)))
        }
        let counters = Counters(petitions: petitions, turnSeconds: [])
        #expect(counters.attended == attended)
        #expect(counters.answeredNow == answered)
        #expect(counters.answeredNowPercent == expected)
    }

    @Test func everyResolutionIsTalliedAndOnlyFloorOutcomesAreAttended() {
        let counters = Counters(petitions: [
            petition(1, checkedIn: "10:00", called: "10:10", resolution: .answeredNow(answer: "a", by: Fixtures.dirAgua)),
            petition(2, checkedIn: "10:00", called: "10:20",
                     resolution: .inProcess(commitment: "c", departmentID: Fixtures.agua, dueDate: due, by: Fixtures.mayor),
                     transfers: 2),
            petition(3, checkedIn: "10:05", called: "10:35", resolution: .noShow(dueDate: due)),
            petition(4, checkedIn: "10:05", resolution: .left(dueDate: due)),
            petition(5, checkedIn: "10:05", resolution: .carriedForward(dueDate: due)),
            petition(6, checkedIn: "10:06", called: "10:40"),
            petition(7, checkedIn: "10:07"),
        ], turnSeconds: [100, 200, 301])
        #expect(counters.checkedIn == 7)
        #expect(counters.waiting == 1)
        #expect(counters.attended == 2)
        #expect(counters.answeredNow == 1)
        #expect(counters.inProcess == 1)
        #expect(counters.transferred == 2)
        #expect(counters.noShows == 1)
        #expect(counters.left == 1)
        #expect(counters.carriedForward == 1)
        // Waits of everyone called: 600, 1200, 1800, 2040 → 5640 / 4.
        #expect(counters.meanWaitSeconds == 1410)
        // Integer mean, truncated: 601 / 3.
        #expect(counters.meanTurnSeconds == 200)
    }

    @Test func liveCountersFollowTheRoom() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:00"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        #expect(room.hearing.counters.waiting == 2)

        let call = room.callNext(at: Fixtures.at("10:05"))
        #expect(call.published.first?.board.counters.waiting == 1)
        #expect(call.published.first?.board.counters.meanWaitSeconds == 300)
        #expect(call.consoles.first?.counters == room.hearing.counters)

        let answer = room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:08"))
        let counters = answer.published.first?.board.counters
        #expect(counters?.attended == 1)
        #expect(counters?.answeredNowPercent == 100.0)
        #expect(counters?.meanTurnSeconds == 180)

        room.callNext(at: Fixtures.at("10:12"))
        room.official(.recordOutcome(folio: Fixtures.folio(2), .inProcess(commitment: "Revisión", departmentID: nil,
                                                                          dueDate: due)),
                      by: Fixtures.dirAgua, at: Fixtures.at("10:22"))
        #expect(room.hearing.counters.answeredNowPercent == 50.0)
        // Waits 300 and 600; turns 180 and 600.
        #expect(room.hearing.counters.meanWaitSeconds == 450)
        #expect(room.hearing.counters.meanTurnSeconds == 390)
        #expect(room.hearing.counters.waiting == 0)
    }

    @Test func noShowsAndLeavingDoNotCountAsTurns() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:00"))
        room.checkIn(2, at: Fixtures.at("10:01"))
        room.callNext(at: Fixtures.at("10:05"))
        room.official(.markNoShow(folio: Fixtures.folio(1)), at: Fixtures.at("10:07"))
        room.callNext(at: Fixtures.at("10:08"))
        room.leave(2, folio: Fixtures.folio(2), at: Fixtures.at("10:09"))
        let counters = room.hearing.counters
        #expect(counters.noShows == 1)
        #expect(counters.left == 1)
        #expect(counters.attended == 0)
        #expect(counters.meanTurnSeconds == nil)
        #expect(counters.meanWaitSeconds == 360)  // 300 and 420
        #expect(counters.answeredNowPercent == nil)
    }
}
