import Testing
@testable import AudienciaCore

/// The permanent channel as sequences of inputs: check-in outside the hearing, the
/// lifecycle, hand-over from a hearing, backlogs, status by folio, and replay.
@Suite struct ChannelTests {
    let monday = CivilDate(year: 2026, month: 11, day: 30)
    let friday = CivilDate(year: 2026, month: 12, day: 4)

    @Test func aCheckInDuringOfficeHoursGetsTheNextFolioAndADueDate() throws {
        var desk = Desk()
        let effects = desk.checkIn(1, last: Fixtures.folio(41), at: Fixtures.at("11:00"))
        let folio = Fixtures.folio(42)
        let petition = try #require(desk.channel.petitions[folio])
        #expect(petition.status == .received)
        #expect(petition.departmentID == Fixtures.agua)
        #expect(petition.dueDate == CivilDate(year: 2026, month: 12, day: 15))
        #expect(petition.origin == .channel)
        #expect(desk.journal == [ChannelJournalEntry(at: Fixtures.at("11:00"), fact: .petitionReceived(petition))])
        #expect(effects.contains(.follow(Conn.citizen(1), folio)))
        let reply = try #require(effects.replies.first)
        guard case .received(let replied, let token, let status, let ref) = reply else {
            Issue.record("expected a receipt, got \(reply)")
            return
        }
        #expect(replied == folio && token == "token-1" && ref == "c1")
        #expect(status.nextStep.contains("hoy mismo"))
        #expect(status.withNotes)
    }

    @Test(arguments: [
        ("19:00", CivilDate(year: 2026, month: 12, day: 4), "el lunes 7 de diciembre a partir de las 9:00"),
        ("10:00", CivilDate(year: 2026, month: 12, day: 5), "el lunes 7 de diciembre a partir de las 9:00"),
        ("08:00", CivilDate(year: 2026, month: 11, day: 30), "el lunes 30 de noviembre a partir de las 9:00"),
        ("10:00", CivilDate(year: 2026, month: 12, day: 22), "el miércoles 23 de diciembre a partir de las 9:00"),
        ("18:00", CivilDate(year: 2026, month: 12, day: 24), "el lunes 28 de diciembre a partir de las 9:00"),
    ])
    func outsideOfficeHoursTheGuidanceSaysWhenItWillBeLookedAt(time: String, date: CivilDate, expected: String) throws {
        var desk = Desk()
        let effects = desk.checkIn(1, at: Fixtures.at(time, on: date))
        let status = try #require(effects.statuses.first)
        #expect(status.nextStep.contains(expected), "\(status.nextStep)")
    }

    @Test func aRefusedCheckInChangesNothing() {
        var desk = Desk()
        let effects = desk.checkIn(1, Fixtures.form(consent: false), at: Fixtures.at("11:00"))
        #expect(effects == [.send(.error(.checkIn(.consentRequired), ref: "c1"), to: .connection(Conn.citizen(1)))])
        #expect(desk.channel == Channel(catalog: Fixtures.catalog))
        #expect(desk.journal.isEmpty)
        #expect(desk.checkIn(2, Fixtures.form(service: "nope"), at: Fixtures.at("11:00")).channelErrors == [.checkIn(.unknownService)])
    }

    @Test func aPetitionMovesFromReceivedToInProcessToAnsweredWithWhoWhenAndNote() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let folio = Fixtures.folio(1)
        let due = CivilDate(year: 2026, month: 12, day: 10)
        let taken = desk.update(folio, .inProcess(commitment: "Cuadrilla el jueves", dueDate: due),
                                by: Fixtures.dirAgua, at: Fixtures.at("12:00"))
        #expect(taken.last == .send(.ok(ref: "u"), to: .connection(Conn.dirAgua)))
        let pushed = try #require(taken.statuses(to: folio).first)
        #expect(pushed.status == .inProcess && pushed.dueDate == due)
        #expect(pushed.nextStep.contains("Compromiso: Cuadrilla el jueves"))
        desk.update(folio, .answered(answer: "Fuga reparada."), by: Fixtures.dirAgua, at: Fixtures.at("16:00", on: friday))
        let petition = try #require(desk.channel.petitions[folio])
        #expect(petition.status == .answered)
        #expect(petition.answeredAt == Fixtures.at("16:00", on: friday))
        #expect(petition.history.map(\.kind) == [.received, .inProcess, .answered])
        #expect(petition.history.map(\.by) == [nil, Fixtures.dirAgua, Fixtures.dirAgua])
        #expect(petition.history.map(\.note).suffix(2) == ["Cuadrilla el jueves", "Fuga reparada."])
        let again = desk.update(folio, .answered(answer: "Otra vez"), by: Fixtures.dirAgua, at: Fixtures.at("17:00", on: friday))
        #expect(again.channelErrors == [.petitionAnswered])
    }

    @Test func onlyTheDepartmentInChargeOrTheMayorMayMoveAPetition() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let folio = Fixtures.folio(1)
        let answer = ChannelUpdateForm.answered(answer: "Listo.")
        #expect(desk.update(folio, answer, by: Fixtures.dirObras, at: Fixtures.at("10:00")).channelErrors == [.forbiddenDepartment])
        #expect(desk.update(folio, answer, by: Fixtures.moderator, at: Fixtures.at("10:00")).channelErrors == [.forbidden])
        #expect(desk.update("AUD-2026-999999", answer, by: Fixtures.mayor, at: Fixtures.at("10:00")).channelErrors == [.unknownFolio])
        #expect(desk.update(folio, .inProcess(commitment: "x", dueDate: CivilDate(year: 2026, month: 11, day: 30)),
                            by: Fixtures.dirAgua, at: Fixtures.at("10:00")).channelErrors == [.invalidDueDate])
        #expect(desk.update(folio, .transferred(to: Fixtures.agua, note: "x"), by: Fixtures.dirAgua,
                            at: Fixtures.at("10:00")).channelErrors == [.sameDepartment])
        #expect(desk.update(folio, .transferred(to: Fixtures.obras, note: "  "), by: Fixtures.dirAgua,
                            at: Fixtures.at("10:00")).channelErrors == [.invalidNote])
        #expect(desk.journal.count == 1)

        desk.update(folio, .transferred(to: Fixtures.obras, note: "Es un socavón, no una fuga."), by: Fixtures.dirAgua,
                    at: Fixtures.at("10:30"))
        let moved = try #require(desk.channel.petitions[folio])
        #expect(moved.status == .received && moved.departmentID == Fixtures.obras)
        #expect(moved.dueDate == CivilDate(year: 2026, month: 12, day: 15))
        #expect(desk.update(folio, answer, by: Fixtures.dirAgua, at: Fixtures.at("11:00")).channelErrors == [.forbiddenDepartment])
        #expect(desk.update(folio, answer, by: Fixtures.mayor, at: Fixtures.at("11:00")).channelErrors.isEmpty)
    }

    @Test func aHearingHandsOverEveryPetitionOnceItHasItsOutcome() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("10:02"))
        room.checkIn(3, at: Fixtures.at("10:03"))
        room.callNext(at: Fixtures.at("10:05"))
        room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:08"))
        room.callNext(at: Fixtures.at("10:09"))
        let due = CivilDate(year: 2026, month: 12, day: 9)
        room.official(.recordOutcome(folio: Fixtures.folio(2), .inProcess(commitment: "Bacheo el lunes", departmentID: nil, dueDate: due)),
                      by: Fixtures.dirObras, at: Fixtures.at("10:12"))
        room.official(.closeSession, at: Fixtures.at("10:20"))

        var desk = Desk()
        for entry in room.journal {
            guard case .petitionResolved(let folio, let resolution) = entry.fact,
                  let petition = room.hearing.petitions[folio] else { continue }
            desk.handle(.handedOver(petition, resolution, sessionID: "2026-12-01"), at: entry.at)
        }
        #expect(desk.channel.order == [Fixtures.folio(1), Fixtures.folio(2), Fixtures.folio(3)])
        // Answered on the floor: kept already answered, so the folio can be checked later.
        let answered = try #require(desk.channel.petitions[Fixtures.folio(1)])
        #expect(answered.status == .answered && answered.answeredAt == Fixtures.at("10:08"))
        #expect(answered.history.map(\.kind) == [.received, .answered])
        #expect(answered.history.map(\.at) == [Fixtures.at("10:01"), Fixtures.at("10:08")])
        #expect(answered.history.last?.by == Fixtures.dirAgua && answered.history.last?.note == "Se envía cuadrilla hoy.")
        #expect(desk.channel.backlog(for: Fixtures.mayor, at: Fixtures.at("11:00"))?.items.map(\.folio)
                == [Fixtures.folio(2), Fixtures.folio(3)])
        let inProcess = try #require(desk.channel.petitions[Fixtures.folio(2)])
        #expect(inProcess.status == .inProcess && inProcess.dueDate == due && inProcess.departmentID == Fixtures.obras)
        #expect(inProcess.history.first?.by == Fixtures.dirObras && inProcess.history.first?.note == "Bacheo el lunes")
        #expect(inProcess.resumeToken == "token-2")
        #expect(inProcess.origin == .hearing(sessionID: "2026-12-01", outcome: "in_process"))
        let carried = try #require(desk.channel.petitions[Fixtures.folio(3)])
        #expect(carried.status == .received && carried.dueDate == CivilDate(year: 2026, month: 12, day: 15))
        #expect(carried.receivedAt == Fixtures.at("10:03"))
        // Handing over twice (a replayed hearing) adds nothing.
        let petition = try #require(room.hearing.petitions[Fixtures.folio(3)])
        #expect(desk.handle(.handedOver(petition, .carriedForward(dueDate: due), sessionID: "x"), at: Fixtures.at("11:00")).isEmpty)
    }

    @Test func backlogsPutOverdueFirstThenOldestAndTheMayorSeesEveryDepartment() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:00", on: monday))                                    // agua, due 12-14
        desk.checkIn(2, Fixtures.form(service: Fixtures.bacheo), at: Fixtures.at("09:30", on: monday))
        desk.checkIn(3, at: Fixtures.at("10:00", on: monday))
        desk.update(Fixtures.folio(3), .inProcess(commitment: "Revisión", dueDate: CivilDate(year: 2026, month: 12, day: 2)),
                    by: Fixtures.dirAgua, at: Fixtures.at("11:00", on: monday))
        desk.checkIn(4, at: Fixtures.at("10:00", on: friday))
        desk.update(Fixtures.folio(4), .answered(answer: "Hecho."), by: Fixtures.dirAgua, at: Fixtures.at("11:00", on: friday))

        let later = Fixtures.at("12:00", on: CivilDate(year: 2026, month: 12, day: 7))
        let agua = try #require(desk.channel.backlog(for: Fixtures.dirAgua, at: later))
        #expect(agua.departmentID == Fixtures.agua)
        #expect(agua.items.map(\.folio) == [Fixtures.folio(3), Fixtures.folio(1)])
        #expect(agua.items.map(\.overdue) == [true, false])
        #expect(agua.items[1].name == "María López" && agua.items[1].origin == "channel")
        let all = try #require(desk.channel.backlog(for: Fixtures.mayor, at: later))
        #expect(all.departmentID == nil)
        #expect(all.items.map(\.folio) == [Fixtures.folio(3), Fixtures.folio(1), Fixtures.folio(2)])
        #expect(desk.channel.backlog(for: Fixtures.moderator, at: later) == nil)
        let asked = desk.handle(.official(.backlog, by: Fixtures.moderator, Conn.moderator, ref: "b"), at: later)
        #expect(asked.channelErrors == [.forbidden])
    }

    @Test func theStatusShowsNotesOnlyWithTheResumeCode() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let folio = Fixtures.folio(1)
        desk.update(folio, .inProcess(commitment: "Cambio de válvula", dueDate: CivilDate(year: 2026, month: 12, day: 3)),
                    by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        let anyone = desk.handle(.statusAsked(folio, resumeCode: nil, follow: true, Conn.citizen(9), ref: "s"), at: Fixtures.at("11:00"))
        let open = try #require(anyone.statuses.first)
        #expect(!open.withNotes && open.history.allSatisfy { $0.note == nil })
        #expect(!open.nextStep.contains("válvula") && !dumped(anyone).contains("María"))
        #expect(!anyone.contains { if case .follow = $0 { true } else { false } })

        let wrong = desk.handle(.statusAsked(folio, resumeCode: "token-2", follow: true, Conn.citizen(9), ref: "s"), at: Fixtures.at("11:00"))
        #expect(wrong.channelErrors == [.wrongResumeCode])
        let owner = desk.handle(.statusAsked(folio, resumeCode: "token-1", follow: true, Conn.citizen(9), ref: "s"), at: Fixtures.at("11:00"))
        #expect(owner.first == .follow(Conn.citizen(9), folio))
        #expect(try #require(owner.statuses.first).history.last?.note == "Cambio de válvula")
        let unknown = desk.handle(.statusAsked("AUD-2026-000777", resumeCode: nil, follow: false, Conn.citizen(9), ref: nil),
                                  at: Fixtures.at("11:00"))
        #expect(unknown.channelErrors == [.unknownFolio])
    }

    @Test func replayingTheJournalRebuildsTheChannelAndTheHearingContinuesItsFolios() {
        var desk = Desk()
        desk.checkIn(1, last: Fixtures.folio(7), at: Fixtures.at("09:10"))
        desk.checkIn(2, Fixtures.form(service: Fixtures.predial), at: Fixtures.at("09:20"))
        desk.update(Fixtures.folio(8), .transferred(to: Fixtures.obras, note: "Le toca a Obras."), by: Fixtures.mayor,
                    at: Fixtures.at("10:00"))
        #expect(Channel.restored(catalog: Fixtures.catalog, journal: desk.journal) == desk.channel)
        #expect(desk.channel.lastFolio == Fixtures.folio(9))

        var room = Room.live(lastFolio: Fixtures.folio(7))
        room.hearing.noteFolioIssued(Fixtures.folio(9))
        room.hearing.noteFolioIssued(Fixtures.folio(3))
        #expect(room.checkIn(1, at: Fixtures.at("10:01")).receipt?.folio == Fixtures.folio(10))
    }
}

/// A channel plus shorthands; journal entries are kept aside as in `Room`.
struct Desk {
    var channel = Channel(catalog: Fixtures.catalog)
    private(set) var journal: [ChannelJournalEntry] = []

    @discardableResult
    mutating func handle(_ input: ChannelInput, at now: Instant) -> [ChannelEffect] {
        var others: [ChannelEffect] = []
        for effect in channel.handle(input, at: now) {
            if case .journal(let entry) = effect { journal.append(entry) } else { others.append(effect) }
        }
        return others
    }

    @discardableResult
    mutating func checkIn(_ n: Int, _ form: CheckInForm = Fixtures.form(), last: Folio? = nil, at now: Instant) -> [ChannelEffect] {
        handle(.checkIn(form, resumeToken: "token-\(n)", lastFolio: last, Conn.citizen(n), ref: "c\(n)"), at: now)
    }

    @discardableResult
    mutating func update(_ folio: Folio, _ form: ChannelUpdateForm, by id: OfficialID, at now: Instant) -> [ChannelEffect] {
        handle(.official(.update(folio, form), by: id, Room.connection(of: id), ref: "u"), at: now)
    }
}

extension Array where Element == ChannelEffect {
    var replies: [ChannelMessage] {
        compactMap { if case .send(let message, to: .connection) = $0 { message } else { nil } }
    }

    var channelErrors: [ChannelError] {
        compactMap { if case .send(.error(let error, _), _) = $0 { error } else { nil } }
    }

    var statuses: [FolioStatus] {
        compactMap {
            switch $0 {
            case .send(.status(let status, _), _), .send(.received(_, _, let status, _), _): status
            default: nil
            }
        }
    }

    func statuses(to folio: Folio) -> [FolioStatus] {
        compactMap { if case .send(.status(let status, _), to: .citizen(let f)) = $0, f == folio { status } else { nil } }
    }
}
