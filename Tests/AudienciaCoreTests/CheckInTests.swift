import Testing
@testable import AudienciaCore

@Suite("Check-in: validation, receipt, folios and turnos")
struct CheckInTests {
    static let invalidForms: [(String, CheckInForm, HearingError)] = [
        ("consent missing", Fixtures.form(consent: false), .consentRequired),
        ("old notice version", Fixtures.form(version: "2025-07"), .noticeVersionMismatch),
        ("empty notice version", Fixtures.form(version: ""), .noticeVersionMismatch),
        ("name of one letter", Fixtures.form(name: "M"), .invalidName),
        ("one letter padded with spaces", Fixtures.form(name: "   M   "), .invalidName),
        ("empty name", Fixtures.form(name: ""), .invalidName),
        ("name of 81 characters", Fixtures.form(name: String(repeating: "a", count: 81)), .invalidName),
        ("unknown colonia", Fixtures.form(colonia: "atlantida"), .unknownColonia),
        ("unknown service", Fixtures.form(service: "teletransporte"), .unknownService),
        ("empty description", Fixtures.form(description: ""), .invalidDescription),
        ("blank description", Fixtures.form(description: " \n\t "), .invalidDescription),
        ("description of 501 characters", Fixtures.form(description: String(repeating: "d", count: 501)),
         .invalidDescription),
        ("contact of 121 characters", Fixtures.form(contact: String(repeating: "7", count: 121)), .invalidContact),
    ]

    @Test("An invalid form is refused with exactly one error and changes nothing", arguments: invalidForms)
    func invalidForm(_ label: String, _ form: CheckInForm, _ error: HearingError) {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let before = room.snapshot
        let effects = room.checkIn(5, form, ref: "c1", at: Fixtures.at("10:10"))
        #expect(effects == [.send(.error(error, ref: "c1"), to: .connection(Conn.citizen(5)))], "\(label)")
        #expect(room.snapshot == before, "\(label)")
    }

    @Test func checkInWithoutAnOpenSessionIsRefused() {
        var room = Room()
        let effects = room.checkIn(1, ref: "c1", at: Fixtures.at("09:00"))
        #expect(effects == [.send(.error(.sessionClosed, ref: "c1"), to: .connection(Conn.citizen(1)))])
        #expect(room.snapshot == Room().snapshot)

        room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.tick(Fixtures.at("14:00"))
        let before = room.snapshot
        #expect(room.checkIn(2, ref: "c2", at: Fixtures.at("14:01"))
                == [.send(.error(.sessionClosed, ref: "c2"), to: .connection(Conn.citizen(2)))])
        #expect(room.snapshot == before)
    }

    @Test func aConnectionHoldingAPetitionCannotCheckInAgain() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let before = room.snapshot
        let effects = room.checkIn(1, bound: Fixtures.folio(1), ref: "c2", at: Fixtures.at("10:02"))
        #expect(effects == [.send(.error(.alreadyCheckedIn, ref: "c2"), to: .connection(Conn.citizen(1)))])
        #expect(room.snapshot == before)
    }

    @Test func boundaryLengthsAreAcceptedAndTextIsTrimmed() throws {
        var room = Room.live()
        room.checkIn(1, Fixtures.form(name: "  Al  ", contact: "   ", description: "  x  "), at: Fixtures.at("10:01"))
        let first = try #require(room.hearing.petitions[Fixtures.folio(1)])
        #expect(first.citizen == CitizenData(name: "Al", contact: nil, description: "x"))

        let name = String(repeating: "é", count: 80)
        let contact = String(repeating: "7", count: 120)
        let description = String(repeating: "d", count: 500)
        room.checkIn(2, Fixtures.form(name: name, contact: " \(contact) ", description: description),
                     at: Fixtures.at("10:02"))
        let second = try #require(room.hearing.petitions[Fixtures.folio(2)])
        #expect(second.citizen == CitizenData(name: name, contact: contact, description: description))

        room.checkIn(3, Fixtures.form(contact: nil), at: Fixtures.at("10:03"))
        #expect(room.hearing.petitions[Fixtures.folio(3)]?.citizen.contact == nil)
        #expect(room.hearing.queue == [Fixtures.folio(1), Fixtures.folio(2), Fixtures.folio(3)])
    }

    @Test func acceptedCheckInProducesTheWholeSequenceOfEffects() {
        var room = Room.live()
        let now = Fixtures.at("10:05")
        let effects = room.checkIn(1, token: "rt-1", ref: "c1", at: now)

        let folio = Fixtures.folio(1)
        let steps = [
            StepProgress(title: "Ubica la fuga con precisión", detail: "Calle y número.", state: .current),
            StepProgress(title: "Describe la fuga", detail: "Desde cuándo ocurre.", state: .pending),
            StepProgress(title: "Recibe la fecha de atención", detail: "Con tu folio.", state: .pending),
        ]
        let summary = SessionSummary(id: "2026-12-01", phase: .live, startsAt: Fixtures.at("10:00"),
                                     endsAt: Fixtures.at("14:00"), nextSessionStart: nil)
        var counters = Counters()
        counters.checkedIn = 1
        counters.waiting = 1
        let detail = PetitionDetail(
            folio: folio, turno: 1, name: "María López", contact: "722 000 0000",
            colonia: "Barrio de San Mateo", service: "Reporte de fuga de agua potable",
            departmentID: Fixtures.agua, department: "Agua Potable",
            description: "Fuga en la calle Juárez desde hace 3 días", checkedInAt: now, transferred: false)

        #expect(effects == [
            .bind(Conn.citizen(1), .citizen(folio)),
            .send(.checkInAccepted(CheckInReceipt(folio: folio, turno: 1, resumeToken: "rt-1", stage: .waiting,
                                                  position: 1), ref: "c1"), to: .connection(Conn.citizen(1))),
            .send(.guidance(Guidance(folio: folio, key: .checkedIn,
                                     prompt: "Listo. Tu turno es el 1 y tu folio es AUD-2026-000001.",
                                     steps: steps, position: 1, estimatedWaitMinutes: 0)), to: .citizen(folio)),
            .publish(FeedEvent(seq: 3,
                               entry: TimelineEntry(at: now, kind: .checkedIn, turno: 1, colonia: "Barrio de San Mateo",
                                                    service: "Reporte de fuga de agua potable",
                                                    department: "Agua Potable"),
                               board: PublicBoard(session: summary, floor: nil, queueLength: 1, counters: counters))),
            .send(.guidance(Guidance(folio: folio, key: .next,
                                     prompt: "Sigues tú. Ten listos tus documentos para tu trámite: Reporte de fuga de agua potable.",
                                     steps: steps, position: 1, estimatedWaitMinutes: 0)), to: .citizen(folio)),
            .send(.console(ConsoleState(session: summary, floor: nil, queue: [detail], counters: counters,
                                        announcements: [])), to: .officials),
        ])

        let petition = room.hearing.petitions[folio]
        #expect(petition?.consent == Consent(noticeVersion: "2026-01", at: now))
        #expect(petition?.departmentID == Fixtures.agua)
        #expect(petition?.stage == .waiting)
        #expect(petition?.checkedInAt == now)
    }

    @Test func theServiceFixesTheDepartment() {
        var room = Room.live()
        room.checkIn(1, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(service: Fixtures.predial), at: Fixtures.at("10:02"))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.departmentID == Fixtures.obras)
        #expect(room.hearing.petitions[Fixtures.folio(2)]?.departmentID == Fixtures.tesoreria)
    }

    @Test func foliosAndTurnosAreSequential() {
        var room = Room.live()
        var folios: [Folio] = []
        var turnos: [Int] = []
        for n in 1...4 {
            let receipt = room.checkIn(n, at: Fixtures.at("10:0\(n)")).receipt
            folios += receipt.map { [$0.folio] } ?? []
            turnos += receipt.map { [$0.turno] } ?? []
        }
        #expect(folios.map(\.rawValue) == ["AUD-2026-000001", "AUD-2026-000002", "AUD-2026-000003", "AUD-2026-000004"])
        #expect(turnos == [1, 2, 3, 4])
        #expect(room.hearing.folioNumber == 4)
    }

    @Test func folioNumberingContinuesFromTheLastFolioIssued() {
        var room = Room.live(lastFolio: "AUD-2026-000041")
        #expect(room.checkIn(1, at: Fixtures.at("10:01")).receipt?.folio == "AUD-2026-000042")
        #expect(room.checkIn(2, at: Fixtures.at("10:02")).receipt?.folio == "AUD-2026-000043")
        #expect(room.hearing.petitions["AUD-2026-000043"]?.turno == 2)
    }

    @Test func folioNumberingRestartsInANewYear() {
        let january = CivilDate(year: 2027, month: 1, day: 5)
        var room = Room.live(on: january, lastFolio: "AUD-2026-000912")
        #expect(room.checkIn(1, at: Fixtures.at("10:01", on: january)).receipt?.folio == "AUD-2027-000001")
        #expect(room.checkIn(2, at: Fixtures.at("10:02", on: january)).receipt?.folio == "AUD-2027-000002")
    }

    @Test func theFolioYearIsTheLocalYearNotTheUTCOne() {
        // 2026-12-31 20:30 in Metepec is already 2027-01-01T02:30Z.
        let newYearsEve = CivilDate(year: 2026, month: 12, day: 31)
        var room = Room(lastFolio: "AUD-2026-000500")
        room.official(.openSession, at: Fixtures.at("20:00", on: newYearsEve))
        let now = Fixtures.at("20:30", on: newYearsEve)
        #expect("\(now)" == "2027-01-01T02:30:00.000Z")
        #expect(room.checkIn(1, at: now).receipt?.folio == "AUD-2026-000501")
    }

    @Test func turnosRestartEachSessionWhileFoliosContinue() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.official(.closeSession, at: Fixtures.at("10:30"))
        room.official(.openSession, at: Fixtures.at("11:00"))
        let receipt = room.checkIn(3, at: Fixtures.at("11:05")).receipt
        #expect(receipt?.turno == 1)
        #expect(receipt?.folio == Fixtures.folio(3))
        #expect(room.hearing.session?.id == "2026-12-01-2")
    }

    @Test func checkInBeforeTheStartSaysWhenItBegins() throws {
        var room = Room.checkIn()
        let effects = room.checkIn(1, at: Fixtures.at("09:40"))
        let guidance = effects.guidance(to: Fixtures.folio(1))
        #expect(guidance.map(\.key) == [.checkInBeforeOpening, .waiting])
        #expect(guidance.first?.prompt == "Tu registro quedó guardado. La audiencia empieza a las 10:00.")
        // Twenty minutes until 10:00, nobody ahead.
        #expect(guidance.last?.prompt
                == "Vas en el lugar 1 de la fila. Personas antes que tú: 0. Tiempo estimado: unos 20 minutos.")
        #expect(effects.receipt?.position == 1)
        #expect(effects.published.map(\.board.session.phase) == [.checkIn])
    }

    @Test func foliosStaySequentialWithAHyphenatedPrefix() {
        // "Folios read `<prefix>-<year>-<six digits>`" and are "never reused"; nothing in the
        // seeds forbids a prefix such as "AUD-MET".
        var catalog = Fixtures.catalog
        catalog.municipality.folioPrefix = "AUD-MET"
        var room = Room(catalog: catalog)
        room.official(.openSession, at: Fixtures.at("10:00"))
        let first = room.checkIn(1, at: Fixtures.at("10:01")).receipt?.folio
        let second = room.checkIn(2, at: Fixtures.at("10:02")).receipt?.folio
        #expect(first == "AUD-MET-2026-000001")
        #expect(second == "AUD-MET-2026-000002")
        #expect(room.hearing.checkInOrder.count == Set(room.hearing.checkInOrder).count)
        #expect(room.hearing.petitions.count == 2)
    }
}
