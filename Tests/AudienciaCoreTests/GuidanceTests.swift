import Testing
@testable import AudienciaCore

@Suite("Guidance: prompts, positions, estimated waits, steps, floor brief")
struct GuidanceTests {
    func folio(_ n: Int) -> Folio { Fixtures.folio(n) }

    @Test func templatesFillEveryKnownVariableAndKeepUnknownOnesVisible() {
        let templates = GuidanceTemplates(templates: [
            .waiting: "{a} y {a} otra vez; {b}; {desconocida}",
            .next: "",
        ])
        // A value is never expanded itself: people's text may contain braces.
        #expect(templates.render(.waiting, ["a": "uno", "b": "{a}"]) == "uno y uno otra vez; {a}; {desconocida}")
        #expect(templates.render(.waiting, ["a": "{b}", "b": "dos"]) == "{b} y {b} otra vez; dos; {desconocida}")
        #expect(templates.render(.waiting, ["a": "uno"]) == "uno y uno otra vez; {b}; {desconocida}")
        #expect(templates.render(.next, ["a": "uno"]) == "")
        #expect(templates.render(.onFloor) == "")  // missing template
        #expect(GuidanceTemplates(templates: [.next: "sin cierre {a"]).render(.next, ["a": "x"]) == "sin cierre {a")
    }

    @Test func templatesAskOnlyForThePlaceholdersTheyHaveAndKeepAccents() {
        let templates = GuidanceTemplates(templates: [.waiting: "¿Está {quién} aquí? Sí: {quién}, «{qué}»."])
        var asked: [String] = []
        let text = templates.render(.waiting) { name in
            asked.append(name)
            return name == "quién" ? "Íñigo" : nil
        }
        #expect(text == "¿Está Íñigo aquí? Sí: Íñigo, «{qué}».")
        #expect(asked == ["quién", "quién", "qué"])
    }

    @Test func waitingPromptShowsPositionPeopleAheadAndWait() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        let effects = room.checkIn(3, at: Fixtures.at("10:03"))
        let mine = effects.guidance(to: folio(3))
        #expect(mine.map(\.key) == [.checkedIn, .waiting])
        #expect(mine.last?.prompt
                == "Vas en el lugar 3 de la fila. Personas antes que tú: 2. Tiempo estimado: unos 12 minutos.")
        #expect(mine.last?.position == 3)
        #expect(mine.last?.estimatedWaitMinutes == 12)
        // Nobody else moved, so nobody else is told anything.
        #expect(effects.allGuidance.allSatisfy { $0.folio == folio(3) })
    }

    @Test func nextGoesToTheHeadOfALiveQueueOnly() {
        var room = Room.checkIn()
        let early = room.checkIn(1, at: Fixtures.at("09:40"))
        #expect(early.guidance(to: folio(1)).map(\.key) == [.checkInBeforeOpening, .waiting])

        room = Room.live()
        let live = room.checkIn(1, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:01"))
        #expect(live.guidance(to: folio(1)).map(\.key) == [.checkedIn, .next])
        #expect(live.guidance(to: folio(1)).last?.prompt
                == "Sigues tú. Ten listos tus documentos para tu trámite: Bacheo y reparación de calles.")
        let second = room.checkIn(2, at: Fixtures.at("10:02"))
        #expect(second.guidance(to: folio(2)).last?.key == .waiting)
    }

    @Test func positionUpdatesGoOnlyToCitizensWhosePositionChanged() {
        var room = Room.live()
        for n in 1...4 { room.checkIn(n, at: Fixtures.at("10:0\(n)")) }

        let call = room.callNext(at: Fixtures.at("10:10"))
        #expect(call.allGuidance.map(\.folio) == [folio(1), folio(2), folio(3), folio(4)])
        #expect(call.allGuidance.map(\.key) == [.onFloor, .next, .waiting, .waiting])
        #expect(call.allGuidance.map(\.position) == [nil, 1, 2, 3])

        // Citizen 3 leaves: only 4 moves.
        let leave = room.leave(3, folio: folio(3), at: Fixtures.at("10:11"))
        #expect(leave.allGuidance.map(\.folio) == [folio(3), folio(4)])
        #expect(leave.allGuidance.map(\.key) == [.left, .waiting])
        #expect(leave.guidance(to: folio(4)).first?.prompt.hasPrefix("Vas en el lugar 2 de la fila. Personas antes que tú: 1.") == true)

        // An announcement moves nobody.
        let announce = room.official(.announce(text: "Receso breve."), at: Fixtures.at("10:12"))
        #expect(announce.allGuidance.isEmpty)

        // The outcome of the turn on the floor moves nobody either.
        let answer = room.answer(folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:14"))
        #expect(answer.allGuidance.map(\.folio) == [folio(1)])
    }

    @Test func estimatedWaitUsesTheDefaultTurnLengthThenTheMeanOfMeasuredTurns() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.checkIn(3, at: Fixtures.at("10:03"))

        // Floor occupied at 10:10, no turn measured yet: 6 minutes each.
        let call = room.callNext(at: Fixtures.at("10:10"))
        #expect(call.guidance(to: folio(2)).map(\.estimatedWaitMinutes) == [6])
        #expect(call.guidance(to: folio(3)).map(\.estimatedWaitMinutes) == [12])

        // A four-minute turn; then 3 is at the head behind a fresh turn: 4 minutes.
        room.answer(folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:14"))
        let second = room.callNext(at: Fixtures.at("10:15"))
        #expect(second.guidance(to: folio(3)).map(\.estimatedWaitMinutes) == [4])

        // Two minutes into that turn, a newcomer behind 3: 2 left + 4 for 3 = 6 minutes.
        let newcomer = room.checkIn(4, at: Fixtures.at("10:17"))
        #expect(newcomer.guidance(to: folio(4)).last?.estimatedWaitMinutes == 6)
        #expect(newcomer.guidance(to: folio(4)).last?.prompt.contains("unos 6 minutos") == true)

        // A turn measured at 10 minutes (10:15–10:25): mean (240 + 600) / 2 = 420 s.
        room.answer(folio(2), by: Fixtures.dirAgua, at: Fixtures.at("10:25"))
        #expect(room.hearing.estimatedWaitMinutes(position: 2, at: Fixtures.at("10:25")) == 7)
    }

    @Test func estimatedWaitRoundsUpToWholeMinutes() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.callNext(at: Fixtures.at("10:10"))
        // 2.5 minutes into a 6-minute default turn: 3.5 minutes left → 4.
        let effects = room.checkIn(2, at: Fixtures.at("10:12", plusSeconds: 30))
        #expect(effects.guidance(to: folio(2)).last?.estimatedWaitMinutes == 4)
        // A turn running over the estimate adds nothing for the rest of it.
        #expect(room.hearing.estimatedWaitMinutes(position: 1, at: Fixtures.at("10:30")) == 0)
        #expect(room.hearing.estimatedWaitMinutes(position: 3, at: Fixtures.at("10:30")) == 12)
    }

    @Test func estimatedWaitAddsTheTimeUntilTheStartDuringCheckIn() {
        var room = Room.checkIn()
        room.checkIn(1, at: Fixtures.at("09:40"))
        let effects = room.checkIn(2, at: Fixtures.at("09:45"))
        // 15 minutes until 10:00 plus one default turn ahead.
        #expect(effects.guidance(to: folio(2)).last?.estimatedWaitMinutes == 21)
    }

    @Test func estimatedWaitAveragesOnlyTheLastTenTurns() {
        var room = Room.live()
        // One hour-long turn, then ten one-minute turns.
        room.checkIn(0, at: Fixtures.at("10:00"))
        room.callNext(at: Fixtures.at("10:00"))
        room.answer(folio(1), by: Fixtures.dirAgua, at: Fixtures.at("11:00"))
        for n in 1...10 {
            room.checkIn(n, at: Fixtures.at("11:00", plusSeconds: Int64(n) * 60))
            room.callNext(at: Fixtures.at("11:00", plusSeconds: Int64(n) * 60))
            room.answer(folio(n + 1), by: Fixtures.dirAgua, at: Fixtures.at("11:01", plusSeconds: Int64(n) * 60))
        }
        #expect(room.hearing.turns.count == 11)
        // Mean of the last ten is 60 s; over all eleven it would be 381 s (13 minutes).
        #expect(room.hearing.estimatedWaitMinutes(position: 3, at: Fixtures.at("12:00")) == 2)
    }

    @Test func stepsAreDoneCurrentOrPendingByStage() {
        var room = Room.live()
        let waiting = room.checkIn(1, at: Fixtures.at("10:01")).guidance(to: folio(1)).last
        #expect(waiting?.steps.map(\.state) == [.current, .pending, .pending])
        #expect(waiting?.steps.map(\.title)
                == ["Ubica la fuga con precisión", "Describe la fuga", "Recibe la fecha de atención"])

        let floor = room.callNext(at: Fixtures.at("10:05")).guidance(to: folio(1)).first
        #expect(floor?.key == .onFloor)
        #expect(floor?.steps.map(\.state) == [.done, .current, .pending])
        #expect(floor?.position == nil)
        #expect(floor?.estimatedWaitMinutes == nil)

        let outcome = room.answer(folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:09")).guidance(to: folio(1)).first
        #expect(outcome?.steps.map(\.state) == [.done, .done, .current])

        // A service without a floor step: nothing is current on the floor.
        room.checkIn(2, Fixtures.form(service: Fixtures.predial), at: Fixtures.at("10:10"))
        let predial = room.callNext(at: Fixtures.at("10:11")).guidance(to: folio(2)).first
        #expect(predial?.steps.map(\.state) == [.done, .pending])
    }

    @Test func onFloorPromptNamesTheOfficialAndTheirTitle() {
        var room = Room.live()
        room.checkIn(1, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:01"))
        let effects = room.callNext(at: Fixtures.at("10:05"))
        #expect(effects.guidance(to: folio(1)).map(\.prompt)
                == ["Es tu turno. Tienes la palabra con Claudia Ivonne Becerril Orozco, Directora de Obras Públicas."])
    }

    @Test func carriedForwardPromptGivesTheChannelHours() {
        var room = Room.live()
        room.checkIn(1, Fixtures.form(service: Fixtures.predial), at: Fixtures.at("10:01"))
        let effects = room.tick(Fixtures.at("14:00"))
        #expect(effects.guidance(to: folio(1)).map(\.prompt) == [
            "La sesión cerró antes de tu turno: tu petición AUD-2026-000001 sigue con Tesorería y Predial en el canal permanente (lunes a viernes de 9:00 a 18:00).",
        ])
    }

    @Test func theOfficialCalledReceivesTheFloorBriefWithTheChecklist() throws {
        var room = Room.live()
        room.checkIn(1, Fixtures.form(name: "Juana Pérez", colonia: Fixtures.tizatlalli, contact: nil,
                                      service: Fixtures.bacheo, description: "Bache enorme"), at: Fixtures.at("10:01"))
        let now = Fixtures.at("10:05")
        let effects = room.callNext(at: now)
        let briefs = effects.floorBriefs(to: Fixtures.dirObras)
        let service = try #require(Fixtures.catalog.service(Fixtures.bacheo))
        #expect(briefs == [FloorBrief(
            petition: PetitionDetail(folio: folio(1), turno: 1, name: "Juana Pérez", contact: nil,
                                     colonia: "San Salvador Tizatlalli", service: "Bacheo y reparación de calles",
                                     departmentID: Fixtures.obras, department: "Obras Públicas",
                                     description: "Bache enorme", checkedInAt: Fixtures.at("10:01"), transferred: false),
            official: try #require(Fixtures.catalog.official(Fixtures.dirObras)), since: now,
            checklist: service.steps)])
        // The console carries the same brief, and only officials get it.
        #expect(effects.consoles.first?.floor == briefs.first)
        #expect(effects.contains { if case .send(.floorBrief, to: .citizen) = $0 { true } else { false } } == false)
    }

    @Test func resumingGivesThePromptForTheCurrentMoment() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.callNext(with: Fixtures.mayor, at: Fixtures.at("10:02"))
        func resumed() -> [Guidance] {
            room.hearing.handle(.citizenResumed(resumeToken: "token-1", Conn.citizen(50)), at: Fixtures.at("10:03")).allGuidance
        }
        #expect(resumed().map(\.prompt) == ["Es tu turno. Tienes la palabra con Mariana Sotelo Arriaga, Presidenta Municipal."])
        room.answer(folio(1), "Listo", by: Fixtures.mayor, at: Fixtures.at("10:03"))
        #expect(resumed().map(\.prompt) == ["Tu petición AUD-2026-000001 recibió respuesta: «Listo»."])
        #expect(resumed().first?.steps.map(\.state) == [.done, .done, .current])
    }
}
