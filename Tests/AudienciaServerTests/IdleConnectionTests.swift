import AudienciaJSON
import Foundation
import Testing

/// Half-open connections: a client that has gone silent (a phone that lost coverage) is
/// pinged after the idle time and dropped when the ping goes unanswered; one that answers,
/// or keeps talking, stays. Small configured times keep each test to a few seconds.
@Suite struct IdleConnectionTests {
    @Test func aSilentClientIsPingedThenDroppedAndAnAnsweringOneStays() throws {
        let server = try LiveServer(idle: (pingSeconds: 1, hangupSeconds: 2))
        let gone = try server.connect()
        try gone.hello(["role": "viewer"], expecting: "feed.snapshot")
        let present = try server.connect()
        present.answersPings = true
        try present.hello(["role": "viewer"], expecting: "feed.snapshot")

        // Bounded: 60 rounds of 0.2 s each side; the drop is due within about 3 s.
        for _ in 0..<60 where !gone.hungUp {
            try present.drain(timeout: 0.1)
            _ = try gone.waitForHangUp(timeout: 0.1)
        }
        #expect(gone.hungUp, "the silent client was not dropped")
        #expect(gone.pingsReceived >= 1, "it was dropped without being pinged first")
        #expect(gone.closeCode == nil, "a peer that is gone gets no close frame")

        // The one that answered was pinged too, and is still served.
        #expect(present.pingsReceived >= 1)
        try present.send(.object(["type": "ping", "ref": "still"]))
        #expect(try present.expect("pong")["ref"] == "still")
        #expect(!present.hungUp)
        let metrics = try TestHTTP.request(port: server.port, "/metrics").body
        #expect(metrics.contains("\naudiencia_idle_drops_total 1\n"))
    }

    @Test func aClientThatKeepsTalkingIsNeverPinged() throws {
        let server = try LiveServer(idle: (pingSeconds: 2, hangupSeconds: 3))
        let talker = try server.connect()
        try talker.hello(["role": "viewer"], expecting: "feed.snapshot")
        // Bounded: 8 messages 0.5 s apart, past the hang-up time; each one counts as heard.
        for n in 0..<8 {
            try talker.send(.object(["type": "ping", "ref": .string("p\(n)")]))
            #expect(try talker.expect("pong")["ref"] == .string("p\(n)"))
            try talker.drain(timeout: 0.5)
        }
        #expect(talker.pingsReceived == 0)
        #expect(!talker.hungUp)
    }
}
