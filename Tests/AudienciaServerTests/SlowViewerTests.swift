import AudienciaJSON
import Foundation
import Testing

/// A phone that stops reading, among many that read: it is cut off (4001) once its allowance
/// is full, nobody else misses or waits for anything, and it comes back as the resume rules say.
@Suite(.serialized) struct SlowViewerTests {
    @Test func oneStalledViewerAmongManyIsClosedAndCanResume() throws {
        let server = try LiveServer(maxOutboxBytes: 16 * 1024)
        let stalled = try TestWebSocket(port: server.port, receiveBuffer: 4096)
        let snapshot = try stalled.hello(["role": "viewer"], expecting: "feed.snapshot")
        let epoch = try #require(snapshot["epoch"]?.string)
        let readers = try (0..<24).map { _ in try server.connect() }
        var lastSeq: [Int64] = []
        for reader in readers {
            lastSeq.append(try #require(try reader.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int))
        }
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")

        // Bounded: at most about 1.5 MB of feed, many times what the stalled socket's kernel
        // buffers and its 16 KiB allowance can hold, and several seconds of posting (a viewer
        // past its allowance is closed once it has waited two clock ticks). Every reader must
        // get every event, in order. Posting stops once /metrics counts the slow close, so that
        // the stalled client reads its close frame within the server's grace period.
        let text = String(repeating: "Aviso de prueba. ", count: 16)
        var closedAfter: Int?
        for number in 1...1500 where closedAfter == nil {
            try moderator.send(.object(["type": "announce", "text": .string(text), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
            moderator.take("console")
            for (index, reader) in readers.enumerated() {
                let event = try reader.expect("feed.event")
                #expect(event["seq"]?.int == lastSeq[index] + 1)
                lastSeq[index] += 1
            }
            if number % 10 == 0,
               try TestHTTP.request(port: server.port, "/metrics").body.contains("\naudiencia_slow_consumer_closes_total 1\n") {
                closedAfter = number
            }
        }
        #expect(closedAfter != nil, "the stalled viewer was never closed")
        #expect(try stalled.waitForClose(timeout: 10) == 4001)
        let seen = stalled.pending.compactMap { $0["seq"]?.int }.max() ?? snapshot["seq"]?.int ?? 0
        #expect(seen < lastSeq[0], "the stalled viewer was cut off before the end")

        // It comes back from the last event it saw: a replay of exactly what it missed, or a
        // fresh snapshot, never a partial replay.
        let back = try server.connect()
        let resumed = try back.hello(["role": "viewer", "epoch": .string(epoch), "seq": .int(seen)],
                                     expecting: "feed.resumed")
        if resumed["recovered"] == .bool(true) {
            #expect(resumed["fromSeq"]?.int == seen + 1 && resumed["toSeq"]?.int == lastSeq[0])
            for seq in (seen + 1)...lastSeq[0] {
                #expect(try back.expect("feed.event")["seq"]?.int == seq)
            }
        } else {
            #expect(try back.expect("feed.snapshot")["seq"]?.int == lastSeq[0])
        }
    }
}

/// A viewer far behind (more pending than one write carries) still gets everything, in order.
@Suite struct BehindViewerTests {
    @Test func aViewerBehindByManyWritesCatchesUp() throws {
        let server = try LiveServer()
        let viewer = try TestWebSocket(port: server.port, receiveBuffer: 4096)
        let first = try #require(try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        // About 300 KB of feed while the viewer reads nothing: several 64 KiB writes' worth.
        let text = String(repeating: "Aviso largo de prueba. ", count: 12)
        for number in 1...600 {
            try moderator.send(.object(["type": "announce", "text": .string(text), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
            moderator.take("console")
        }
        for seq in (first + 1)...(first + 600) {
            #expect(try viewer.expect("feed.event", timeout: 10)["seq"]?.int == seq)
        }
    }
}
