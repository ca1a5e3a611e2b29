import Testing
@testable import AudienciaCore

/// Who may do what: the moderator runs the room (open, close, call, reorder, transfer a
/// waiting petition, announce), a director acts only on their own department's petitions,
/// the mayor on any. Every refusal leaves the room exactly as it was.
@Suite("Authorisation by role and department")
struct AuthorisationTests {
    let f1 = Fixtures.folio(1), f2 = Fixtures.folio(2), f3 = Fixtures.folio(3)

    /// Live room: 1 Agua, 2 Obras, 3 Agua, all waiting.
    func roomWithThree() -> Room {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:02"))
        room.checkIn(3, Fixtures.form(service: Fixtures.faltaAgua), at: Fixtures.at("10:03"))
        return room
    }

    private func restored(_ room: Room) -> Hearing {
        Hearing.restored(catalog: Fixtures.catalog, history: HearingHistory(), journal: room.journal)
    }

    @Test("Only the moderator opens, closes, calls, reorders, transfers a waiting petition and announces",
          arguments: [Fixtures.mayor, Fixtures.dirAgua, Fixtures.dirObras])
    func moderatorOnlyOrders(_ who: OfficialID) {
        var room = roomWithThree()
        let before = room.snapshot
        let journaled = room.journal.count
        let orders: [OfficialCommand] = [
            .openSession, .closeSession, .callNext(officialID: nil),
            .movePetition(folio: f3, toPosition: 1), .transferPetition(folio: f1, to: Fixtures.obras),
            .announce(text: "Receso"),
        ]
        for order in orders {
            #expect(room.official(order, by: who, ref: "x", at: Fixtures.at("10:05"))
                    == [.send(.error(.forbidden, ref: "x"), to: .connection(Room.connection(of: who)))],
                    "\(order)")
        }
        #expect(room.snapshot == before)
        #expect(room.journal.count == journaled)
    }

    @Test func theModeratorMovesAWaitingPetitionAndTheMovedAreTold() throws {
        var room = roomWithThree()
        let now = Fixtures.at("10:05")
        let effects = room.official(.movePetition(folio: f3, toPosition: 1), ref: "m1", at: now)
        #expect(room.hearing.queue == [f3, f1, f2])
        #expect(room.journal.last == JournalEntry(at: now, fact: .petitionMoved(f3, toPosition: 1)))
        #expect(Set(effects.allGuidance.map(\.folio)) == [f1, f2, f3])
        #expect(effects.guidance(to: f3).map(\.key) == [.next])
        #expect(effects.guidance(to: f1).map(\.position) == [2])
        let entry = try #require(effects.published.first?.entry)
        #expect(entry.kind == .moved)
        #expect(entry.turno == 3)
        #expect(effects.isOk)
        #expect(restored(room) == room.hearing)

        // To the back, and a no-op move.
        room.official(.movePetition(folio: f3, toPosition: 3), at: Fixtures.at("10:06"))
        #expect(room.hearing.queue == [f1, f2, f3])
        let seq = room.hearing.feedSeq
        #expect(room.official(.movePetition(folio: f3, toPosition: 3), ref: "m2", at: Fixtures.at("10:07"))
                == [.send(.ok(ref: "m2"), to: .connection(Conn.moderator))])
        #expect(room.hearing.feedSeq == seq)
        #expect(restored(room) == room.hearing)
    }

    @Test func movesThatCannotBeDoneChangeNothing() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:05"))
        let before = room.snapshot
        #expect(room.official(.movePetition(folio: f1, toPosition: 1), at: Fixtures.at("10:06")).errors == [.notWaiting])
        #expect(room.official(.movePetition(folio: "AUD-2026-999999", toPosition: 1), at: Fixtures.at("10:06")).errors
                == [.notWaiting])
        for position in [0, 3, -1, Int.max] {
            #expect(room.official(.movePetition(folio: f2, toPosition: position), at: Fixtures.at("10:06")).errors
                    == [.invalidPosition], "\(position)")
        }
        #expect(room.snapshot == before)
    }

    @Test func theModeratorTransfersAWaitingPetitionWhichKeepsItsPlace() throws {
        var room = roomWithThree()
        let now = Fixtures.at("10:05")
        let effects = room.official(.transferPetition(folio: f3, to: Fixtures.obras), ref: "m1", at: now)
        let petition = try #require(room.hearing.petitions[f3])
        #expect(petition.departmentID == Fixtures.obras)
        #expect(petition.transfers == [Transfer(from: Fixtures.agua, to: Fixtures.obras, by: Fixtures.moderator, at: now)])
        #expect(petition.stage == .waiting)
        #expect(room.hearing.queue == [f1, f2, f3])
        #expect(room.hearing.counters.transferred == 1)
        #expect(effects.guidance(to: f3).map(\.key) == [.waiting])
        #expect(effects.published.first?.entry.kind == .transferred)
        #expect(effects.published.first?.entry.department == "Obras Públicas")
        #expect(effects.isOk)
        #expect(restored(room) == room.hearing)

        // Its turn comes with the new department's director, who may then answer it.
        room.callNext(at: Fixtures.at("10:06"))
        room.answer(f1, by: Fixtures.dirAgua, at: Fixtures.at("10:07"))
        room.callNext(at: Fixtures.at("10:08"))
        room.answer(f2, by: Fixtures.dirObras, at: Fixtures.at("10:09"))
        room.callNext(at: Fixtures.at("10:10"))
        #expect(room.hearing.floor?.officialID == Fixtures.dirObras)
        #expect(room.answer(f3, by: Fixtures.dirObras, at: Fixtures.at("10:12")).isOk)
        #expect(restored(room) == room.hearing)
    }

    @Test func transfersThatCannotBeDoneChangeNothing() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:05"))
        let before = room.snapshot
        let at = Fixtures.at("10:06")
        #expect(room.official(.transferPetition(folio: f1, to: Fixtures.obras), at: at).errors == [.notWaiting])
        #expect(room.official(.transferPetition(folio: f2, to: Fixtures.obras), at: at).errors == [.sameDepartment])
        #expect(room.official(.transferPetition(folio: f2, to: "catastro-lunar"), at: at).errors == [.unknownDepartment])
        #expect(room.snapshot == before)
    }

    @Test func theModeratorCannotGiveAPetitionToAnotherDepartmentsDirectorWithoutTransferringIt() {
        var room = roomWithThree()
        let before = room.snapshot
        #expect(room.official(.callNext(officialID: Fixtures.dirObras), ref: "m1", at: Fixtures.at("10:05"))
                == [.send(.error(.forbiddenDepartment, ref: "m1"), to: .connection(Conn.moderator))])
        #expect(room.snapshot == before)
        // Its own department's director and the mayor may be named.
        #expect(room.callNext(with: Fixtures.dirAgua, at: Fixtures.at("10:05")).isOk)
        room.answer(f1, by: Fixtures.dirAgua, at: Fixtures.at("10:06"))
        #expect(room.callNext(with: Fixtures.mayor, at: Fixtures.at("10:07")).isOk)
        #expect(room.hearing.floor?.officialID == Fixtures.mayor)
    }

    @Test("A director of another department may not record the outcome",
          arguments: [Fixtures.dirObras, Fixtures.dirTesoreria])
    func anotherDepartmentsDirectorCannotRecord(_ who: OfficialID) {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:05"))
        let before = room.snapshot
        let journaled = room.journal.count
        let outcomes: [OutcomeForm] = [
            .answeredNow(answer: "Sí"), .transferred(to: Fixtures.tesoreria),
            .inProcess(commitment: "Revisión", departmentID: nil, dueDate: Fixtures.tuesday),
        ]
        for outcome in outcomes {
            #expect(room.official(.recordOutcome(folio: f1, outcome), by: who, ref: "d", at: Fixtures.at("10:06"))
                    == [.send(.error(.forbiddenDepartment, ref: "d"), to: .connection(Room.connection(of: who)))])
        }
        #expect(room.snapshot == before)
        #expect(room.journal.count == journaled)
    }

    @Test func theMayorActsOnAnyDepartment() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:05"))
        #expect(room.official(.takeFloor, by: Fixtures.mayor, at: Fixtures.at("10:06")).isOk)
        #expect(room.answer(f1, by: Fixtures.mayor, at: Fixtures.at("10:07")).isOk)
        room.callNext(at: Fixtures.at("10:08"))
        #expect(room.hearing.floor?.officialID == Fixtures.dirObras)
        // Without taking the floor, the mayor records for Obras.
        #expect(room.official(.recordOutcome(folio: f2, .transferred(to: Fixtures.tesoreria)), by: Fixtures.mayor,
                              at: Fixtures.at("10:09")).isOk)
        #expect(room.hearing.petitions[f2]?.departmentID == Fixtures.tesoreria)
    }

    @Test func onlyTheMayorTakesTheFloor() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:05"))
        let before = room.snapshot
        for who in [Fixtures.moderator, Fixtures.dirAgua, Fixtures.dirObras] {
            #expect(room.official(.takeFloor, by: who, at: Fixtures.at("10:06")).errors == [.forbidden])
        }
        #expect(room.snapshot == before)
    }
}
