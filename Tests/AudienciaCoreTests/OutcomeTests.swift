import Testing
@testable import AudienciaCore

@Suite("Outcomes: answered now, in process, transferred, and who may record them")
struct OutcomeTests {
    let f1 = Fixtures.folio(1)

    /// Live room, citizen 1 (Agua) on the floor with the Agua director since 10:10, citizen 2 waiting.
    func roomWithFloor() -> Room {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:02"))
        room.callNext(at: Fixtures.at("10:10"))
        return room
    }

    func record(_ room: inout Room, _ form: OutcomeForm, folio: Folio? = nil, by id: OfficialID = Fixtures.dirAgua,
                ref: String = "d1", at time: String = "10:14") -> [Effect] {
        room.official(.recordOutcome(folio: folio ?? f1, form), by: id, ref: ref, at: Fixtures.at(time))
    }

    @Test func answeredNow() throws {
        var room = roomWithFloor()
        let effects = record(&room, .answeredNow(answer: "  Se envía cuadrilla hoy a las 16:00.  "))
        let petition = try #require(room.hearing.petitions[f1])
        #expect(petition.resolution == .answeredNow(answer: "Se envía cuadrilla hoy a las 16:00.", by: Fixtures.dirAgua))
        #expect(petition.stage == .concluded)
        #expect(room.hearing.floor == nil)
        #expect(room.hearing.turns == [Turn(folio: f1, departmentID: Fixtures.agua, seconds: 240)])
        #expect(effects.guidance(to: f1).map(\.prompt)
                == ["Tu petición AUD-2026-000001 recibió respuesta: «Se envía cuadrilla hoy a las 16:00.»."])
        #expect(effects.guidance(to: f1).map(\.key) == [.answered])
        #expect(effects.published.map(\.entry.kind) == [.answeredNow])
        #expect(effects.published.first?.entry.dueDate == nil)
        #expect(effects.published.first?.board.floor == nil)
        #expect(effects.last == .send(.ok(ref: "d1"), to: .connection(Conn.dirAgua)))
    }

    @Test("An answer must have 1 to 1000 characters", arguments: ["", "   \n ", String(repeating: "a", count: 1001)])
    func invalidAnswer(_ text: String) {
        var room = roomWithFloor()
        let before = room.snapshot
        #expect(record(&room, .answeredNow(answer: text))
                == [.send(.error(.invalidAnswer, ref: "d1"), to: .connection(Conn.dirAgua))])
        #expect(room.snapshot == before)
    }

    @Test func anAnswerOfExactly1000CharactersIsAccepted() {
        var room = roomWithFloor()
        let text = String(repeating: "a", count: 1000)
        #expect(record(&room, .answeredNow(answer: text)).isOk)
        #expect(room.hearing.petitions[f1]?.resolution == .answeredNow(answer: text, by: Fixtures.dirAgua))
    }

    @Test func inProcessDefaultsToThePetitionsDepartment() throws {
        var room = roomWithFloor()
        let due = CivilDate(year: 2026, month: 12, day: 10)
        let effects = record(&room, .inProcess(commitment: "Revisión técnica del colector", departmentID: nil, dueDate: due))
        #expect(room.hearing.petitions[f1]?.resolution
                == .inProcess(commitment: "Revisión técnica del colector", departmentID: Fixtures.agua, dueDate: due,
                              by: Fixtures.dirAgua))
        #expect(room.hearing.turns.map(\.seconds) == [240])
        #expect(effects.guidance(to: f1).map(\.prompt) == [
            "Tu petición AUD-2026-000001 está en proceso. Responsable: Agua Potable. Compromiso: Revisión técnica del colector. Fecha límite: 2026-12-10.",
        ])
        let entry = try #require(effects.published.first?.entry)
        #expect(entry.kind == .inProcess)
        #expect(entry.dueDate == due)
        #expect(entry.department == "Agua Potable")
    }

    @Test func inProcessWithAnotherOwnerDepartment() throws {
        var room = roomWithFloor()
        let due = CivilDate(year: 2026, month: 12, day: 1)  // today is allowed
        let effects = record(&room, .inProcess(commitment: "Bacheo de la calle", departmentID: Fixtures.obras, dueDate: due))
        #expect(room.hearing.petitions[f1]?.resolution
                == .inProcess(commitment: "Bacheo de la calle", departmentID: Fixtures.obras, dueDate: due, by: Fixtures.dirAgua))
        #expect(effects.guidance(to: f1).first?.prompt.contains("Responsable: Obras Públicas.") == true)
        #expect(effects.guidance(to: f1).first?.prompt.contains("Fecha límite: 2026-12-01.") == true)
        #expect(effects.published.first?.entry.department == "Obras Públicas")
    }

    @Test func inProcessRefusals() {
        var room = roomWithFloor()
        let before = room.snapshot
        let today = CivilDate(year: 2026, month: 12, day: 1)
        #expect(record(&room, .inProcess(commitment: "Algo", departmentID: nil, dueDate: today.adding(days: -1)))
                == [.send(.error(.invalidDueDate, ref: "d1"), to: .connection(Conn.dirAgua))])
        #expect(record(&room, .inProcess(commitment: "Algo", departmentID: "catastro-lunar", dueDate: today)).errors
                == [.unknownDepartment])
        #expect(record(&room, .inProcess(commitment: "  ", departmentID: nil, dueDate: today)).errors
                == [.invalidCommitment])
        #expect(record(&room, .inProcess(commitment: String(repeating: "c", count: 1001), departmentID: nil,
                                         dueDate: today)).errors == [.invalidCommitment])
        #expect(room.snapshot == before)
    }

    @Test func transferRefusals() {
        var room = roomWithFloor()
        let before = room.snapshot
        #expect(record(&room, .transferred(to: Fixtures.agua))
                == [.send(.error(.sameDepartment, ref: "d1"), to: .connection(Conn.dirAgua))])
        #expect(record(&room, .transferred(to: "catastro-lunar")).errors == [.unknownDepartment])
        #expect(room.snapshot == before)
    }

    @Test("Only the official on the floor (or the mayor) records", arguments: [Fixtures.moderator])
    func notFloorOfficial(_ who: OfficialID) {
        var room = roomWithFloor()
        let before = room.snapshot
        #expect(record(&room, .answeredNow(answer: "Sí"), by: who)
                == [.send(.error(.notFloorOfficial, ref: "d1"), to: .connection(Room.connection(of: who)))])
        #expect(room.snapshot == before)
    }

    @Test func theMayorMayRecordWithoutTakingTheFloor() {
        var room = roomWithFloor()
        #expect(record(&room, .transferred(to: Fixtures.tesoreria), by: Fixtures.mayor).isOk)
        #expect(room.hearing.petitions[f1]?.transfers.first?.by == Fixtures.mayor)
        #expect(room.hearing.petitions[f1]?.departmentID == Fixtures.tesoreria)
    }

    @Test func theFolioMustBeTheOneOnTheFloor() {
        var room = roomWithFloor()
        let before = room.snapshot
        #expect(record(&room, .answeredNow(answer: "Sí"), folio: Fixtures.folio(2))
                == [.send(.error(.notOnFloor, ref: "d1"), to: .connection(Conn.dirAgua))])
        #expect(record(&room, .answeredNow(answer: "Sí"), folio: Fixtures.folio(2), by: Fixtures.mayor).errors
                == [.notOnFloor])
        #expect(room.snapshot == before)

        room.answer(f1, by: Fixtures.dirAgua, at: Fixtures.at("10:15"))
        #expect(record(&room, .answeredNow(answer: "Otra vez"), at: "10:16").errors == [.floorEmpty])
    }

    @Test func todayForADueDateIsTheLocalDate() {
        // At 20:30 in Metepec (02:30Z the next day) the local date is still 12-01.
        var room = Room()
        room.official(.openSession, at: Fixtures.at("19:00"))
        room.checkIn(1, at: Fixtures.at("19:05"))
        room.callNext(at: Fixtures.at("20:00"))
        let today = CivilDate(year: 2026, month: 12, day: 1)
        #expect(record(&room, .inProcess(commitment: "Hoy mismo", departmentID: nil, dueDate: today.adding(days: -1)),
                       at: "20:30").errors == [.invalidDueDate])
        #expect(record(&room, .inProcess(commitment: "Hoy mismo", departmentID: nil, dueDate: today), at: "20:30").isOk)
    }
}
