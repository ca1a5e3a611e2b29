import Testing
@testable import AudienciaCore

/// The channel says what the catalog's texts and schedule say: another municipality changes
/// its seeds, and every note, next step and opening time follows without a code change.
@Suite struct ChannelPromptTests {
    /// A municipality open Monday to Saturday from 8:00 to 15:00, with its own wording.
    static let otherMunicipality: Catalog = {
        var catalog = Fixtures.catalog
        catalog.schedule.permanentChannel = .init(weekdays: [1, 2, 3, 4, 5, 6], start: TimeOfDay(minutes: 480),
                                                  end: TimeOfDay(minutes: 900))
        catalog.guidance.channel[.receivedNote] = "Recibida en ventanilla digital."
        catalog.guidance.channel[.reviewOn] = "desde el {date} a las {time} ({channelHours})"
        catalog.guidance.channel[.received] = "Folio {folio}: {department} la atenderá {review}; responde a más tardar el {dueDate}."
        catalog.guidance.channel[.inProcess] = "Folio {folio} en trámite: {commitment}."
        catalog.guidance.channel[.inProcessPublic] = "Folio {folio} en trámite."
        return catalog
    }()

    @Test func theReceptionNoteAndTheNextStepComeFromTheCatalog() throws {
        var desk = Desk()
        desk.channel = Channel(catalog: Self.otherMunicipality)
        let friday = CivilDate(year: 2026, month: 12, day: 4)
        let effects = desk.checkIn(1, at: Fixtures.at("19:00", on: friday))
        let status = try #require(effects.statuses.first)
        #expect(status.nextStep == "Folio AUD-2026-000001: Agua Potable la atenderá desde el sábado 5 de diciembre "
                + "a las 8:00 (lunes a sábado de 8:00 a 15:00); responde a más tardar el miércoles 16 de diciembre.")
        #expect(desk.channel.petitions[Fixtures.folio(1)]?.history.map(\.note) == ["Recibida en ventanilla digital."])
    }

    @Test func officeHoursComeFromTheSchedule() throws {
        var desk = Desk()
        desk.channel = Channel(catalog: Self.otherMunicipality)
        // 14:30 on a Saturday is open for this municipality, closed for the fixture's.
        let saturday = CivilDate(year: 2026, month: 12, day: 5)
        let open = try #require(desk.checkIn(1, at: Fixtures.at("14:30", on: saturday)).statuses.first)
        #expect(open.nextStep.contains("la atenderá hoy mismo, en horario de atención;"), "\(open.nextStep)")
        var fixtureDesk = Desk()
        let closed = try #require(fixtureDesk.checkIn(1, at: Fixtures.at("14:30", on: saturday)).statuses.first)
        #expect(closed.nextStep.contains("el lunes 7 de diciembre a partir de las 9:00"), "\(closed.nextStep)")
    }

    @Test func theNotesReachOnlyTheTextForTheOwner() throws {
        var desk = Desk()
        desk.channel = Channel(catalog: Self.otherMunicipality)
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let folio = Fixtures.folio(1)
        let taken = desk.update(folio, .inProcess(commitment: "Cambio de válvula", dueDate: CivilDate(year: 2026, month: 12, day: 3)),
                                by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        #expect(taken.statuses(to: folio).first?.nextStep == "Folio AUD-2026-000001 en trámite: Cambio de válvula.")
        let anyone = desk.handle(.statusAsked(folio, resumeCode: nil, follow: false, Conn.citizen(9), ref: "s"),
                                 at: Fixtures.at("11:00"))
        #expect(anyone.statuses.first?.nextStep == "Folio AUD-2026-000001 en trámite.")
    }

    @Test func aPlaceholderTheChannelDoesNotKnowStaysVisible() throws {
        var catalog = Fixtures.catalog
        catalog.guidance.channel[.received] = "Folio {folio} con {dependencia}."
        var desk = Desk()
        desk.channel = Channel(catalog: catalog)
        let status = try #require(desk.checkIn(1, at: Fixtures.at("11:00")).statuses.first)
        #expect(status.nextStep == "Folio AUD-2026-000001 con {dependencia}.")
    }
}
