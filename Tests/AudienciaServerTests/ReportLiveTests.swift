import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import Foundation
import Testing
@testable import AudienciaServer

/// Reports over real sockets and disk: a session with an answer on the floor and a petition
/// carried into the channel, plus a channel check-in answered later; then the same figures
/// from the command line's reader, as a table and as CSV.
@Suite struct ReportLiveTests {
    @Test func sessionAndPeriodReportsCountEveryPetitionOnce() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let server = try LiveServer(data: data)
        let moderator = try ChannelLiveTests.official(server, "moderacion")
        let water = try ChannelLiveTests.official(server, "dir-agua")
        try moderator.order("session.open")
        var folios: [String] = []
        for (name, colonia) in [("Uno Canario", "barrio-de-san-mateo"), ("Dos Canario", "casa-blanca")] {
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            try citizen.send(.object([
                "type": "checkin", "ref": "h", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                "name": .string(name), "coloniaId": .string(colonia), "serviceId": "agua-fuga", "description": "Fuga",
            ]))
            folios.append(try #require(try citizen.expect("checkin.accepted")["folio"]?.string))
        }
        try moderator.order("queue.callNext")
        try water.order("outcome.record", ["folio": .string(folios[0]), "outcome": "answered_now", "answer": "Hoy."])
        try moderator.order("session.close")
        // Answered on the floor, and still there to be checked by folio afterwards.
        let asker = try server.connect()
        try asker.hello(["role": "viewer"], expecting: "feed.snapshot")
        try asker.send(.object(["type": "folio.status", "folio": .string(folios[0])]))
        let answered = try asker.expect("folio.status")
        #expect(answered["status"]?.string == "answered" && answered["withNotes"]?.bool == false)
        #expect(answered["history"]?.array?.map { $0["kind"]?.string ?? "" } == ["received", "answered"])
        let later = try #require(try ChannelLiveTests.checkIn(try server.connect(), name: "Tres Canario")["folio"]?.string)
        try water.order("petition.update", ["folio": .string(later), "status": "answered", "answer": "Listo."])

        let session = try JSON.parse(Array(try TestHTTP.request(port: server.port, "/reports/sessions/2026-11-29.json").body.utf8))
        #expect(session["scope"]?["sessionId"]?.string == "2026-11-29")
        #expect(session["totals"]?["received"]?.int == 2)
        #expect(session["totals"]?["answeredNow"]?.int == 1)
        #expect(session["totals"]?["inProcess"]?.int == 1)
        #expect(session["totals"]?["answeredLater"]?.int == 0)
        #expect(session["totals"]?["overdue"]?.int == 0)
        #expect(session["byColonia"]?.array?.map { $0["coloniaId"]?.string ?? "" } == ["barrio-de-san-mateo", "casa-blanca"])
        let period = try TestHTTP.request(port: server.port, "/reports/period.json?from=2026-11-29&to=2026-11-29")
        #expect(period.status == 200 && !period.body.contains("Canario"))
        let totals = try JSON.parse(Array(period.body.utf8))["totals"]
        #expect(totals?["received"]?.int == 3 && totals?["answeredNow"]?.int == 1)
        #expect(totals?["inProcess"]?.int == 1 && totals?["answeredLater"]?.int == 1)
        #expect(try TestHTTP.request(port: server.port, "/reports/period.json?from=2026-11-30&to=2026-11-29").status == 400)
        #expect(try TestHTTP.request(port: server.port, "/reports/period.json?from=ayer&to=hoy").status == 400)
        #expect(try TestHTTP.request(port: server.port, "/reports/other.json").status == 404)
        server.stop()

        let offline = try ReportSource.report(data: data, seeds: server.seeds,
                                              scope: .period(from: CivilDate(year: 2026, month: 11, day: 29),
                                                             to: CivilDate(year: 2026, month: 11, day: 29)),
                                              today: CivilDate(year: 2026, month: 11, day: 29))
        let rows = ReportText.csv(offline).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",") }
        #expect(rows == [
            "ámbito,nombre,recibidas,atendidas al momento,en proceso,atendidas después,vencidas",
            "total,Total,3,1,1,1,0",
            "dependencia,Agua Potable,3,1,1,1,0",
            "colonia,Barrio de San Mateo,2,1,0,1,0",
            "colonia,Casa Blanca,1,0,1,0,0",
        ])
    }

    @Test func theTableAndTheCSVSpellOutTheFigures() throws {
        let catalog = try SeedLoader.load(from: LiveServer.repository.appendingPathComponent("seeds"))
        let start = Instant(rfc3339: "2026-12-01T16:00:00.000Z") ?? LiveServer.sunday
        let petitions = [
            ReportPetition(folio: "AUD-2026-000001", sessionID: "2026-12-01", departmentID: "agua", coloniaID: "casa-blanca",
                           receivedAt: start, outcome: .answeredNow(at: start.adding(seconds: 720))),
            ReportPetition(folio: "AUD-2026-000002", sessionID: "2026-12-01", departmentID: "agua", coloniaID: "casa-blanca",
                           receivedAt: start, outcome: .answeredLater(at: start.adding(seconds: 2 * 86_400 + 3 * 3600 + 720))),
            ReportPetition(folio: "AUD-2026-000003", sessionID: "2026-12-01", departmentID: "agua", coloniaID: "casa-blanca",
                           receivedAt: start, outcome: .unanswered(dueDate: CivilDate(year: 2026, month: 12, day: 2))),
        ]
        let report = PetitionReport(petitions, scope: .session("2026-12-01"), catalog: catalog,
                                    today: CivilDate(year: 2026, month: 12, day: 7))
        // (720 + 184_320) / 2 = 92_520 s = 1 d 1 h 42 min.
        #expect(ReportText.csv(report) == """
            ámbito,nombre,recibidas,atendidas al momento,en proceso,atendidas después,vencidas,tiempo medio de respuesta\r
            total,Total,3,1,1,1,1,92520\r
            dependencia,Agua Potable,3,1,1,1,1,92520\r
            colonia,Casa Blanca,3,1,1,1,1,92520\r

            """)
        let table = ReportText.table(report)
        #expect(table.hasPrefix("Sesión 2026-12-01 · vencidas al 2026-12-07\n\n"))
        #expect(table.contains("total        Total                 3                     1           1                  1         1                    1 d 1 h\n"))
        #expect(ReportText.duration(720) == "12 min" && ReportText.duration(5 * 3600 + 1200) == "5 h 20 min")
    }
}
