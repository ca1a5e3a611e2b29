import Testing
@testable import AudienciaCore

@Suite("Queue and floor: calling, no-shows, the mayor, leaving, transfers")
struct QueueAndFloorTests {
    /// Live room with three citizens: 1 and 3 for Agua, 2 for Obras.
    func roomWithThree() -> Room {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:02"))
        room.checkIn(3, Fixtures.form(service: Fixtures.faltaAgua), at: Fixtures.at("10:03"))
        return room
    }

    @Test func callNextCallsTheHeadWithItsDepartmentsDirector() throws {
        var room = roomWithThree()
        let now = Fixtures.at("10:10")
        let effects = room.callNext(at: now)
        let f1 = Fixtures.folio(1)

        #expect(room.hearing.floor == Floor(folio: f1, officialID: Fixtures.dirAgua, since: now))
        #expect(room.hearing.queue == [Fixtures.folio(2), Fixtures.folio(3)])
        #expect(room.hearing.petitions[f1]?.stage == .onFloor)
        #expect(room.hearing.petitions[f1]?.firstCalledAt == now)

        // Citizen told, official briefed, feed, moved citizens, console, ok — in that order.
        try #require(effects.count == 7)
        let petition = try #require(room.hearing.petitions[f1])
        let brief = try #require(room.hearing.floorBrief())
        #expect(effects[0] == .send(.guidance(room.hearing.currentGuidance(for: petition, at: now)), to: .citizen(f1)))
        #expect(effects[1] == .send(.floorBrief(brief), to: .official(Fixtures.dirAgua)))
        let event = try #require(effects.published.first)
        #expect(effects[2] == .publish(event))
        #expect(event.entry == TimelineEntry(at: now, kind: .called, turno: 1, colonia: "Barrio de San Mateo",
                                             service: "Reporte de fuga de agua potable", department: "Agua Potable",
                                             official: "Rodrigo Alcántara Nava"))
        #expect(event.board.floor == PublicFloor(turno: 1, colonia: "Barrio de San Mateo",
                                                 service: "Reporte de fuga de agua potable",
                                                 department: "Agua Potable", officialName: "Rodrigo Alcántara Nava",
                                                 officialTitle: "Director General del Organismo de Agua Potable",
                                                 since: now))
        #expect(event.board.queueLength == 2)
        #expect(effects.guidance(to: Fixtures.folio(2)).map(\.key) == [.next])
        #expect(effects.guidance(to: Fixtures.folio(3)).map(\.key) == [.waiting])
        #expect(effects[5] == .send(.console(room.hearing.consoleState(at: now)), to: .officials))
        #expect(effects[6] == .send(.ok(ref: "r"), to: .connection(Conn.moderator)))
    }

    @Test func callNextCanNameTheMayor() {
        var room = roomWithThree()
        let effects = room.callNext(with: Fixtures.mayor, at: Fixtures.at("10:10"))
        #expect(room.hearing.floor?.officialID == Fixtures.mayor)
        #expect(effects.floorBriefs(to: Fixtures.mayor).count == 1)
        #expect(effects.floorBriefs(to: Fixtures.dirAgua).isEmpty)
        #expect(effects.guidance(to: Fixtures.folio(1)).first?.prompt
                == "Es tu turno. Tienes la palabra con Mariana Sotelo Arriaga, Presidenta Municipal.")
        #expect(effects.published.first?.entry.official == "Mariana Sotelo Arriaga")
    }

    @Test func callNextRefusesTheModeratorOrAnUnknownOfficialAsTheOneAnswering() {
        var room = roomWithThree()
        let before = room.snapshot
        #expect(room.callNext(with: Fixtures.moderator, at: Fixtures.at("10:10")).errors == [.forbidden])
        #expect(room.callNext(with: "nadie", at: Fixtures.at("10:10")).errors == [.unknownOfficial])
        #expect(room.snapshot == before)
    }

    @Test func callNextRefusalsChangeNothing() {
        // Queue empty.
        var room = Room.live()
        var before = room.snapshot
        #expect(room.official(.callNext(officialID: nil), ref: "m2", at: Fixtures.at("10:10"))
                == [.send(.error(.queueEmpty, ref: "m2"), to: .connection(Conn.moderator))])
        #expect(room.snapshot == before)

        // Floor occupied.
        room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        before = room.snapshot
        #expect(room.official(.callNext(officialID: nil), ref: "m3", at: Fixtures.at("10:11"))
                == [.send(.error(.floorOccupied, ref: "m3"), to: .connection(Conn.moderator))])
        #expect(room.snapshot == before)

        // Still in check-in.
        room = Room.checkIn()
        room.checkIn(1, at: Fixtures.at("09:40"))
        before = room.snapshot
        #expect(room.official(.callNext(officialID: nil), ref: "m4", at: Fixtures.at("09:45"))
                == [.send(.error(.sessionNotLive, ref: "m4"), to: .connection(Conn.moderator))])
        #expect(room.snapshot == before)

        // No session.
        room = Room()
        #expect(room.official(.callNext(officialID: nil), ref: "m5", at: Fixtures.at("09:45")).errors == [.sessionClosed])

        // A director may not call.
        room = roomWithThree()
        before = room.snapshot
        #expect(room.official(.callNext(officialID: nil), by: Fixtures.dirAgua, ref: "d1", at: Fixtures.at("10:10"))
                == [.send(.error(.forbidden, ref: "d1"), to: .connection(Conn.dirAgua))])
        #expect(room.snapshot == before)
    }

    @Test func noShowSendsThePetitionToThePermanentChannelWithoutMeasuringATurn() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        let effects = room.official(.markNoShow(folio: Fixtures.folio(1)), ref: "m4", at: Fixtures.at("10:12"))
        let due = CivilDate(year: 2026, month: 12, day: 15)

        #expect(room.hearing.floor == nil)
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution == .noShow(dueDate: due))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.stage == .concluded)
        #expect(room.hearing.turns.isEmpty)
        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.prompt)
                == ["Te llamamos y no estabas presente. Tu petición AUD-2026-000001 sigue con Agua Potable."])
        #expect(effects.published.map(\.entry.kind) == [.noShow])
        #expect(effects.published.first?.entry.dueDate == due)
        #expect(effects.isOk)
    }

    @Test func noShowRefusals() {
        var room = roomWithThree()
        #expect(room.official(.markNoShow(folio: Fixtures.folio(1)), at: Fixtures.at("10:09")).errors == [.floorEmpty])
        room.callNext(at: Fixtures.at("10:10"))
        let before = room.snapshot
        #expect(room.official(.markNoShow(folio: Fixtures.folio(2)), at: Fixtures.at("10:11")).errors == [.notOnFloor])
        #expect(room.official(.markNoShow(folio: Fixtures.folio(1)), by: Fixtures.dirAgua, at: Fixtures.at("10:11"))
                .errors == [.forbidden])
        #expect(room.snapshot == before)
    }

    @Test func theMayorTakesTheFloorAndThenAnswers() throws {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        let now = Fixtures.at("10:12")
        let effects = room.official(.takeFloor, by: Fixtures.mayor, ref: "p1", at: now)

        #expect(room.hearing.floor == Floor(folio: Fixtures.folio(1), officialID: Fixtures.mayor,
                                            since: Fixtures.at("10:10")))
        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.prompt)
                == ["Es tu turno. Tienes la palabra con Mariana Sotelo Arriaga, Presidenta Municipal."])
        #expect(effects.floorBriefs(to: Fixtures.mayor).map(\.official.id) == [Fixtures.mayor])
        let entry = try #require(effects.published.first?.entry)
        #expect(entry.kind == .floorTaken)
        #expect(entry.turno == 1)
        #expect(entry.official == "Mariana Sotelo Arriaga")
        #expect(effects.published.first?.board.floor?.officialTitle == "Presidenta Municipal")
        #expect(effects.last == .send(.ok(ref: "p1"), to: .connection(Conn.mayor)))

        // The director no longer holds the floor.
        #expect(room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:13")).errors
                == [.notFloorOfficial])
        // Taking it again is a no-op answered with ok.
        let seq = room.hearing.feedSeq
        #expect(room.official(.takeFloor, by: Fixtures.mayor, ref: "p2", at: Fixtures.at("10:14"))
                == [.send(.ok(ref: "p2"), to: .connection(Conn.mayor))])
        #expect(room.hearing.feedSeq == seq)

        room.answer(Fixtures.folio(1), by: Fixtures.mayor, at: Fixtures.at("10:15"))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution
                == .answeredNow(answer: "Se envía cuadrilla hoy.", by: Fixtures.mayor))
    }

    @Test("Only the mayor takes the floor", arguments: [Fixtures.dirAgua, Fixtures.dirObras, Fixtures.moderator])
    func onlyTheMayorTakesTheFloor(_ who: OfficialID) {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        let before = room.snapshot
        #expect(room.official(.takeFloor, by: who, ref: "t", at: Fixtures.at("10:11"))
                == [.send(.error(.forbidden, ref: "t"), to: .connection(Room.connection(of: who)))])
        #expect(room.snapshot == before)
    }

    @Test func takingAnEmptyFloorIsRefused() {
        var room = roomWithThree()
        #expect(room.official(.takeFloor, by: Fixtures.mayor, at: Fixtures.at("10:11")).errors == [.floorEmpty])
    }

    @Test func leavingWhileWaitingMovesEveryoneBehindUp() {
        var room = roomWithThree()
        let effects = room.leave(1, folio: Fixtures.folio(1), at: Fixtures.at("10:05"))
        let due = CivilDate(year: 2026, month: 12, day: 15)
        #expect(room.hearing.queue == [Fixtures.folio(2), Fixtures.folio(3)])
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution == .left(dueDate: due))
        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.prompt)
                == ["Saliste de la fila. Tu petición AUD-2026-000001 sigue con Agua Potable."])
        #expect(effects.guidance(to: Fixtures.folio(2)).map(\.key) == [.next])
        #expect(effects.guidance(to: Fixtures.folio(3)).map(\.position) == [2])
        #expect(effects.published.map(\.entry.kind) == [.left])
        // A citizen's accepted order gets no `ok`.
        #expect(!effects.contains { if case .send(.ok, _) = $0 { true } else { false } })
    }

    @Test func leavingFromTheFloorFreesItWithoutMeasuringATurn() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        room.leave(1, folio: Fixtures.folio(1), at: Fixtures.at("10:12"))
        #expect(room.hearing.floor == nil)
        #expect(room.hearing.turns.isEmpty)
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution?.kind == "left")
        // The floor is free again.
        room.callNext(at: Fixtures.at("10:13"))
        #expect(room.hearing.floor?.folio == Fixtures.folio(2))
    }

    @Test func leaveRefusals() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:12"))
        let before = room.snapshot
        #expect(room.leave(1, folio: Fixtures.folio(1), ref: "l1", at: Fixtures.at("10:13"))
                == [.send(.error(.petitionConcluded, ref: "l1"), to: .connection(Conn.citizen(1)))])
        #expect(room.leave(9, folio: nil, ref: "l2", at: Fixtures.at("10:13"))
                == [.send(.error(.notCheckedIn, ref: "l2"), to: .connection(Conn.citizen(9)))])
        #expect(room.leave(9, folio: "AUD-2026-000999", at: Fixtures.at("10:13")).errors == [.notCheckedIn])
        #expect(room.snapshot == before)
    }

    @Test func aTransferGoesBackToTheFrontAndIsCalledWithTheNewDirector() {
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        let effects = room.official(.recordOutcome(folio: Fixtures.folio(1), .transferred(to: Fixtures.obras)),
                                    by: Fixtures.dirAgua, at: Fixtures.at("10:13"))
        let f1 = Fixtures.folio(1)
        #expect(room.hearing.floor == nil)
        #expect(room.hearing.queue == [f1, Fixtures.folio(2), Fixtures.folio(3)])
        #expect(room.hearing.petitions[f1]?.departmentID == Fixtures.obras)
        #expect(room.hearing.petitions[f1]?.stage == .waiting)
        #expect(room.hearing.petitions[f1]?.transfers
                == [Transfer(from: Fixtures.agua, to: Fixtures.obras, by: Fixtures.dirAgua, at: Fixtures.at("10:13"))])
        #expect(room.hearing.turns == [Turn(folio: f1, departmentID: Fixtures.agua, seconds: 180)])
        #expect(effects.guidance(to: f1).first?.prompt
                == "Tu petición AUD-2026-000001 se turnó a Obras Públicas. Vuelves a la fila hasta adelante.")
        #expect(effects.published.first?.entry.kind == .transferred)
        #expect(effects.published.first?.entry.department == "Obras Públicas")
        // Those behind moved back one place and are told so.
        #expect(effects.guidance(to: Fixtures.folio(2)).map(\.key) == [.waiting])
        #expect(effects.guidance(to: Fixtures.folio(3)).map(\.position) == [3])

        room.callNext(at: Fixtures.at("10:14"))
        #expect(room.hearing.floor?.folio == f1)
        #expect(room.hearing.floor?.officialID == Fixtures.dirObras)
        // The wait ends at the first call.
        #expect(room.hearing.petitions[f1]?.firstCalledAt == Fixtures.at("10:10"))
    }

    @Test func afterATransferTheCitizenIsToldTheyAreNext() {
        // protocol.md: "then one of answered, inProcess, transferred (followed by `next`)".
        var room = roomWithThree()
        room.callNext(at: Fixtures.at("10:10"))
        let effects = room.official(.recordOutcome(folio: Fixtures.folio(1), .transferred(to: Fixtures.obras)),
                                    by: Fixtures.dirAgua, at: Fixtures.at("10:13"))
        #expect(effects.guidance(to: Fixtures.folio(1)).map(\.key) == [.transferred, .next])
        #expect(effects.guidance(to: Fixtures.folio(1)).last?.position == 1)
        #expect(effects.guidance(to: Fixtures.folio(1)).last?.estimatedWaitMinutes == 0)
        // Resuming at least gives the right prompt.
        let resumed = room.hearing.handle(.citizenResumed(resumeToken: "token-1", Conn.citizen(11)), at: Fixtures.at("10:13"))
        #expect(resumed.allGuidance.map(\.key) == [.next])
    }

    @Test func aDepartmentWithoutADirectorIsAnsweredByTheMayor() {
        var catalog = Fixtures.catalog
        catalog.officials.removeAll { $0.id == Fixtures.dirTesoreria }
        var room = Room(catalog: catalog)
        room.tick(Fixtures.at("10:00"))
        room.checkIn(1, Fixtures.form(service: Fixtures.predial), at: Fixtures.at("10:01"))
        let effects = room.callNext(at: Fixtures.at("10:02"))
        #expect(room.hearing.floor?.officialID == Fixtures.mayor)
        #expect(effects.floorBriefs(to: Fixtures.mayor).count == 1)
    }

    @Test func followUpDueDatesCountFromTheLocalDate() {
        // 20:30 on Tuesday in Metepec is already Wednesday in UTC; ten working days from
        // Tuesday is 12-15 (from Wednesday it would be 12-16).
        var room = Room()
        room.official(.openSession, at: Fixtures.at("19:00"))
        room.checkIn(1, at: Fixtures.at("19:05"))
        room.leave(1, folio: Fixtures.folio(1), at: Fixtures.at("20:30"))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.resolution
                == .left(dueDate: CivilDate(year: 2026, month: 12, day: 15)))
    }
}
