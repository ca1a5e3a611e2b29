@testable import AudienciaServer
import AudienciaJSON
import Foundation
import Testing

/// Floods get a coded refusal and cost the server nothing lasting; others are served.
@Suite struct AbuseLimitsTests {
    private func checkIn(_ socket: TestWebSocket, _ name: String) throws -> JSON {
        try socket.send(.object([
            "type": "checkin", "ref": .string(name),
            "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "serviceId": "bacheo",
            "description": "Bache",
        ]))
        return try socket.expect(where: { $0["ref"]?.string == name || $0["type"]?.string == "checkin.accepted" })
    }

    private func openSession(_ server: LiveServer) throws -> TestWebSocket {
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        return moderator
    }

    @Test func aFloodOfMessagesIsRefusedAndTheConnectionRecovers() throws {
        var limits = AbuseLimits()
        limits.messagesPerSecond = 5
        limits.messageBurst = 5
        let server = try LiveServer(limits: limits)
        let viewer = try server.connect()
        try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
        for n in 0..<20 { try viewer.send(.object(["type": "ping", "ref": .string("p\(n)")])) }
        try viewer.drain(timeout: 0.5)
        #expect(viewer.take("error").filter { $0["code"] == "rate_limited" }.count >= 10)
        #expect(viewer.take("pong").count < 10)
        Thread.sleep(forTimeInterval: 1.1)
        try viewer.send(.object(["type": "ping", "ref": "again"]))
        #expect(try viewer.expect("pong")["ref"] == "again")
        // The moderator is never slowed down.
        let moderator = try openSession(server)
        for n in 0..<20 { try moderator.order("announce", ["text": .string("Aviso \(n)")]) }
    }

    @Test func theQueueHasACeiling() throws {
        var limits = AbuseLimits()
        limits.maxQueue = 2
        let server = try LiveServer(limits: limits)
        _ = try openSession(server)
        for name in ["Uno", "Dos"] {
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            #expect(try checkIn(citizen, name)["type"] == "checkin.accepted")
        }
        let third = try server.connect()
        try third.hello(["role": "citizen"], expecting: "welcome")
        #expect(try checkIn(third, "Tres")["code"] == "queue_full")
    }

    @Test func checkInsFromOneAddressAreCountedPerHour() throws {
        var limits = AbuseLimits()
        limits.checkInsPerAddressPerHour = 2
        limits.exemptLoopback = false
        let server = try LiveServer(limits: limits)
        _ = try openSession(server)
        var replies: [String] = []
        for name in ["Uno", "Dos", "Tres"] {
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            let reply = try checkIn(citizen, name)
            replies.append(reply["code"]?.string ?? reply["type"]?.string ?? "?")
        }
        #expect(replies == ["checkin.accepted", "checkin.accepted", "too_many_checkins"])
    }

    @Test func tooManyConnectionsFromOneAddressAreClosed() throws {
        var limits = AbuseLimits()
        limits.connectionsPerAddress = 2
        limits.exemptLoopback = false
        let server = try LiveServer(limits: limits)
        let first = try server.connect(), second = try server.connect()
        let third = try server.connect()
        #expect(try third.waitForClose(timeout: 5) == 4004)
        try first.hello(["role": "viewer"], expecting: "feed.snapshot")
        _ = second
    }

    @Test func theTokenBucketRefillsAtItsRate() {
        var bucket = TokenBucket(burst: 2, now: 0)
        let taken = [0, 0, 0.5, 1.6].map { bucket.take(rate: 1, burst: 2, now: $0) }
        #expect(taken == [true, true, false, true])
    }

    @Test func loopbackPeersAreExemptFromPerAddressLimitsByDefault() {
        let limits = AbuseLimits()
        #expect(!limits.appliesPerAddress(to: "127.0.0.1") && !limits.appliesPerAddress(to: "::1"))
        #expect(limits.appliesPerAddress(to: "189.203.4.10"))
    }

    @Test func theCheckInWindowForgetsAfterAnHour() {
        var window = CheckInWindow()
        let admitted = [("10.0.0.1", Int64(0)), ("10.0.0.1", 100), ("10.0.0.2", 100), ("10.0.0.1", 3601)]
            .map { window.admit($0.0, now: $0.1, limit: 1) }
        #expect(admitted == [true, false, true, true])
        window.forgetOld(now: 3601 + 3600)
        #expect(window.count == 0)
    }
}
