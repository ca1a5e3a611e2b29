@testable import AudienciaServer
import AudienciaJSON
import Testing

@Suite struct FeedLogTests {
    private func frame(_ size: Int) -> OutgoingFrame {
        OutgoingFrame([UInt8](repeating: 65, count: size), headroom: 16)
    }

    @Test func aCursorReadsWhatWasAppendedAndKnowsWhatItOwes() {
        var log = FeedLog(retainedBytes: 1000)
        let frames = [frame(10), frame(20), frame(30)]
        frames.forEach { log.append($0) }
        #expect(log.start == 0 && log.end == 3)
        #expect(log[0] === frames[0] && log[1] === frames[1] && log[2] === frames[2])
        #expect(log.bytes(from: 0) == 60 && log.bytes(from: 1) == 50 && log.bytes(from: 2) == 30)
        #expect(log.bytes(from: 3) == 0)
    }

    @Test func keepsOnlyWhatAViewerWithinItsAllowanceCanStillNeed() {
        var log = FeedLog(retainedBytes: 25)
        log.append(frame(10))
        log.append(frame(10))
        #expect(log.start == 0)
        // 30 bytes from the first frame: past the allowance, so nobody can still need it.
        log.append(frame(10))
        #expect(log.start == 1 && log.end == 3 && log.bytes(from: 1) == 20)
        log.append(frame(10))
        #expect(log.start == 2 && log.end == 4 && log.bytes(from: 2) == 20)
    }

    @Test func aFrameLargerThanTheAllowanceIsStillKeptUntilTheNext() {
        var log = FeedLog(retainedBytes: 5)
        let big = frame(50)
        log.append(big)
        #expect(log.start == 0 && log[0] === big)
        log.append(frame(1))
        #expect(log.start == 1 && log.bytes(from: 1) == 1)
    }

    @Test func positionsStayRightAcrossCompaction() {
        var log = FeedLog(retainedBytes: 100)
        let frames = (0..<3000).map { OutgoingFrame([UInt8(truncatingIfNeeded: $0)], headroom: 16) }
        for (position, frame) in frames.enumerated() {
            log.append(frame)
            #expect(log.end == position + 1)
            #expect(log.start == max(0, position + 1 - 100))
            #expect(log[log.start] === frames[log.start] && log[position] === frame)
        }
        #expect((log.start..<log.end).allSatisfy { log[$0] === frames[$0] })
    }
}

/// A viewer's own messages and the feed share one connection: a reply leaves after every
/// event published before it, and before every event published after it, even when the
/// viewer is far behind and its events come from the shared log.
@Suite struct FeedOrderTests {
    @Test func aReplyToABehindViewerKeepsItsPlaceAmongFeedEvents() throws {
        let server = try LiveServer()
        let viewer = try TestWebSocket(port: server.port, receiveBuffer: 4096)
        let first = try #require(try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        // About 200 KB of feed while the viewer reads nothing: it is behind by several writes
        // when each ping is answered.
        let text = String(repeating: "Aviso largo de prueba. ", count: 12)
        let pingEvery = 60, announcements = 300
        for number in 1...announcements {
            try moderator.send(.object(["type": "announce", "text": .string(text), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
            moderator.take("console")
            if number % pingEvery == 0 { try viewer.send(.object(["type": "ping", "ref": .string("p\(number)")])) }
        }
        var arrived: [String] = []
        for _ in 0..<(announcements + announcements / pingEvery) {
            let message = try viewer.expect(timeout: 10) { _ in true }
            switch message["type"]?.string {
            case "feed.event": arrived.append("e\((message["seq"]?.int ?? 0) - first)")
            case "pong": arrived.append(message["ref"]?.string ?? "?")
            default: arrived.append(message["type"]?.string ?? "?")
            }
        }
        // Every event once, in order; every pong after the events published before its ping.
        // How much later depends on when the server reads the ping: lws may leave a viewer's
        // input unread while a write to it is still pending, so "right after" cannot be asked.
        #expect(arrived.filter { $0.hasPrefix("e") } == (1...announcements).map { "e\($0)" })
        let pongs = stride(from: pingEvery, through: announcements, by: pingEvery).map { "p\($0)" }
        #expect(arrived.filter { $0.hasPrefix("p") } == pongs)
        for pong in pongs {
            let after = "e" + pong.dropFirst()
            let pongAt = arrived.firstIndex(of: pong) ?? -1, eventAt = arrived.firstIndex(of: after) ?? Int.max
            #expect(pongAt > eventAt, "\(pong) before \(after)")
        }
    }
}
