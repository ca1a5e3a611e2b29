@testable import AudienciaServer
import AudienciaJSON
import Foundation
import Testing

/// Replies that a commit lets go, and feed events to caught-up viewers, are written as soon as
/// they are due instead of after a writable callback from lws: each reaches its reader whole
/// and in order, a reader that is gone is dropped, and the others are served.
@Suite struct WritesAtOnceTests {
    private func writesAtOnce(_ server: LiveServer) throws -> Double {
        try #require(try TestHTTP.metric(port: server.port, "audiencia_writes_at_once_total"))
    }

    @Test func repliesAndTheFeedLeaveWithoutWaitingForACallback() throws {
        let server = try LiveServer()
        let viewer = try server.connect()
        let first = try #require(try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let before = try writesAtOnce(server)
        let announcements = 4
        // Each acknowledged before the next: the ok leaves once the journal has the announcement.
        for number in 1...announcements { try moderator.order("announce", ["text": .string("Aviso \(number)")]) }
        let seqs = try (1...announcements).map { _ in try viewer.expect("feed.event")["seq"]?.int }
        #expect(seqs == (1...announcements).map { first + Int64($0) })
        // One for each ok at least, and at least one for the viewer.
        #expect(try writesAtOnce(server) - before >= Double(announcements + 1))
    }

    @Test func aViewerThatIsGoneIsDroppedAndTheOthersGetEverything() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let staying = try server.connect()
        let first = try #require(try staying.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        var leaving = try (0..<20).map { _ in try server.connect() }
        for viewer in leaving {
            try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
            viewer.resetOnClose()
        }
        // Gone while listed as caught up: the next event is written to their reset sockets.
        leaving.removeAll()
        for number in 1...3 { try moderator.order("announce", ["text": .string("Aviso \(number)")]) }
        let seqs = try (1...3).map { _ in try staying.expect("feed.event")["seq"]?.int }
        #expect(seqs == (1...3).map { first + Int64($0) })
        let deadline = Date().addingTimeInterval(5)
        var open = try TestHTTP.metric(port: server.port, #"audiencia_connections{role="viewer"}"#)
        while open != 1, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            open = try TestHTTP.metric(port: server.port, #"audiencia_connections{role="viewer"}"#)
        }
        #expect(open == 1)
    }
}
