import AudienciaJSON
import AudienciaServer
import Foundation
import Testing

/// Officials' credentials against a live server: a token that is missing, forged, expired,
/// revoked, of the wrong role or of the wrong department gets its code, and the hearing is
/// left exactly as it was (no journal line, no feed event).
@Suite struct OfficialTokenTests {
    /// A live room: session open, citizen 1 (Agua) on the floor with dir-agua, citizen 2
    /// (Obras) waiting, and a viewer watching the feed.
    final class Room {
        let server: LiveServer
        let moderator: TestWebSocket
        let viewer: TestWebSocket
        var folios: [String] = []

        init() throws {
            server = try LiveServer()
            viewer = try server.connect()
            try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
            moderator = try server.connect()
            try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))],
                                expecting: "console")
            try moderator.order("session.open")
            for (index, service) in ["agua-fuga", "bacheo"].enumerated() {
                let citizen = try server.connect()
                try citizen.hello(["role": "citizen"], expecting: "welcome")
                try citizen.send(.object([
                    "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                    "name": .string("Persona \(index)"), "coloniaId": "barrio-de-san-mateo",
                    "serviceId": .string(service), "description": "Una petición",
                ]))
                folios.append(try #require(try citizen.expect("checkin.accepted")["folio"]?.string))
            }
            try moderator.order("queue.callNext")
            try viewer.drain()
            _ = viewer.take("feed.event")
        }

        var journalLines: Int {
            let text = (try? String(contentsOf: server.data.appendingPathComponent("journal.jsonl"), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").count
        }

        /// Asserts that whatever `attempt` did, the hearing did not move.
        func expectUnchanged(_ attempt: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
            // What earlier, accepted orders published is not this attempt's doing.
            try viewer.drain(timeout: 0.2)
            _ = viewer.take("feed.event")
            let before = journalLines
            try attempt()
            try viewer.drain(timeout: 0.3)
            #expect(viewer.take("feed.event").isEmpty, sourceLocation: sourceLocation)
            #expect(journalLines == before, sourceLocation: sourceLocation)
        }

        func official(_ token: String) throws -> TestWebSocket {
            let socket = try server.connect()
            try socket.send(.object(["type": "hello", "role": "official", "token": .string(token)]))
            return socket
        }

        /// A message in the `ref`'s reply slot: the code of the error, or "ok".
        func reply(_ socket: TestWebSocket, _ message: JSONObject) throws -> String {
            let ref = "t\(UInt32.random(in: 0...UInt32.max))"
            var object = message
            object["ref"] = .string(ref)
            try socket.send(.object(object))
            let answer = try socket.expect(where: { $0["ref"]?.string == ref })
            return answer["code"]?.string ?? answer["type"]?.string ?? "?"
        }
    }

    @Test func aMissingTokenGetsNothingDone() throws {
        let room = try Room()
        try room.expectUnchanged { () throws in
            let socket = try room.server.connect()
            #expect(try room.reply(socket, ["type": "hello", "role": "official"]) == "missing_field")
            #expect(try room.reply(socket, ["type": "session.close"]) == "hello_required")
            let citizen = try room.server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            #expect(try room.reply(citizen, ["type": "session.close"]) == "wrong_role")
            #expect(try room.reply(citizen, ["type": "queue.move", "folio": .string(room.folios[1]), "position": .int(1)])
                    == "wrong_role")
        }
    }

    @Test func forgedTokensAreRefused() throws {
        let room = try Room()
        let genuine = try room.server.token("moderacion")
        let parts = genuine.split(separator: ".").map(String.init)
        // The signature changed in one character: in the middle, and in the last one, whose
        // low bits base64 leaves unused (only the canonical text is accepted).
        func changed(_ text: String, at offset: Int) -> String {
            var characters = Array(text)
            characters[offset] = characters[offset] == "A" ? "B" : "A"
            return String(characters)
        }
        let badSignature = parts[0] + "." + changed(parts[1], at: parts[1].count / 2)
        let badLastCharacter = parts[0] + "." + changed(parts[1], at: parts[1].count - 1)
        // Claims rewritten to the mayor's, the moderator's signature kept.
        let claims = try JSON.parse(Array(Data(base64URL: parts[0])))
        var object = try #require(claims.object)
        object["sub"] = "presidenta"
        object["role"] = "mayor"
        let rewritten = JSON.object(object).serialized().base64URL + "." + parts[1]
        // Signed by another installation's secret.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-other-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let foreign = try TokenIssuer.issue(official: "moderacion", hours: 1, seeds: room.server.seeds, data: elsewhere,
                                            now: room.server.clock())
        try room.expectUnchanged { () throws in
            for token in [badSignature, badLastCharacter, rewritten, foreign, "", "sin-punto", genuine + ".extra"] {
                let socket = try room.official(token)
                #expect(try socket.expect("error")["code"]?.string == "invalid_token", "\(token)")
                #expect(try room.reply(socket, ["type": "session.close"]) == "hello_required")
            }
        }
    }

    @Test func anExpiredTokenIsRefusedAtHello() throws {
        let room = try Room()
        try room.expectUnchanged { () throws in
            let socket = try room.official(try room.server.token("moderacion", expiringIn: -5))
            #expect(try socket.expect("error")["code"]?.string == "token_expired")
            #expect(try room.reply(socket, ["type": "session.close"]) == "hello_required")
        }
    }

    @Test func aRevokedTokenIsClosedAtOnceAndRefusedAfterwards() throws {
        let room = try Room()
        let server = room.server
        let issued = try TokenIssuer.issueWithID(official: "dir-agua", hours: 1, seeds: server.seeds, data: server.data,
                                                 now: server.clock())
        let water = try room.official(issued.token)
        _ = try water.expect("console")
        let other = try room.official(try server.token("dir-agua"))
        _ = try other.expect("console")

        _ = try TokenRevoker.revoke(.tokenID(issued.id), seeds: server.seeds, data: server.data, now: server.clock())
        #expect(try water.waitForClose(timeout: 5) == 4005)
        #expect(water.pending.contains { $0["code"]?.string == "token_revoked" })
        let mode = try FileManager.default.attributesOfItem(atPath: server.data.appendingPathComponent("revoked.json").path)
        #expect((mode[.posixPermissions] as? Int) == 0o600)

        try room.expectUnchanged { () throws in
            let again = try room.official(issued.token)
            #expect(try again.expect("error")["code"]?.string == "token_revoked")
            #expect(try room.reply(again, ["type": "outcome.record", "folio": .string(room.folios[0]),
                                           "outcome": "answered_now", "answer": "Sí"]) == "hello_required")
        }
        // Another token of the same official still works.
        #expect(try room.reply(other, ["type": "ping"]) == "pong")
    }

    @Test func revokingAnOfficialEndsEveryTokenIssuedUntilThen() throws {
        let room = try Room()
        let server = room.server
        let first = try room.official(try server.token("dir-agua"))
        _ = try first.expect("console")
        let whole = try server.token("dir-agua")

        _ = try TokenRevoker.revoke(.official("dir-agua"), seeds: server.seeds, data: server.data, now: server.clock())
        #expect(try first.waitForClose(timeout: 5) == 4005)
        try room.expectUnchanged { () throws in
            let socket = try room.official(whole)
            #expect(try socket.expect("error")["code"]?.string == "token_revoked")
        }
        // A token issued after the revocation opens the console again; the moderator's never closed.
        let fresh = try room.official(try server.token("dir-agua"))
        _ = try fresh.expect("console")
        #expect(try room.reply(room.moderator, ["type": "ping"]) == "pong")
    }

    @Test func theWrongRoleIsRefusedAndNothingChanges() throws {
        let room = try Room()
        let water = try room.official(try room.server.token("dir-agua"))
        _ = try water.expect("console")
        let mayor = try room.official(try room.server.token("presidenta"))
        _ = try mayor.expect("console")
        try room.expectUnchanged { () throws in
            for order: JSONObject in [["type": "session.close"], ["type": "queue.callNext"],
                                      ["type": "queue.move", "folio": .string(room.folios[1]), "position": .int(1)],
                                      ["type": "queue.transfer", "folio": .string(room.folios[1]), "departmentId": "agua"],
                                      ["type": "announce", "text": "Aviso"], ["type": "floor.take"]] {
                #expect(try room.reply(water, order) == "forbidden", "\(order)")
            }
            #expect(try room.reply(mayor, ["type": "announce", "text": "Aviso"]) == "forbidden")
            #expect(try room.reply(room.moderator, ["type": "outcome.record", "folio": .string(room.folios[0]),
                                                    "outcome": "answered_now", "answer": "Sí"]) == "not_floor_official")
        }
    }

    @Test func theWrongDepartmentIsRefusedAndNothingChanges() throws {
        let room = try Room()
        let works = try room.official(try room.server.token("dir-obras-publicas"))
        _ = try works.expect("console")
        try room.expectUnchanged { () throws in
            #expect(try room.reply(works, ["type": "outcome.record", "folio": .string(room.folios[0]),
                                           "outcome": "answered_now", "answer": "Sí"]) == "forbidden_department")
            #expect(try room.reply(works, ["type": "outcome.record", "folio": .string(room.folios[0]),
                                           "outcome": "transferred", "departmentId": "tesoreria"]) == "forbidden_department")
        }
        // The moderator hands the waiting Obras petition to the Treasury: its director answers
        // it when it is called, and Obras no longer may.
        try room.moderator.order("queue.transfer", ["folio": .string(room.folios[1]), "departmentId": "tesoreria"])
        let water = try room.official(try room.server.token("dir-agua"))
        _ = try water.expect("console")
        try water.order("outcome.record", ["folio": .string(room.folios[0]), "outcome": "answered_now", "answer": "Sí"])
        let treasury = try room.official(try room.server.token("dir-tesoreria"))
        _ = try treasury.expect("console")
        try room.moderator.order("queue.callNext")
        _ = try treasury.expect("floor.brief", where: { $0["petition"]?["folio"]?.string == room.folios[1] })
        try room.expectUnchanged { () throws in
            #expect(try room.reply(works, ["type": "outcome.record", "folio": .string(room.folios[1]),
                                           "outcome": "answered_now", "answer": "Sí"]) == "forbidden_department")
        }
        try treasury.order("outcome.record", ["folio": .string(room.folios[1]), "outcome": "answered_now", "answer": "Sí"])
    }
}

extension Data {
    init(base64URL text: String) throws {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        guard let data = Data(base64Encoded: standard) else {
            throw TestWebSocket.Failure(description: "not base64url: \(text)")
        }
        self = data
    }
}

extension Array where Element == UInt8 {
    var base64URL: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
