@testable import AudienciaServer
import AudienciaJSON
import AudienciaWire
import Foundation
import Testing

/// What survives a stop and a restart on the same data folder: the room, the citizens'
/// places and folios, and the viewers' way back to the feed.
@Suite struct RecoveryTests {
    private func checkIn(_ server: LiveServer, name: String, service: String) throws -> (TestWebSocket, JSON) {
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        try citizen.send(.object([
            "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "serviceId": .string(service),
            "description": "Petición de prueba",
        ]))
        return (citizen, try citizen.expect("checkin.accepted"))
    }

    @Test func aRestartedServerKeepsTheRoomAndTheCitizensPlaces() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        var receipts: [JSON] = []
        do {
            let server = try LiveServer(data: data)
            let moderator = try server.connect()
            try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
            try moderator.order("session.open")
            for (index, service) in ["agua-fuga", "bacheo", "agua-falta"].enumerated() {
                receipts.append(try checkIn(server, name: "Persona \(index)", service: service).1)
            }
            try moderator.order("queue.callNext")
            let viewer = try server.connect()
            try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
            server.stop()
            #expect(try viewer.waitForClose() == 1001)
        }
        // A graceful stop leaves a checkpoint of every journal line: the restart below goes
        // through it and replays nothing.
        let journalLines = try Data(contentsOf: data.appendingPathComponent("journal.jsonl")).filter { $0 == 10 }.count
        let (_, cover) = try CheckpointCodec.decode(Array(try Data(contentsOf: data.appendingPathComponent("checkpoint.json"))))
        #expect(journalLines > 0 && cover.entries == Int64(journalLines))

        let restarted = try LiveServer(data: data)
        // The citizen on the floor, and one still waiting, come back to the same place.
        let first = try restarted.connect()
        try first.hello(["role": "citizen", "resumeToken": receipts[0]["resumeToken"]!], expecting: "resumed")
        #expect(try first.expect("guidance")["key"] == "onFloor")
        let third = try restarted.connect()
        let resumed = try third.hello(["role": "citizen", "resumeToken": receipts[2]["resumeToken"]!],
                                      expecting: "resumed")
        #expect(resumed["folio"] == receipts[2]["folio"])
        #expect(resumed["position"] == .int(2))
        // The board is as it was, and numbering carries on.
        let viewer = try restarted.connect()
        let board = try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["board"]
        #expect(board?["queueLength"] == .int(2))
        #expect(board?["floor"]?["turno"] == .int(1))
        let fourth = try checkIn(restarted, name: "Persona 3", service: "bacheo").1
        #expect(fourth["turno"] == .int(4))
        let numbers = (receipts + [fourth]).compactMap { $0["folio"]?.string.flatMap { Int($0.suffix(6)) } }
        #expect(numbers == Array(numbers[0]...numbers[0] + 3))
    }

    @Test func aViewerGetsExactlyWhatItMissedOrAFreshSnapshot() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let viewer = try server.connect()
        let snapshot = try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
        let epoch = try #require(snapshot["epoch"]?.string)
        let seq = try #require(snapshot["seq"]?.int)
        try moderator.order("announce", ["text": "Primero"])
        try moderator.order("announce", ["text": "Segundo"])
        try moderator.order("announce", ["text": "Tercero"])

        // Back after seeing only the first announcement: the two it missed, in order.
        let back = try server.connect()
        let resumed = try back.hello(["role": "viewer", "epoch": .string(epoch), "seq": .int(seq + 1)],
                                     expecting: "feed.resumed")
        #expect(resumed["recovered"] == .bool(true))
        #expect(resumed["fromSeq"] == .int(seq + 2) && resumed["toSeq"] == .int(seq + 3))
        let replayed = try [back.expect("feed.event"), back.expect("feed.event")]
        #expect(replayed.map { $0["seq"] } == [.int(seq + 2), .int(seq + 3)])
        #expect(replayed.map { $0["entry"]?["text"] } == ["Segundo", "Tercero"])
        // And it is a viewer from then on.
        try moderator.order("announce", ["text": "Cuarto"])
        #expect(try back.expect("feed.event")["seq"] == .int(seq + 4))

        // A foreign epoch, or a position from the future, gets no partial replay.
        for (staleEpoch, staleSeq) in [("otra-epoca", seq), (epoch, seq + 99)] {
            let lost = try server.connect()
            let answer = try lost.hello(["role": "viewer", "epoch": .string(staleEpoch), "seq": .int(staleSeq)],
                                        expecting: "feed.resumed")
            #expect(answer["recovered"] == .bool(false))
            #expect(try lost.expect("feed.snapshot")["seq"] == .int(seq + 4))
            try lost.drain(timeout: 0.2)
            #expect(lost.take("feed.event").isEmpty)
        }
    }

    @Test func theJournalHoldsEveryAcceptedFactInAHashChain() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        _ = try checkIn(server, name: "Persona del diario", service: "agua-fuga")
        let text = try String(contentsOf: server.data.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        let lines = try text.split(separator: "\n").map { try JSON.parse(String($0)) }
        #expect(lines.map { $0["fact"]?["kind"] } == ["session_opened", "citizen_checked_in"])
        #expect(lines.map { $0["n"] } == [.int(1), .int(2)])
        #expect(lines[1]["prev"] == lines[0]["hash"])
        let mode = try FileManager.default.attributesOfItem(
            atPath: server.data.appendingPathComponent("journal.jsonl").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aSecondServerOnTheSameFolderRefusesBeforeTouchingIt() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        _ = try checkIn(server, name: "Persona primera", service: "agua-fuga")
        let journal = server.data.appendingPathComponent("journal.jsonl")
        let before = try Data(contentsOf: journal)
        // What a checkpoint write in flight leaves: a start that got as far as reading the
        // folder would remove it as a crash's leftover.
        let inFlight = server.data.appendingPathComponent("checkpoint.json.tmp-1")
        try Data("{".utf8).write(to: inFlight)

        #expect(throws: ServerError.self) { _ = try LiveServer(data: server.data) }
        #expect(try Data(contentsOf: journal) == before)
        #expect(FileManager.default.fileExists(atPath: inFlight.path))
        // The first server still journals at the end of its file, right after what it had.
        _ = try checkIn(server, name: "Persona segunda", service: "bacheo")
        let after = try Data(contentsOf: journal)
        #expect(after.starts(with: before) && after.count > before.count)
        #expect(try JournalReader.read(journal).entries.count == 3)
    }
}
