import AudienciaJSON
import AudienciaServer
import Foundation
import Testing

/// The permanent channel over real sockets: check-in outside the hearing, backlogs, the push
/// of every change to the connected citizen, status by folio, hand-over from a hearing, and
/// a restart on the same data folder.
@Suite struct ChannelLiveTests {
    static func checkIn(_ socket: TestWebSocket, name: String, service: String = "agua-fuga") throws -> JSON {
        try socket.hello(["role": "citizen"], expecting: "welcome")
        try socket.send(.object([
            "type": "channel.checkin", "ref": "c",
            "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "contact": "722 000 0000",
            "serviceId": .string(service), "description": "Fuga frente al número 12",
        ]))
        return try socket.expect("channel.received")
    }

    static func official(_ server: LiveServer, _ id: String) throws -> TestWebSocket {
        let socket = try server.connect()
        try socket.hello(["role": "official", "token": .string(try server.token(id))], expecting: "welcome")
        return socket
    }

    @Test func aChangeReachesTheConnectedCitizenAtOnceAndAnyoneWithTheFolioSeesTheStatus() throws {
        let server = try LiveServer()
        let water = try Self.official(server, "dir-agua")
        let citizen = try server.connect()
        let received = try Self.checkIn(citizen, name: "Canario Canal")
        let folio = try #require(received["folio"]?.string)
        let code = try #require(received["resumeToken"]?.string)
        #expect(received["ref"]?.string == "c")
        #expect(received["status"]?["status"]?.string == "received")
        // Sunday: the office opens on Monday.
        #expect(received["status"]?["nextStep"]?.string?.contains("el lunes 30 de noviembre a partir de las 9:00") == true)

        let pushed = try water.expect("backlog", where: { $0["items"]?.array?.isEmpty == false })
        #expect(pushed["items"]?.array?.first?["folio"]?.string == folio)
        #expect(pushed["items"]?.array?.first?["name"]?.string == "Canario Canal")
        try water.send(.object(["type": "backlog.get", "ref": "b"]))
        let asked = try water.expect("backlog", where: { $0["ref"]?.string == "b" })
        #expect(asked["departmentId"]?.string == "agua")

        try water.order("petition.update", ["folio": .string(folio), "status": "in_process",
                                            "commitment": "Cuadrilla el martes", "dueDate": "2026-12-03"])
        let inProcess = try citizen.expect("folio.status", where: { $0["status"]?.string == "in_process" })
        #expect(inProcess["dueDate"]?.string == "2026-12-03")
        #expect(inProcess["nextStep"]?.string?.contains("Cuadrilla el martes") == true)
        #expect(inProcess["history"]?.array?.last?["note"]?.string == "Cuadrilla el martes")

        let works = try Self.official(server, "dir-obras-publicas")
        try works.send(.object(["type": "petition.update", "ref": "w", "folio": .string(folio),
                                "status": "answered", "answer": "No"]))
        #expect(try works.expect("error")["code"]?.string == "forbidden_department")

        try water.order("petition.update", ["folio": .string(folio), "status": "answered",
                                            "answer": "Fuga reparada el lunes."])
        let answered = try citizen.expect("folio.status", where: { $0["status"]?.string == "answered" })
        #expect(answered["history"]?.array?.map { $0["kind"]?.string ?? "" } == ["received", "in_process", "answered"])

        let stranger = try server.connect()
        try stranger.hello(["role": "viewer"], expecting: "feed.snapshot")
        try stranger.send(.object(["type": "folio.status", "folio": .string(folio), "ref": "s"]))
        let open = try stranger.expect("folio.status")
        #expect(open["status"]?.string == "answered" && open["withNotes"]?.bool == false)
        #expect(!open.text().contains("Canario") && !open.text().contains("reparada") && !open.text().contains("Fuga frente"))
        try stranger.send(.object(["type": "folio.status", "folio": .string(folio), "resumeCode": "nope", "ref": "s2"]))
        #expect(try stranger.expect("error")["code"]?.string == "wrong_resume_code")
        try stranger.send(.object(["type": "folio.status", "folio": .string(folio), "resumeCode": .string(code)]))
        #expect(try stranger.expect("folio.status")["withNotes"]?.bool == true)
        try stranger.send(.object(["type": "backlog.get", "ref": "x"]))
        #expect(try stranger.expect("error")["code"]?.string == "wrong_role")
    }

    @Test func aHearingHandsOverWhatItLeavesOpenAndTheChannelSurvivesARestart() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-channel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        var folios: [String] = []
        var code = ""
        do {
            let server = try LiveServer(data: data)
            let first = try Self.checkIn(try server.connect(), name: "Primera Persona")
            folios.append(try #require(first["folio"]?.string))

            let moderator = try Self.official(server, "moderacion")
            try moderator.order("session.open")
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            try citizen.send(.object([
                "type": "checkin", "ref": "h",
                "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                "name": "Segunda Persona", "coloniaId": "barrio-de-san-mateo", "serviceId": "bacheo",
                "description": "Bache en la esquina",
            ]))
            let receipt = try citizen.expect("checkin.accepted")
            folios.append(try #require(receipt["folio"]?.string))
            code = try #require(receipt["resumeToken"]?.string)
            try moderator.order("session.close")
            try citizen.expect("guidance", where: { $0["key"]?.string == "carriedForward" })

            let works = try Self.official(server, "dir-obras-publicas")
            try works.send(.object(["type": "backlog.get", "ref": "b"]))
            let backlog = try works.expect("backlog", where: { $0["ref"]?.string == "b" })
            #expect(backlog["items"]?.array?.map { $0["folio"]?.string ?? "" } == [folios[1]])
            #expect(backlog["items"]?.array?.first?["origin"]?.string == "2026-11-29")
            try works.order("petition.update", ["folio": .string(folios[1]), "status": "transferred",
                                                "departmentId": "agua", "note": "Es una fuga bajo el pavimento."])
            // Still connected from the hearing: the citizen sees the change at once.
            let moved = try citizen.expect("folio.status", where: { $0["folio"]?.string == folios[1] })
            #expect(moved["department"]?.string == "Agua Potable" && moved["status"]?.string == "received")
            server.stop()
        }
        let numbers = folios.compactMap { Int($0.suffix(6)) }
        #expect(numbers.count == 2 && numbers[1] == numbers[0] + 1, "one numbering for hearing and channel")

        let server = try LiveServer(data: data)
        let mayor = try Self.official(server, "presidenta")
        try mayor.send(.object(["type": "backlog.get", "ref": "m"]))
        let all = try mayor.expect("backlog", where: { $0["ref"]?.string == "m" })
        #expect(Set(all["items"]?.array?.compactMap { $0["folio"]?.string } ?? []) == Set(folios))
        let asker = try server.connect()
        try asker.hello(["role": "citizen"], expecting: "welcome")
        try asker.send(.object(["type": "folio.status", "folio": .string(folios[1]), "resumeCode": .string(code)]))
        let status = try asker.expect("folio.status")
        #expect(status["history"]?.array?.last?["note"]?.string == "Es una fuga bajo el pavimento.")
        let third = try Self.checkIn(try server.connect(), name: "Tercera Persona")
        #expect(third["folio"]?.string.flatMap { Int($0.suffix(6)) } == numbers[1] + 1)
        server.stop()

        // The channel's journal is hash-chained like the session's: the changed third line
        // (the transfer, after the check-in and the hand-over) is named.
        let journal = data.appendingPathComponent("channel.jsonl")
        let seeds = LiveServer.repository.appendingPathComponent("seeds")
        #expect(ArchiveVerifier.verify(journal, seeds: seeds).passed)
        let text = try String(contentsOf: journal, encoding: .utf8)
        #expect(text.contains("Es una fuga bajo el pavimento."))
        let tampered = data.appendingPathComponent("copy").appendingPathComponent("channel.jsonl")
        try FileManager.default.createDirectory(at: tampered.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.replacingOccurrences(of: "bajo el pavimento", with: "en otra calle").write(to: tampered, atomically: true, encoding: .utf8)
        let failure = ArchiveVerifier.verify(tampered, seeds: seeds).failure ?? ""
        #expect(failure.contains("línea 3: la cadena de hashes se rompe"), "\(failure)")
    }
}
