@testable import AudienciaServer
import AudienciaJSON
import Testing

/// Caught-up viewers are woken once per coalescing interval, not once per event: the events
/// published within one interval reach each of them in a single write, complete and in order.
@Suite struct FeedCoalescingTests {
    private func writeCounters(_ server: LiveServer) throws -> (frames: Double, writes: Double) {
        (try TestHTTP.metric(port: server.port, "audiencia_frames_out_total") ?? -1,
         try TestHTTP.metric(port: server.port, "audiencia_writes_total") ?? -1)
    }

    @Test func eventsOfOneIntervalReachEachViewerInOneWrite() throws {
        // Long enough that five announcements, each acknowledged in turn, are published within it.
        let server = try LiveServer(feedCoalesceMilliseconds: 1000)
        let viewers = try (0..<3).map { _ in try TestWebSocket(port: server.port) }
        let firsts = try viewers.map { try #require(try $0.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int) }
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let before = try writeCounters(server)
        let announcements = 5
        // One at a time, each acknowledged before the next is sent: without the interval each
        // would be written on its own (officials are not made to wait).
        for number in 1...announcements {
            try moderator.send(.object(["type": "announce", "text": .string("Aviso \(number)"), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
        }
        for (viewer, first) in zip(viewers, firsts) {
            let seqs = try (1...announcements).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
            #expect(seqs == (1...announcements).map { first + Int64($0) })
        }
        let after = try writeCounters(server)
        #expect(before.frames >= 0 && before.writes >= 0)
        // Every write carries at least one frame, so the frames beyond one per write are at
        // least the viewers' events beyond the first: one write each for all five.
        #expect((after.frames - before.frames) - (after.writes - before.writes) >= Double(viewers.count * (announcements - 1)))
    }

    @Test func withoutAnIntervalEveryEventStillArrivesInOrder() throws {
        let server = try LiveServer(feedCoalesceMilliseconds: 0)
        let viewer = try TestWebSocket(port: server.port)
        let first = try #require(try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        for number in 1...20 {
            try moderator.send(.object(["type": "announce", "text": .string("Aviso \(number)"), "ref": .string("a\(number)")]))
        }
        let seqs = try (1...20).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
        #expect(seqs == (1...20).map { first + Int64($0) })
    }
}
