import Testing
@testable import AudienciaServer

/// The shared frame carries its own RFC 6455 header (§5.2), so several can be written raw.
@Suite struct OutgoingFrameTests {
    private func framed(_ frame: OutgoingFrame) -> [UInt8] {
        Array(UnsafeRawBufferPointer(start: frame.framed, count: frame.framedCount))
    }

    @Test func aShortPayloadGetsATwoByteHeader() {
        let frame = OutgoingFrame(Array("hola".utf8), headroom: 16)
        #expect(framed(frame) == [0x81, 4] + Array("hola".utf8))
        #expect(frame.count == 4 && frame.framedCount == 6)
    }

    @Test func lengthsFrom126UseTheSixteenBitForm() {
        let frame = OutgoingFrame([UInt8](repeating: 0x61, count: 300), headroom: 16)
        #expect(Array(framed(frame).prefix(4)) == [0x81, 126, 0x01, 0x2C])
        #expect(frame.framedCount == 304)
    }

    @Test func lengthsFrom65536UseTheSixtyFourBitForm() {
        let frame = OutgoingFrame([UInt8](repeating: 0x61, count: 70_000), headroom: 16)
        #expect(Array(framed(frame).prefix(10)) == [0x81, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70])
    }

    @Test func thePayloadKeepsRoomForLwsToFrameItItself() {
        let frame = OutgoingFrame(Array("x".utf8), headroom: 16)
        #expect(frame.payload - frame.storage.baseAddress! >= 16)
        #expect(frame.framed - frame.storage.baseAddress! >= 16)
    }
}

@Suite struct OutboxOrderTests {
    @Test func aLongQueueComesOutInOrderAndEmptyLeavesNothingHeld() {
        var outbox = Outbox(limit: 1 << 20)
        let frames = (0..<2000).map { OutgoingFrame([UInt8(truncatingIfNeeded: $0)], headroom: 16) }
        var out: [OutgoingFrame] = []
        for (index, frame) in frames.enumerated() {
            let accepted = outbox.push(frame)
            #expect(accepted)
            // Take one for every two queued, so the head moves past the compaction point.
            if index % 2 == 1, let next = outbox.pop() { out.append(next) }
        }
        #expect(outbox.count == 1000 && outbox.first === frames[1000])
        while let next = outbox.pop() { out.append(next) }
        #expect(out.count == 2000 && zip(out, frames).allSatisfy { $0 === $1 })
        #expect(outbox.isEmpty && outbox.bytes == 0 && outbox.first == nil)
    }
}
