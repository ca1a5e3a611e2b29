import Testing
@testable import AudienciaCore

/// Reports over a seeded set of petitions, checked number by number, and the two sources
/// they are built from: a session's journal and the permanent channel.
@Suite struct ReportTests {
    static let today = CivilDate(year: 2026, month: 12, day: 7)

    static func at(_ time: String, _ day: Int, month: Int = 12) -> Instant {
        Fixtures.at(time, on: CivilDate(year: 2026, month: month, day: day))
    }

    static func petition(_ n: Int, _ session: String?, _ department: DepartmentID, _ colonia: ColoniaID,
                         _ received: Instant, _ outcome: ReportPetition.Outcome) -> ReportPetition {
        ReportPetition(folio: Fixtures.folio(n), sessionID: session, departmentID: department, coloniaID: colonia,
                       receivedAt: received, outcome: outcome)
    }

    static let seeded = [
        petition(1, "2026-12-01", Fixtures.agua, Fixtures.sanMateo, at("10:00", 1), .answeredNow(at: at("10:10", 1))),
        petition(2, "2026-12-01", Fixtures.obras, Fixtures.sanMateo, at("10:05", 1),
                 .unanswered(dueDate: CivilDate(year: 2026, month: 12, day: 3))),
        petition(3, "2026-12-01", Fixtures.agua, Fixtures.tizatlalli, at("10:06", 1), .answeredLater(at: at("10:06", 2))),
        petition(4, nil, Fixtures.tesoreria, Fixtures.casaBlanca, at("09:00", 3),
                 .unanswered(dueDate: CivilDate(year: 2026, month: 12, day: 17))),
        petition(5, nil, Fixtures.agua, Fixtures.casaBlanca, at("09:00", 5), .answeredLater(at: at("10:00", 5))),
        petition(6, "2026-11-24", Fixtures.agua, Fixtures.sanMateo, at("10:00", 24, month: 11),
                 .answeredNow(at: at("10:05", 24, month: 11))),
    ]

    static func figures(_ received: Int, now: Int, open: Int, later: Int, overdue: Int, mean: Int64?) -> ReportFigures {
        var figures = ReportFigures()
        figures.received = received
        figures.answeredNow = now
        figures.inProcess = open
        figures.answeredLater = later
        figures.overdue = overdue
        figures.meanSecondsToAnswer = mean
        return figures
    }

    @Test func aSessionReportCountsItsPetitionsWhereverTheyWereAnswered() {
        let report = PetitionReport(Self.seeded, scope: .session("2026-12-01"), catalog: Fixtures.catalog, today: Self.today)
        #expect(report.totals == Self.figures(3, now: 1, open: 1, later: 1, overdue: 1, mean: (600 + 86_400) / 2))
        #expect(report.byDepartment == [
            ReportRow(id: "agua", name: "Agua Potable", figures: Self.figures(2, now: 1, open: 0, later: 1, overdue: 0, mean: 43_500)),
            ReportRow(id: "obras-publicas", name: "Obras Públicas", figures: Self.figures(1, now: 0, open: 1, later: 0, overdue: 1, mean: nil)),
        ])
        #expect(report.byColonia == [
            ReportRow(id: "barrio-de-san-mateo", name: "Barrio de San Mateo",
                      figures: Self.figures(2, now: 1, open: 1, later: 0, overdue: 1, mean: 600)),
            ReportRow(id: "san-salvador-tizatlalli", name: "San Salvador Tizatlalli",
                      figures: Self.figures(1, now: 0, open: 0, later: 1, overdue: 0, mean: 86_400)),
        ])
    }

    @Test func aPeriodReportCountsHearingAndChannelPetitionsReceivedInIt() {
        let period = ReportScope.period(from: CivilDate(year: 2026, month: 12, day: 1), to: CivilDate(year: 2026, month: 12, day: 5))
        let report = PetitionReport(Self.seeded, scope: period, catalog: Fixtures.catalog, today: Self.today)
        #expect(report.totals == Self.figures(5, now: 1, open: 2, later: 2, overdue: 1, mean: (600 + 86_400 + 3600) / 3))
        #expect(report.byDepartment.map(\.id) == ["agua", "obras-publicas", "tesoreria"])
        #expect(report.byDepartment[0].figures == Self.figures(3, now: 1, open: 0, later: 2, overdue: 0, mean: 30_200))
        #expect(report.byDepartment[2].figures == Self.figures(1, now: 0, open: 1, later: 0, overdue: 0, mean: nil))
        #expect(report.byColonia.last == ReportRow(id: "casa-blanca", name: "Casa Blanca",
                                                   figures: Self.figures(2, now: 0, open: 1, later: 1, overdue: 0, mean: 3600)))
        let earlier = PetitionReport(Self.seeded, scope: .period(from: CivilDate(year: 2026, month: 11, day: 24),
                                                                 to: CivilDate(year: 2026, month: 11, day: 24)),
                                     catalog: Fixtures.catalog, today: Self.today)
        #expect(earlier.totals == Self.figures(1, now: 1, open: 0, later: 0, overdue: 0, mean: 300))
        let empty = PetitionReport(Self.seeded, scope: .session("2026-12-08"), catalog: Fixtures.catalog, today: Self.today)
        #expect(empty.totals == ReportFigures() && empty.byDepartment.isEmpty && empty.byColonia.isEmpty)
    }

    @Test func theFloorsAnswersComeFromTheJournalAndTheRestFromTheChannel() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.form(colonia: Fixtures.casaBlanca), at: Fixtures.at("10:02"))
        room.callNext(at: Fixtures.at("10:03"))
        room.official(.recordOutcome(folio: Fixtures.folio(1), .transferred(to: Fixtures.obras)), by: Fixtures.dirAgua,
                      at: Fixtures.at("10:04"))
        room.callNext(at: Fixtures.at("10:05"))
        room.answer(Fixtures.folio(1), by: Fixtures.dirObras, at: Fixtures.at("10:11"))
        room.official(.closeSession, at: Fixtures.at("10:20"))
        #expect(ReportPetition.answeredOnTheFloor(room.journal) == [
            ReportPetition(folio: Fixtures.folio(1), sessionID: "2026-12-01", departmentID: Fixtures.obras,
                           coloniaID: Fixtures.sanMateo, receivedAt: Fixtures.at("10:01"),
                           outcome: .answeredNow(at: Fixtures.at("10:11"))),
        ])

        var desk = Desk()
        for entry in room.journal {
            guard case .petitionResolved(let folio, let resolution) = entry.fact,
                  let petition = room.hearing.petitions[folio] else { continue }
            desk.handle(.handedOver(petition, resolution, sessionID: "2026-12-01"), at: entry.at)
        }
        desk.checkIn(3, Fixtures.form(service: Fixtures.predial), last: Fixtures.folio(2), at: Fixtures.at("15:00"))
        desk.update(Fixtures.folio(3), .answered(answer: "Listo."), by: Fixtures.dirTesoreria, at: Fixtures.at("16:30"))
        #expect(ReportPetition.followedUp(desk.channel) == ReportPetition.answeredOnTheFloor(room.journal) + [
            ReportPetition(folio: Fixtures.folio(2), sessionID: "2026-12-01", departmentID: Fixtures.agua,
                           coloniaID: Fixtures.casaBlanca, receivedAt: Fixtures.at("10:02"),
                           outcome: .unanswered(dueDate: CivilDate(year: 2026, month: 12, day: 15))),
            ReportPetition(folio: Fixtures.folio(3), sessionID: nil, departmentID: Fixtures.tesoreria,
                           coloniaID: Fixtures.sanMateo, receivedAt: Fixtures.at("15:00"),
                           outcome: .answeredLater(at: Fixtures.at("16:30"))),
        ])
    }
}
