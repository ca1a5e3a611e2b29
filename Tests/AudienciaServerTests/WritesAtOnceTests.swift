@testable import AudienciaServer
import AudienciaJSON
import Foundation
import Testing

/// Replies that a commit lets go, and feed events to caught-up viewers, are written as soon as
/// they are due instead of after a writable callback from lws: each reaches its reader whole
/// and in order, and readers that leave are forgotten while the others are served.
@Suite struct WritesAtOnceTests {
    private func writes(_ server: LiveServer) throws -> (all: Double, atOnce: Double) {
        (try #require(try TestHTTP.metric(port: server.port, "audiencia_writes_total")),
         try #require(try TestHTTP.metric(port: server.port, "audiencia_writes_at_once_total")))
    }

    @Test func acknowledgementsLeaveAtOnce() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let before = try writes(server)
        let announcements = 4
        // Each acknowledged before the next: the ok leaves once the journal has the announcement.
        for number in 1...announcements { try moderator.order("announce", ["text": .string("Aviso \(number)")]) }
        let after = try writes(server)
        #expect(after.atOnce - before.atOnce >= Double(announcements))
        #expect(after.atOnce - before.atOnce <= after.all - before.all)
    }

    @Test func theFeedsWaveWritesEachCaughtUpViewerOnceAtOnce() throws {
        // Long enough that the announcements are all published, and the moderator gone,
        // before the wake: then the only writes left are the viewers' one each.
        let server = try LiveServer(feedCoalesceMilliseconds: 3000)
        let viewers = try (0..<6).map { _ in try server.connect() }
        let firsts = try viewers.map { try #require(try $0.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int) }
        var moderator: TestWebSocket? = try server.connect()
        try moderator?.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        let announcements = 3
        for number in 1...announcements { try moderator?.order("announce", ["text": .string("Aviso \(number)")]) }
        moderator = nil
        let deadline = Date().addingTimeInterval(1)
        while try TestHTTP.metric(port: server.port, #"audiencia_connections{role="official"}"#) != 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let before = try writes(server)
        for (viewer, first) in zip(viewers, firsts) {
            let seqs = try (1...announcements).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
            #expect(seqs == (1...announcements).map { first + Int64($0) })
        }
        let after = try writes(server)
        #expect(after.atOnce - before.atOnce == Double(viewers.count))
        #expect(after.all - before.all == Double(viewers.count))
    }

    @Test func viewersThatVanishAreForgottenAndTheOthersGetEverything() throws {
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
        // Reset while listed as caught up, as phones that lose their network.
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
