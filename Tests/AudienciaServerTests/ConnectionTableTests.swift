@testable import AudienciaServer
import AudienciaCore
import AudienciaJSON
import Foundation
import Testing

/// The transport's per-connection state lives in one block of structs, reached by the slot
/// number kept in lws's per-session data; slots are reused through a free list.
@Suite struct ConnectionTableTests {
    private let options = WebSocketTransport.Options(host: "127.0.0.1", port: 0, mounts: [],
                                                     maxMessageBytes: 1024, maxOutboxBytes: 4096)

    private func connection(_ id: UInt64) throws -> TransportConnection {
        TransportConnection(id: ConnectionID(id), wsi: try #require(OpaquePointer(bitPattern: UInt(id) * 16)),
                            options: options)
    }

    @Test func aFreedSlotIsTakenByTheNextConnectionAndForgetsTheOldOne() throws {
        let table = ConnectionTable(capacity: 4)
        let first = table.insert(try connection(1))
        let second = table.insert(try connection(2))
        #expect(first != second && table.count == 2)
        table.connection(at: first).pointee.feedWake = .listed
        table.connection(at: first).pointee.feedCursor = 7
        table.remove(slot: first)
        #expect(table.slot(of: ConnectionID(1)) == nil && table.count == 1)
        #expect(table.connection(at: first).pointee.isVacant && table.connection(at: first).pointee.feedWake == .unlisted)
        let third = table.insert(try connection(3))
        #expect(third == first && table.highWater == 2)
        #expect(table.connection(at: third).pointee.id == ConnectionID(3))
        #expect(table.connection(at: third).pointee.feedCursor == nil && !table.connection(at: third).pointee.isVacant)
        #expect(table.slot(of: ConnectionID(3)) == third && table.slot(of: ConnectionID(2)) == second)
        // Removing twice frees the slot once: it is not handed to two connections.
        table.remove(slot: second)
        table.remove(slot: second)
        let fourth = table.insert(try connection(4)), fifth = table.insert(try connection(5))
        #expect(fourth == second && fifth == 2)
    }

    @Test func stateSurvivesTheBlockGrowing() throws {
        let table = ConnectionTable(capacity: 1)
        var slots: [Int] = []
        for id in 1...100 {
            let slot = table.insert(try connection(UInt64(id)))
            table.connection(at: slot).pointee.feedCursor = id * 10
            let pushed = table.connection(at: slot).pointee.outbox.push(OutgoingFrame([UInt8(id)], headroom: 16))
            #expect(pushed)
            slots.append(slot)
        }
        for (index, slot) in slots.enumerated() {
            let connection = table.connection(at: slot).pointee
            #expect(connection.id == ConnectionID(UInt64(index + 1)) && connection.feedCursor == (index + 1) * 10)
            #expect(connection.outbox.first.map { $0.payload.load(as: UInt8.self) } == UInt8(index + 1))
        }
        #expect(Set(table.ids) == Set((1...100).map { ConnectionID(UInt64($0)) }))
    }

    @Test func sessionDataHoldsTheSlotPlusOne() {
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { bytes in
            #expect(TransportConnection.slot(sessionData: bytes.baseAddress) == nil)
            TransportConnection.store(slot: 0, in: bytes.baseAddress)
            #expect(TransportConnection.slot(sessionData: bytes.baseAddress) == 0)
            TransportConnection.store(slot: 41, in: bytes.baseAddress)
            #expect(TransportConnection.slot(sessionData: bytes.baseAddress) == 41)
        }
        #expect(TransportConnection.slot(sessionData: nil) == nil)
    }

    @Test func aRunOfFeedEventsIsCopiedWholeAndOnlyWhileItFits() {
        var log = FeedLog(retainedBytes: 1000)
        let frames = (0..<4).map { OutgoingFrame([UInt8](repeating: UInt8(65 + $0), count: 10), headroom: 16) }
        frames.forEach { log.append($0) }
        var target = [UInt8](repeating: 0, count: 64)
        // Each frame is 12 bytes framed: 30 bytes of room take two, never part of a third.
        let copied = target.withUnsafeMutableBytes { log.copyFrames(from: 1, upTo: 4, to: $0.baseAddress!, room: 30) }
        #expect(copied.frames == 2 && copied.bytes == 24)
        #expect(Array(target[0..<12]) == [0x81, 10] + [UInt8](repeating: 66, count: 10))
        #expect(Array(target[12..<24]) == [0x81, 10] + [UInt8](repeating: 67, count: 10))
        #expect(target[24...].allSatisfy { $0 == 0 })
        let bounded = target.withUnsafeMutableBytes { log.copyFrames(from: 0, upTo: 1, to: $0.baseAddress!, room: 64) }
        #expect(bounded.frames == 1 && bounded.bytes == 12)
        #expect(log.view(at: 3).payload.load(as: UInt8.self) == 68 && log.view(at: 3).framedCount == 12)
    }
}

/// Viewers that leave while listed as caught up free their slots; viewers that arrive next
/// take those slots. Each newcomer still gets every event once and in order, and the stale
/// entries of the waiting list wake no one twice.
@Suite struct SlotReuseLiveTests {
    @Test func newcomersInFreedSlotsGetEveryEventOnceAndInOrder() throws {
        let server = try LiveServer(feedCoalesceMilliseconds: 10)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        var leaving: [TestWebSocket] = try (0..<6).map { _ in try server.connect() }
        for viewer in leaving { _ = try viewer.hello(["role": "viewer"], expecting: "feed.snapshot") }
        let staying = try server.connect()
        let firstSeq = try #require(try staying.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int)
        leaving.removeAll()  // closes their sockets: their slots are listed as waiting, then freed
        #expect(try TestHTTP.metric(port: server.port, #"audiencia_connections{role="viewer"}"#, reaching: 1, within: 5) == 1)
        let newcomers = try (0..<6).map { _ in try server.connect() }
        let firsts = try newcomers.map { try #require(try $0.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"]?.int) }
        #expect(firsts.allSatisfy { $0 == firstSeq })
        for number in 1...5 {
            try moderator.send(.object(["type": "announce", "text": .string("Aviso \(number)"), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
        }
        for viewer in newcomers + [staying] {
            let seqs = try (1...5).map { _ in try viewer.expect("feed.event", timeout: 10)["seq"]?.int }
            #expect(seqs == (1...5).map { firstSeq + Int64($0) })
            try viewer.drain()
            #expect(viewer.take("feed.event").isEmpty)
        }
    }
}
