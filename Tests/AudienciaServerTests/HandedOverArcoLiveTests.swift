import AudienciaCore
import AudienciaJSON
@testable import AudienciaServer
import AudienciaSeeds
import Foundation
import Testing

/// A folio a hearing handed to the permanent channel lives in two records (the session's,
/// live or archived, and the channel's): one ARCO request over the protocol reaches both.
@Suite struct HandedOverArcoLiveTests {
    private func checkIn(_ server: LiveServer, name: String, contact: String) throws -> (TestWebSocket, String, String) {
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        try citizen.send(.object([
            "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "serviceId": "agua-fuga",
            "contact": .string(contact), "description": .string("Descripción de \(name)"),
        ]))
        let receipt = try citizen.expect("checkin.accepted")
        return (citizen, try #require(receipt["folio"]?.string), try #require(receipt["resumeToken"]?.string))
    }

    @Test func oneRequestReachesTheSessionsRecordsAndTheChannels() throws {
        let left = ChannelArcoLiveTests.canaries(), carried = ChannelArcoLiveTests.canaries()
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")

        // Left the queue: handed to the channel while the session is still open.
        let (leaving, leftFolio, leftCode) = try checkIn(server, name: left.name, contact: left.contact)
        try leaving.send(.object(["type": "leave"]))
        _ = try leaving.expect("guidance", where: { $0["key"]?.string == "left" })
        let fixed = try ChannelArcoLiveTests.arco(server, "arco.rectify", folio: leftFolio, code: leftCode,
                                                  ["name": .string(left.corrected)])
        #expect(fixed["data"]?["personalData"]?["name"]?.string == left.corrected)
        let both = try ChannelArcoLiveTests.arco(server, "arco.export", folio: leftFolio, code: leftCode)
        #expect(both["data"]?["turno"]?.int == 1)
        #expect(both["data"]?["channel"]?["origin"]?["kind"]?.string == "hearing")
        #expect(both["data"]?["channel"]?["arco"]?.array?.first?["kind"]?.string == "rectified")

        // Carried forward at the close: then the archive and the channel hold it.
        let (_, carriedFolio, carriedCode) = try checkIn(server, name: carried.name, contact: carried.contact)
        try moderator.order("session.close")
        let archived = try ChannelArcoLiveTests.arco(server, "arco.export", folio: carriedFolio, code: carriedCode)
        #expect(archived["data"]?["personalData"]?["contact"]?.string == carried.contact)
        #expect(archived["data"]?["turno"]?.int == 2 && archived["data"]?["channel"] != .null)

        for (folio, code) in [(carriedFolio, carriedCode), (leftFolio, leftCode)] {
            let gone = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
            #expect(gone["type"]?.string == "ok", "\(gone.text())")
        }
        let canaries = [left.name, left.contact, left.corrected, carried.name, carried.contact]
        #expect(ChannelArcoLiveTests.filesHolding(canaries, under: server.data).isEmpty)
        let archive = server.data.appendingPathComponent("archive")
        let files = try FileManager.default.contentsOfDirectory(atPath: archive.path).map { archive.appendingPathComponent($0) }
        for file in files + [server.data.appendingPathComponent("channel.jsonl")] {
            let report = ArchiveVerifier.verify(file, seeds: server.seeds)
            #expect(report.passed, "\(file.lastPathComponent): \(report.failure ?? "")")
        }
        let protected = try server.archive("protected").json
        #expect(protected["petitions"]?.array?.allSatisfy { $0["personalDataCancelled"] == .bool(true) } == true)
    }

    @Test func aCancellationTheChannelMissedInACrashIsFinishedAtStart() throws {
        let person = ChannelArcoLiveTests.canaries()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-missed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let channelFile = data.appendingPathComponent("channel.jsonl")
        do {
            let server = try LiveServer(data: data)
            let moderator = try server.connect()
            try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
            try moderator.order("session.open")
            let (leaving, folio, code) = try checkIn(server, name: person.name, contact: person.contact)
            try leaving.send(.object(["type": "leave"]))
            _ = try leaving.expect("guidance", where: { $0["key"]?.string == "left" })
            let handedOver = try Data(contentsOf: channelFile)
            let gone = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
            #expect(gone["type"]?.string == "ok", "\(gone.text())")
            server.stop()
            // As a crash after the hearing's commit and before the channel's leaves them.
            try handedOver.write(to: channelFile)
            #expect(ChannelArcoLiveTests.filesHolding([person.name], under: data) == ["channel.jsonl"])
        }
        let restarted = try LiveServer(data: data)
        #expect(ChannelArcoLiveTests.filesHolding([person.name, person.contact], under: data).isEmpty)
        let report = ArchiveVerifier.verify(channelFile, seeds: restarted.seeds)
        #expect(report.passed, "\(report.failure ?? "")")
    }

    @Test func aCancellationTheChannelHasGoesOnToTheArchiveStillHoldingTheData() throws {
        let person = ChannelArcoLiveTests.canaries()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-finish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let folio: String, code: String
        do {
            let server = try LiveServer(data: data)
            let moderator = try server.connect()
            try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
            try moderator.order("session.open")
            (_, folio, code) = try checkIn(server, name: person.name, contact: person.contact)
            try moderator.order("session.close")
            server.stop()
            // As a cancellation cut short after the channel and before the archive leaves it.
            let catalog = try SeedLoader.load(from: server.seeds)
            let channel = try #require(try ChannelArco.open(DataFolder(root: data), catalog: catalog, holding: Folio(folio)))
            try channel.apply(.cancel, folio: Folio(folio), by: "moderacion", at: server.clock())
        }
        #expect(ChannelArcoLiveTests.filesHolding([person.name], under: data).contains { $0.hasSuffix(".protected.json") })
        let server = try LiveServer(data: data)
        let finished = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
        #expect(finished["type"]?.string == "ok", "\(finished.text())")
        #expect(ChannelArcoLiveTests.filesHolding([person.name, person.contact], under: data).isEmpty)
        let again = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
        #expect(again["code"]?.string == "personal_data_cancelled", "\(again.text())")
    }

    @Test func aFolioOfASessionWhoseArchiveIsNotWrittenYetWaits() throws {
        let person = ChannelArcoLiveTests.canaries()
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        let (_, folio, code) = try checkIn(server, name: person.name, contact: person.contact)
        // The archive folder replaced by a file: the close cannot write its records.
        let archive = server.data.appendingPathComponent("archive")
        try FileManager.default.removeItem(at: archive)
        try Data().write(to: archive)
        try moderator.send(.object(["type": "session.close", "ref": "cierre"]))
        let refused = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
        #expect(refused["code"]?.string == "server_error", "\(refused.text())")
        // Once the records can be written, the same request reaches them too.
        try FileManager.default.removeItem(at: archive)
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: false)
        var answer = JSON.null
        for _ in 0..<20 {
            answer = try ChannelArcoLiveTests.arco(server, "arco.cancel", folio: folio, code: code)
            if answer["type"]?.string == "ok" { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        #expect(answer["type"]?.string == "ok", "\(answer.text())")
        #expect(ChannelArcoLiveTests.filesHolding([person.name, person.contact], under: server.data).isEmpty)
    }
}
