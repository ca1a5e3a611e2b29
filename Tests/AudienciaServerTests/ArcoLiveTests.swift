import AudienciaCore
import AudienciaJSON
@testable import AudienciaServer
import Foundation
import Testing

/// ARCO against the real server and the real files: the protocol in the live session, then
/// `audiencia arco` on the closed session's archive, with `archive verify` after each change.
@Suite struct ArcoLiveTests {
    static let canaryName = "Eulalia Quetzalli Arco-\(UUID().uuidString.prefix(8))"
    static let canaryContact = "eulalia.\(UUID().uuidString.prefix(8))@correo-privado.mx"

    private func checkIn(_ server: LiveServer, name: String, contact: String? = nil,
                         priority: String? = nil) throws -> (TestWebSocket, JSON) {
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        var message: JSONObject = [
            "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "serviceId": "agua-fuga",
            "description": .string("Descripción de \(name)"),
        ]
        message["contact"] = contact.map(JSON.string)
        if let priority {
            message["priority"] = .object(["reasonId": .string(priority), "consentAccepted": .bool(true)])
        }
        try citizen.send(.object(message))
        return (citizen, try citizen.expect("checkin.accepted"))
    }

    private func request(_ socket: TestWebSocket, _ type: String, _ receipt: JSON,
                         _ extra: JSONObject = [:]) throws -> JSON {
        var message: JSONObject = ["type": .string(type), "ref": "arco", "folio": receipt["folio"]!,
                                   "resumeToken": receipt["resumeToken"]!]
        for (key, value) in extra.members { message[key] = value }
        try socket.send(.object(message))
        return try socket.expect(where: { $0["ref"]?.string == "arco" })
    }

    @Test func theProtocolExportsRectifiesAndCancelsAndTheJournalKeepsNoTrace() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-arco-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let corrected = "Eulalia Corregida \(UUID().uuidString.prefix(6))"
        var viewerFrames: [JSON] = []
        do {
            let server = try LiveServer(data: data)
            let viewer = try server.connect()
            try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
            let moderator = try server.connect()
            try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
            try moderator.order("session.open")
            _ = try checkIn(server, name: "Persona Uno")
            let (_, receipt) = try checkIn(server, name: Self.canaryName, contact: Self.canaryContact,
                                           priority: "discapacidad")
            #expect(receipt["position"] == .int(1))  // ahead of the earlier, ordinary check-in

            // Another phone, with only the folio and the token.
            let phone = try server.connect()
            try phone.hello(["role": "citizen"], expecting: "welcome")
            let wrong = try request(phone, "arco.export", .object(["folio": receipt["folio"]!, "resumeToken": "adivinado"]))
            #expect(wrong["code"] == "arco_denied")
            let export = try request(phone, "arco.export", receipt)
            #expect(export["type"] == "arco.data")
            #expect(export["data"]?["personalData"]?["name"]?.string == Self.canaryName)
            #expect(export["data"]?["personalData"]?["priorityReason"] == "Persona con discapacidad")
            #expect(export["data"]?["sensitiveConsent"]?["noticeVersion"] == "2026-01")
            let rectified = try request(phone, "arco.rectify", receipt, ["name": .string(corrected)])
            #expect(rectified["data"]?["personalData"]?["name"]?.string == corrected)
            let cancelled = try request(phone, "arco.cancel", receipt)
            #expect(cancelled["type"] == "ok")
            let after = try request(phone, "arco.export", receipt)
            #expect(after["data"]?["personalData"]?["cancelled"] == .bool(true))
            #expect(after["data"]?["resolution"]?["kind"] == "left")

            // The live journal on disk: no trace of either name, the contact or the reason,
            // and its chain still verifies.
            let journal = try String(contentsOf: data.appendingPathComponent("journal.jsonl"), encoding: .utf8)
            for secret in [Self.canaryName, Self.canaryContact, corrected, "discapacidad"] {
                #expect(!journal.contains(secret), "journal still holds \(secret)")
            }
            #expect(journal.contains("Persona Uno"))
            let report = ArchiveVerifier.verify(data.appendingPathComponent("journal.jsonl"), seeds: server.seeds)
            #expect(report.passed, "\(report.failure ?? "")")
            try viewer.drain()
            viewerFrames = viewer.take("feed.event")
            server.stop()
        }
        for frame in viewerFrames {
            let text = frame.text()
            #expect(!text.contains("Eulalia") && !text.contains("discapacidad") && !text.contains("priority"))
        }

        // A restart replays the sealed journal: the person stays cancelled, the other is there.
        let restarted = try LiveServer(data: data)
        let moderator = try restarted.connect()
        let console = try moderator.hello(["role": "official", "token": .string(try restarted.token("moderacion"))],
                                          expecting: "console")
        #expect(console["queue"]?.array?.map { $0["name"] } == ["Persona Uno"])
        try moderator.order("session.close")
        for kind in ["public", "protected"] {
            let archive = try restarted.archive(kind)
            #expect(!archive.text.contains("Eulalia"), "\(kind) archive")
            let report = ArchiveVerifier.verify(archive.url, seeds: restarted.seeds)
            #expect(report.passed, "\(kind): \(report.failure ?? "")")
        }
        #expect(!(try restarted.archive("public").text.contains("priority")))
    }

    /// A closed session of two citizens; returns the server (still running) and the folios.
    private func closedSession() throws -> (LiveServer, [String]) {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        let first = try checkIn(server, name: Self.canaryName, contact: Self.canaryContact, priority: "embarazo").1
        let second = try checkIn(server, name: "Persona Dos").1
        try moderator.order("session.close")
        return (server, [first, second].compactMap { $0["folio"]?.string })
    }

    private func verifyArchives(_ server: LiveServer) {
        for kind in ["public", "protected", "journal"] {
            let directory = server.data.appendingPathComponent("archive")
            let name = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
                .first { $0.hasSuffix(kind == "journal" ? ".journal.jsonl" : ".\(kind).json") } ?? "?"
            let report = ArchiveVerifier.verify(directory.appendingPathComponent(name), seeds: server.seeds)
            #expect(report.passed, "\(name): \(report.failure ?? "")")
        }
    }

    @Test func officialsExportRectifyAndCancelOnTheArchiveAndItStillVerifies() throws {
        let (server, folios) = try closedSession()
        let now = server.clock()
        // The close handed both folios to the permanent channel, which the server owns.
        server.stop()
        func perform(_ request: ArcoRequest, _ folio: String) throws -> String {
            try ArchivedArco.perform(request, folio: Folio(folio), official: "moderacion", data: server.data,
                                     seeds: server.seeds, now: now)
        }
        let export = try JSON.parse(try perform(.export, folios[0]))
        #expect(export["personalData"]?["name"]?.string == Self.canaryName)
        #expect(export["personalData"]?["priorityReason"] == "Persona embarazada")

        _ = try perform(.rectify(CitizenCorrection(contact: "")), folios[0])
        var protected = try server.archive("protected")
        #expect(!protected.text.contains(Self.canaryContact) && protected.text.contains(Self.canaryName))
        verifyArchives(server)

        let publicBefore = try server.archive("public").json
        _ = try perform(.cancel, folios[0])
        protected = try server.archive("protected")
        #expect(!protected.text.contains(Self.canaryName) && protected.text.contains("Persona Dos"))
        #expect(protected.json["petitions"]?.array?.first?["personalDataCancelled"] == .bool(true))
        #expect(protected.json["petitions"]?.array?.first?["arco"]?.array?.compactMap { $0["by"]?.string }
                == ["moderacion", "moderacion"])
        let journal = try server.data.appendingPathComponent("archive").path
        let names = try FileManager.default.contentsOfDirectory(atPath: journal)
        let journalText = try names.filter { $0.hasSuffix(".journal.jsonl") }
            .map { try String(contentsOfFile: "\(journal)/\($0)", encoding: .utf8) }.joined()
        #expect(!journalText.contains(Self.canaryName) && !journalText.contains("embarazo"))
        verifyArchives(server)
        // One request reached the channel's copy too.
        let channel = server.data.appendingPathComponent("channel.jsonl")
        let channelText = try String(contentsOf: channel, encoding: .utf8)
        #expect(!channelText.contains(Self.canaryName) && channelText.contains("Persona Dos"))
        #expect(ArchiveVerifier.verify(channel, seeds: server.seeds).passed)
        // The public record is the same minutes; only the journal head it names moved on.
        var publicAfter = try server.archive("public").json.object ?? [:]
        publicAfter["journalHead"] = publicBefore["journalHead"]
        #expect(JSON.object(publicAfter) == publicBefore)

        #expect(throws: HearingError.personalDataCancelled) { try perform(.cancel, folios[0]) }
        let log = try String(contentsOf: server.data.appendingPathComponent("arco.jsonl"), encoding: .utf8)
        let actions = log.split(separator: "\n").compactMap { try? JSON.parse(String($0)) }
        #expect(actions.map { $0["action"]?.string } == ["export", "rectify", "cancel"])
        #expect(actions.allSatisfy { $0["official"] == "moderacion" && $0["folio"]?.string == folios[0] })
    }

    @Test func theLiveSessionsFoliosAreLeftToTheServer() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        let receipt = try checkIn(server, name: "Persona Viva").1
        let folio = Folio(try #require(receipt["folio"]?.string))
        do {
            _ = try ArchivedArco.perform(.cancel, folio: folio, official: "moderacion", data: server.data,
                                         seeds: server.seeds, now: server.clock())
            Issue.record("a live folio was changed from outside the server")
        } catch {
            #expect("\(error)".contains("sesión en curso"))
        }
        #expect(throws: ArchivedArco.Failure.self) {
            try ArchivedArco.perform(.export, folio: "AUD-1999-000001", official: "moderacion", data: server.data,
                                     seeds: server.seeds, now: server.clock())
        }
        #expect(throws: ArchivedArco.Failure.self) {
            try ArchivedArco.perform(.export, folio: folio, official: "nadie", data: server.data,
                                     seeds: server.seeds, now: server.clock())
        }
    }
}
