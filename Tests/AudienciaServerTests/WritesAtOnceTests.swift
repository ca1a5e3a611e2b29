@testable import AudienciaServer
import AudienciaJSON
import Foundation
import Testing

/// Replies that a commit lets go, and feed events to caught-up viewers, are written as soon as
/// they are due instead of after a writable callback from lws: each reaches its reader whole
/// and in order, and readers that leave are forgotten while the others are served.
@Suite struct WritesAtOnceTests {
    /// The write counters from one reading of `/metrics`.
    private func writes(_ server: LiveServer) throws -> (all: Double, atOnce: Double, slices: Double) {
        let samples = try TestHTTP.metrics(port: server.port)
        return (try #require(samples["audiencia_writes_total"]), try #require(samples["audiencia_writes_at_once_total"]),
                try #require(samples["audiencia_feed_wave_slices_total"]))
    }

    private func moderator(_ server: LiveServer) throws -> TestWebSocket {
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        return moderator
    }

    @Test func acknowledgementsLeaveAtOnce() throws {
        let server = try LiveServer()
        let moderator = try moderator(server)
        let before = try writes(server)
        let announcements = 4
        // Each acknowledged before the next: the ok leaves once the journal has the announcement.
        for number in 1...announcements { try moderator.order("announce", ["text": .string("Aviso \(number)")]) }
        #expect(try writes(server).atOnce - before.atOnce >= Double(announcements))
    }

    @Test func oneWakeWritesEachCaughtUpViewerOnceAtOnceInSlices() throws {
        // Long enough that the announcements are all published, and the moderator gone,
        // before the wake: then the only writes left are the viewers' one each, in three
        // slices of two.
        let server = try LiveServer(feedCoalesceMilliseconds: 5000, feedWaveSlice: 2)
        let viewers = try (0..<6).map { _ in try server.connect() }
        let firsts = try viewers.map { try #require(try $0.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int) }
        let published = Date()
        var moderator: TestWebSocket? = try moderator(server)
        let announcements = 3
        for number in 1...announcements { try moderator?.order("announce", ["text": .string("Aviso \(number)")]) }
        moderator = nil
        #expect(try TestHTTP.metric(port: server.port, #"audiencia_connections{role="official"}"#, reaching: 0, within: 2) == 0)
        let before = try writes(server)
        try #require(Date().timeIntervalSince(published) < 4, "the wake may have come before the first reading")
        for (viewer, first) in zip(viewers, firsts) {
            let seqs = try (1...announcements).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
            #expect(seqs == (1...announcements).map { first + Int64($0) })
        }
        let after = try writes(server)
        #expect(after.atOnce - before.atOnce == Double(viewers.count))
        #expect(after.all - before.all == Double(viewers.count))
        #expect(after.slices - before.slices == 3)
    }

    @Test func aWaveCutInSlicesReachesEveryViewerOnceAndInOrder() throws {
        // Slices of two among seven viewers: each wave spans four passes of the loop, with
        // announcements arriving while it is written, read and published between its slices.
        let server = try LiveServer(feedCoalesceMilliseconds: 1, feedWaveSlice: 2)
        let viewers = try (0..<7).map { _ in try server.connect() }
        let firsts = try viewers.map { try #require(try $0.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int) }
        let moderator = try moderator(server)
        let announcements = 40
        for number in 1...announcements {
            try moderator.send(.object(["type": "announce", "text": .string("Aviso \(number)"), "ref": .string("a\(number)")]))
        }
        for (viewer, first) in zip(viewers, firsts) {
            let seqs = try (1...announcements).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
            #expect(seqs == (1...announcements).map { first + Int64($0) })
            try viewer.drain(timeout: 0.1)
            #expect(viewer.take("feed.event").isEmpty, "an event twice")
        }
    }

    @Test func viewersThatVanishAreForgottenAndTheOthersGetEverything() throws {
        let server = try LiveServer()
        let moderator = try moderator(server)
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
        #expect(try TestHTTP.metric(port: server.port, #"audiencia_connections{role="viewer"}"#, reaching: 1, within: 5) == 1)
    }
}
