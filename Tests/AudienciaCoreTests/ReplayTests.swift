@testable import AudienciaCore
import Testing

/// Recovery shares the live path: replaying the journal's entries rebuilds the very same room.
@Suite("Replay: the journal rebuilds the room")
struct ReplayTests {
    private func restored(_ room: Room, history: HearingHistory = HearingHistory()) -> Hearing {
        Hearing.restored(catalog: Fixtures.catalog, history: history, journal: room.journal)
    }

    @Test func everyStepOfASessionReplaysToTheSameRoom() {
        var room = Room()
        var steps: [(String, (inout Room) -> Void)] = []
        steps.append(("check-in opens", { $0.tick(Fixtures.at("09:30")) }))
        for n in 1...4 {
            steps.append(("check-in \(n)", { $0.checkIn(n, at: Fixtures.at("09:4\(n)")) }))
        }
        steps.append(("live", { $0.tick(Fixtures.at("10:00")) }))
        steps.append(("call 1", { $0.callNext(at: Fixtures.at("10:01")) }))
        steps.append(("answer 1", { $0.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:05")) }))
        steps.append(("call 2", { $0.callNext(at: Fixtures.at("10:06")) }))
        steps.append(("transfer 2", {
            $0.official(.recordOutcome(folio: Fixtures.folio(2), .transferred(to: Fixtures.obras)),
                        by: Fixtures.dirAgua, at: Fixtures.at("10:09"))
        }))
        steps.append(("call 2 again", { $0.callNext(at: Fixtures.at("10:10")) }))
        steps.append(("mayor takes", { $0.official(.takeFloor, by: Fixtures.mayor, at: Fixtures.at("10:11")) }))
        steps.append(("mayor answers", { $0.answer(Fixtures.folio(2), by: Fixtures.mayor, at: Fixtures.at("10:15")) }))
        steps.append(("call 3", { $0.callNext(at: Fixtures.at("10:16")) }))
        steps.append(("no-show 3", { $0.official(.markNoShow(folio: Fixtures.folio(3)), at: Fixtures.at("10:17")) }))
        steps.append(("announce", { $0.official(.announce(text: "Receso breve"), at: Fixtures.at("10:18")) }))
        steps.append(("close at 14:00", { $0.tick(Fixtures.at("14:00")) }))
        for (name, step) in steps {
            step(&room)
            #expect(restored(room) == room.hearing, "after \(name)")
            // The running totals agree with a recount of the petitions.
            let all = room.hearing.checkInOrder.compactMap { room.hearing.petitions[$0] }
            #expect(room.hearing.counters == Counters(petitions: all, turnSeconds: room.hearing.turns.map(\.seconds)),
                    "counters after \(name)")
        }
        #expect(room.journal.count > steps.count)
    }

    @Test func aRestoredRoomCarriesOnExactlyLikeTheOriginal() {
        var original = Room.live()
        original.checkIn(1, at: Fixtures.at("10:01"))
        original.checkIn(2, at: Fixtures.at("10:02"))
        original.callNext(at: Fixtures.at("10:03"))
        var copy = Room(lastFolio: nil)
        copy.hearing = restored(original)

        // The same next input gives the same effects: guidance, feed seq, console and all.
        let next = Fixtures.at("10:08")
        #expect(copy.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: next)
                == original.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: next))
        #expect(copy.checkIn(3, at: Fixtures.at("10:09")) == original.checkIn(3, at: Fixtures.at("10:09")))
    }

    @Test func replaySendsNothingAndKeepsResumeTokens() {
        var room = Room.live()
        room.checkIn(1, token: "rt-keep", at: Fixtures.at("10:01"))
        var hearing = restored(room)
        let effects = hearing.handle(.citizenResumed(resumeToken: "rt-keep", Conn.citizen(9)), at: Fixtures.at("10:02"))
        #expect(effects.first == .bind(Conn.citizen(9), .citizen(Fixtures.folio(1))))
    }

    @Test func folioNumberingContinuesFromHistoryAndJournal() {
        var room = Room.live(lastFolio: Fixtures.folio(41))
        room.checkIn(1, at: Fixtures.at("10:01"))
        var hearing = Hearing.restored(catalog: Fixtures.catalog, history: HearingHistory(lastFolio: Fixtures.folio(41)),
                                       journal: room.journal)
        #expect(hearing.folioNumber == 42)
        var copy = Room()
        copy.hearing = hearing
        copy.checkIn(2, at: Fixtures.at("10:02"))
        #expect(copy.hearing.checkInOrder.last == Fixtures.folio(43))
        hearing = copy.hearing
        #expect(hearing.petitions.count == 2)
    }

    @Test func theClosedSessionsArchiveCanBeRebuilt() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.callNext(at: Fixtures.at("10:02"))
        room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:06"))
        room.checkIn(2, at: Fixtures.at("10:07"))
        let archives = room.tick(Fixtures.at("14:00")).compactMap { effect -> SessionArchive? in
            if case .archive(let archive) = effect { archive } else { nil }
        }
        #expect(archives.count == 1)
        #expect(restored(room).archiveOfClosedSession == archives.first)
        #expect(Room.live().hearing.archiveOfClosedSession == nil)
    }

    @Test func journalEffectsComeFirstOneForEachFact() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        let effects = room.hearing.handle(.official(.closeSession, by: Fixtures.moderator, Conn.moderator, ref: "x"),
                                          at: Fixtures.at("11:00"))
        let journalled = effects.prefix { if case .journal = $0 { true } else { false } }
        // Two carried forward, then the close.
        #expect(journalled.count == 3)
        #expect(!effects.dropFirst(journalled.count).contains { if case .journal = $0 { true } else { false } })
    }
}
