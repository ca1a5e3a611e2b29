import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaServer
import Foundation
import Testing

/// ARCO and retention on the permanent channel with a real server and real files: a citizen
/// checks in with canary data, an official moves the petition on, the citizen exports,
/// rectifies and cancels over the protocol; then no file under the data folder holds any
/// canary, `channel.jsonl` still verifies and the folio still answers its public status.
@Suite struct ChannelArcoLiveTests {
    static func canaries() -> (name: String, contact: String, description: String, corrected: String) {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return ("Canaria Canal \(tag)", "canaria.\(tag)@correo-privado.mx", "Banqueta rota frente al \(tag)",
                "Canaria Corregida \(tag)")
    }

    static func checkIn(_ server: LiveServer, name: String, contact: String, description: String) throws -> (String, String) {
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        try citizen.send(.object([
            "type": "channel.checkin", "ref": "c",
            "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "contact": .string(contact),
            "serviceId": "agua-fuga", "description": .string(description),
        ]))
        let received = try citizen.expect("channel.received")
        return (try #require(received["folio"]?.string), try #require(received["resumeToken"]?.string))
    }

    static func arco(_ server: LiveServer, _ type: String, folio: String, code: String,
                     _ fields: JSONObject = [:]) throws -> JSON {
        let socket = try server.connect()
        try socket.hello(["role": "citizen"], expecting: "welcome")
        var message: JSONObject = ["type": .string(type), "ref": "a", "folio": .string(folio), "resumeToken": .string(code)]
        for (key, value) in fields.members { message[key] = value }
        try socket.send(.object(message))
        return try socket.expect(where: { $0["ref"]?.string == "a" })
    }

    /// Every file under `folder`, whatever its name, as bytes searched for each canary.
    static func filesHolding(_ canaries: [String], under folder: URL) -> [String] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { return false }
            return canaries.contains { data.range(of: Data($0.utf8)) != nil }
        }
    }

    @Test func aCitizenExportsRectifiesAndCancelsAndNoCanaryIsLeftOnDisk() throws {
        let canary = Self.canaries()
        let server = try LiveServer()
        let water = try ChannelLiveTests.official(server, "dir-agua")
        let (folio, code) = try Self.checkIn(server, name: canary.name, contact: canary.contact,
                                             description: canary.description)
        try water.order("petition.update", ["folio": .string(folio), "status": "in_process",
                                            "commitment": "Cuadrilla el martes", "dueDate": "2026-12-03"])

        let export = try Self.arco(server, "arco.export", folio: folio, code: code)
        #expect(export["type"]?.string == "arco.data")
        let data = try #require(export["data"])
        #expect(data["personalData"]?["name"]?.string == canary.name)
        #expect(data["personalData"]?["contact"]?.string == canary.contact)
        #expect(data["personalData"]?["description"]?.string == canary.description)
        #expect(data["channel"]?["status"]?.string == "in_process")
        #expect(data["channel"]?["history"]?.array?.last?["by"]?.string == "dir-agua")
        #expect(data["channel"]?["history"]?.array?.last?["note"]?.string == "Cuadrilla el martes")

        let denied = try Self.arco(server, "arco.export", folio: folio, code: "no-es-el-codigo")
        #expect(denied["code"]?.string == "arco_denied")

        let rectified = try Self.arco(server, "arco.rectify", folio: folio, code: code, ["name": .string(canary.corrected)])
        #expect(rectified["data"]?["personalData"]?["name"]?.string == canary.corrected)
        #expect(rectified["data"]?["arco"]?.array?.first?["kind"]?.string == "rectified")
        let backlog = try water.expect("backlog", where: { $0.text().contains(canary.corrected) })
        #expect(!backlog.text().contains(canary.name + "\""))

        let cancelled = try Self.arco(server, "arco.cancel", folio: folio, code: code)
        #expect(cancelled["type"]?.string == "ok")
        // Out of the running server's memory: the backlog and a new export no longer carry it.
        _ = try water.expect("backlog", where: { !$0.text().contains(canary.corrected) })
        let after = try Self.arco(server, "arco.export", folio: folio, code: code)
        #expect(after["data"]?["personalData"]?["cancelled"]?.bool == true)
        #expect(!after.text().contains(canary.corrected))

        let all = [canary.name, canary.contact, canary.description, canary.corrected]
        #expect(Self.filesHolding(all, under: server.data).isEmpty)
        let report = ArchiveVerifier.verify(server.data.appendingPathComponent("channel.jsonl"), seeds: server.seeds)
        #expect(report.passed, "\(report.failure ?? "")")

        let viewer = try server.connect()
        try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
        try viewer.send(.object(["type": "folio.status", "folio": .string(folio), "ref": "s"]))
        let status = try viewer.expect("folio.status")
        #expect(status["status"]?.string == "in_process" && status["service"]?.string?.isEmpty == false)

        let log = try String(contentsOf: server.data.appendingPathComponent("arco.jsonl"), encoding: .utf8)
        let actions = log.split(separator: "\n").compactMap { try? JSON.parse(String($0)) }
        #expect(actions.map { $0["action"]?.string ?? "" } == ["export", "rectify", "cancel", "export"])
        #expect(actions.allSatisfy { $0["official"] == .null && $0["channel"] == .bool(true) && $0["folio"]?.string == folio })

        // The command keeps away while the server owns the channel.
        #expect(throws: ArchivedArco.Failure.self) {
            try ArchivedArco.perform(.export, folio: Folio(folio), official: "moderacion", data: server.data,
                                     seeds: server.seeds, now: server.clock())
        }
        server.stop()
        let restarted = try LiveServer(data: server.data)
        let again = try Self.arco(restarted, "arco.export", folio: folio, code: code)
        #expect(again["data"]?["personalData"]?["cancelled"]?.bool == true)
        #expect(again["data"]?["channel"]?["status"]?.string == "in_process")
    }

    @Test func theCommandCoversTheChannelOnAStoppedServer() throws {
        let canary = Self.canaries()
        let server = try LiveServer()
        let (folio, _) = try Self.checkIn(server, name: canary.name, contact: canary.contact, description: canary.description)
        server.stop()
        func perform(_ request: ArcoRequest) throws -> String {
            try ArchivedArco.perform(request, folio: Folio(folio), official: "moderacion", data: server.data,
                                     seeds: server.seeds, now: server.clock())
        }
        let export = try JSON.parse(try perform(.export))
        #expect(export["personalData"]?["contact"]?.string == canary.contact)
        #expect(export["sessionId"] == .null && export["channel"]?["origin"]?["kind"]?.string == "channel")
        _ = try perform(.rectify(CitizenCorrection(name: canary.corrected)))
        #expect(Self.filesHolding([canary.corrected], under: server.data) == ["channel.jsonl"])
        _ = try perform(.cancel)
        #expect(Self.filesHolding([canary.name, canary.contact, canary.description, canary.corrected],
                                  under: server.data).isEmpty)
        #expect(throws: HearingError.personalDataCancelled) { try perform(.cancel) }
        let report = ArchiveVerifier.verify(server.data.appendingPathComponent("channel.jsonl"), seeds: server.seeds)
        #expect(report.passed, "\(report.failure ?? "")")
        let log = try String(contentsOf: server.data.appendingPathComponent("arco.jsonl"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 3 && log.contains("\"official\":\"moderacion\""))
    }

    @Test func aFolioTheChannelNeverHeldIsLeftToTheCommandWhileTheServerRuns() throws {
        let canary = Self.canaries()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-prechannel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let first = try LiveServer(data: data)
        let moderator = try first.connect()
        try moderator.hello(["role": "official", "token": .string(try first.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        let citizen = try first.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        try citizen.send(.object([
            "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(canary.name), "coloniaId": "barrio-de-san-mateo", "serviceId": "agua-fuga",
            "description": .string(canary.description),
        ]))
        let folio = try #require(try citizen.expect("checkin.accepted")["folio"]?.string)
        try moderator.order("session.close")
        // A later session, so a restart does not hand the first one's petitions over again.
        try moderator.order("session.open")
        try moderator.order("session.close")
        first.stop()
        // As a session archived before the permanent channel existed left it.
        try FileManager.default.removeItem(at: data.appendingPathComponent("channel.jsonl"))
        let server = try LiveServer(data: data)
        let export = try JSON.parse(try ArchivedArco.perform(.export, folio: Folio(folio), official: "moderacion",
                                                             data: server.data, seeds: server.seeds, now: server.clock()))
        #expect(export["personalData"]?["name"]?.string == canary.name && export["channel"] == .null)
    }

    @Test func purgeSealsAnsweredPetitionsPastRetentionAndKeepsOpenOnes() throws {
        let answered = Self.canaries(), open = Self.canaries()
        let server = try LiveServer()
        let water = try ChannelLiveTests.official(server, "dir-agua")
        let (done, _) = try Self.checkIn(server, name: answered.name, contact: answered.contact,
                                         description: answered.description)
        _ = try Self.checkIn(server, name: open.name, contact: open.contact, description: open.description)
        try water.order("petition.update", ["folio": .string(done), "status": "answered", "answer": "Reparada."])
        let catalog = try SeedLoader.load(from: server.seeds)
        let retention = catalog.privacy.retentionDays
        let answeredOn = catalog.clock.date(of: server.clock())
        func plan(on today: CivilDate) throws -> RetentionPurge.Plan {
            try RetentionPurge.plan(data: server.data, olderThan: retention, retentionDays: retention, today: today,
                                    catalog: catalog)
        }
        #expect(try plan(on: answeredOn.adding(days: retention)).channelFolios.isEmpty, "not yet past retention")
        let due = try plan(on: answeredOn.adding(days: retention + 1))
        #expect(due.channelFolios == [Folio(done)])
        #expect(throws: RetentionPurge.Failure.self) { try RetentionPurge.execute(due) }  // the server owns the channel
        server.stop()
        // A line cut short at the end is refused, and kept: opening to append would drop it.
        let channelFile = server.data.appendingPathComponent("channel.jsonl")
        let whole = try Data(contentsOf: channelFile), torn = whole + Data("{\"n\":".utf8)
        try torn.write(to: channelFile)
        #expect(throws: RetentionPurge.Failure.self) { try RetentionPurge.execute(due) }
        #expect(try Data(contentsOf: channelFile) == torn)
        try whole.write(to: channelFile)
        try RetentionPurge.execute(due)
        #expect(Self.filesHolding([answered.name, answered.contact, answered.description], under: server.data).isEmpty)
        #expect(Self.filesHolding([open.name], under: server.data) == ["channel.jsonl"])
        let report = ArchiveVerifier.verify(server.data.appendingPathComponent("channel.jsonl"), seeds: server.seeds)
        #expect(report.passed, "\(report.failure ?? "")")
        #expect(try plan(on: answeredOn.adding(days: retention + 1)).channelFolios.isEmpty, "nothing left to purge")
    }
}
