import Testing
@testable import AudienciaCore

/// ARCO on the permanent channel as input sequences: a citizen with folio and code exports,
/// rectifies and cancels; the facts replay to the same channel; the pseudonymous record and
/// the public status stay; and the retention rule picks only answered petitions.
@Suite struct ChannelArcoTests {
    let folio = Fixtures.folio(1)

    private func arco(_ desk: inout Desk, _ request: ArcoRequest, token: String = "token-1",
                      at time: String = "12:00") -> [ChannelEffect] {
        desk.handle(.arco(request, folio: folio, resumeToken: token, Conn.citizen(9), ref: "a"), at: Fixtures.at(time))
    }

    private func exported(_ effects: [ChannelEffect]) -> ChannelPersonalDataExport? {
        effects.compactMap { if case .send(.arcoData(let export, _), _) = $0 { export } else { nil } }.first
    }

    @Test func theCitizenGetsEverythingHeldWithTheHistoryAndItsNotes() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        desk.update(folio, .inProcess(commitment: "Cuadrilla el jueves", dueDate: CivilDate(year: 2026, month: 12, day: 10)),
                    by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        let before = desk.journal
        let export = try #require(exported(arco(&desk, .export)))
        #expect(export.petition.citizen.name == desk.channel.petitions[folio]?.citizen.name)
        #expect(export.petition.history.map(\.kind) == [.received, .inProcess])
        #expect(export.status.withNotes && export.status.history.last?.note == "Cuadrilla el jueves")
        #expect(desk.journal == before, "an export records nothing")
    }

    @Test func aWrongCodeAndAnUnknownFolioGetTheSameRefusal() {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        #expect(arco(&desk, .export, token: "token-2").channelErrors == [.arco(.arcoDenied)])
        #expect(arco(&desk, .cancel, token: "").channelErrors == [.arco(.arcoDenied)])
        let unknown = desk.handle(.arco(.export, folio: Fixtures.folio(7), resumeToken: "token-1", Conn.citizen(9), ref: "a"),
                                  at: Fixtures.at("12:00"))
        #expect(unknown.channelErrors == [.arco(.arcoDenied)])
        #expect(ChannelError.arco(.arcoDenied).code == "arco_denied")
    }

    @Test func rectificationIsAFactWithWhoAndWhenAndChecksTheFields() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        #expect(arco(&desk, .rectify(CitizenCorrection(name: "x"))).channelErrors == [.arco(.invalidName)])
        let effects = arco(&desk, .rectify(CitizenCorrection(name: "Nombre Corregido", contact: "", salt: "s2")))
        let data = try #require(desk.channel.petitions[folio]?.citizen)
        #expect(data.name == "Nombre Corregido" && data.contact == nil && data.salt == "s2")
        #expect(desk.journal.last == ChannelJournalEntry(at: Fixtures.at("12:00"),
                                                         fact: .personalDataRectified(folio, data, by: nil)))
        #expect(exported(effects)?.petition.arcoActions == [ArcoAction(kind: .rectified, by: nil, at: Fixtures.at("12:00"))])
        #expect(effects.contains(.refreshBacklogs))
    }

    @Test func cancellationKeepsThePseudonymousRecordAndReplaysTheSame() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let effects = arco(&desk, .cancel)
        #expect(effects.replies == [.ok(ref: "a")])
        let petition = try #require(desk.channel.petitions[folio])
        #expect(petition.citizen.isCancelled)
        #expect(petition.departmentID == Fixtures.agua && petition.status == .received && petition.history.count == 1)
        #expect(arco(&desk, .cancel).channelErrors == [.arco(.personalDataCancelled)])
        #expect(arco(&desk, .rectify(CitizenCorrection(name: "Otra Persona"))).channelErrors == [.arco(.personalDataCancelled)])
        // The petition still moves on, and anyone with the folio still sees its status.
        desk.update(folio, .answered(answer: "Fuga reparada"), by: Fixtures.dirAgua, at: Fixtures.at("13:00"))
        #expect(desk.channel.petitions[folio]?.status == .answered)
        let status = desk.handle(.statusAsked(folio, resumeCode: nil, follow: false, Conn.citizen(8), ref: "s"),
                                 at: Fixtures.at("13:30")).statuses
        #expect(status.first?.status == .answered)
        #expect(Channel.restored(catalog: Fixtures.catalog, journal: desk.journal) == desk.channel)
    }

    @Test func anOfficialActsWithTheirNameOnTheRecord() throws {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        let facts = try desk.channel.arcoFacts(.cancel, folio: folio, by: Fixtures.moderator, at: Fixtures.at("12:00"))
        #expect(facts == [.personalDataCancelled(folio, by: Fixtures.moderator)])
        #expect(throws: ChannelError.arco(.arcoDenied)) {
            try desk.channel.arcoFacts(.export, folio: Fixtures.folio(5), by: Fixtures.moderator, at: Fixtures.at("12:00"))
        }
    }

    @Test func retentionReachesOnlyPetitionsAnsweredBeforeTheCutoff() {
        var desk = Desk()
        desk.checkIn(1, at: Fixtures.at("09:10"))
        desk.checkIn(2, at: Fixtures.at("09:20"))
        desk.checkIn(3, at: Fixtures.at("09:30"))
        desk.update(Fixtures.folio(1), .answered(answer: "Listo"), by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        desk.update(Fixtures.folio(3), .answered(answer: "Listo"), by: Fixtures.dirAgua, at: Fixtures.at("10:00"))
        desk.handle(.arco(.cancel, folio: Fixtures.folio(3), resumeToken: "token-3", Conn.citizen(3), ref: nil),
                    at: Fixtures.at("11:00"))
        let day = Fixtures.tuesday
        #expect(desk.channel.answered(before: day).isEmpty, "answered that same day")
        #expect(desk.channel.answered(before: day.adding(days: 1)) == [Fixtures.folio(1)],
                "the open one keeps its data, the cancelled one has none left")
    }
}
