@testable import AudienciaServer
import AudienciaCore
import Testing

@Suite struct MessageAssemblerTests {
    private func add(_ assembler: inout MessageAssembler, _ text: String, binary: Bool = false,
                     final: Bool) -> MessageAssembler.Outcome {
        Array(text.utf8).withUnsafeBytes { assembler.add($0, binary: binary, final: final) }
    }

    @Test func joinsPiecesIntoOneMessage() {
        var assembler = MessageAssembler(limit: 100)
        #expect(add(&assembler, "{\"type\":", final: false) == .incomplete)
        #expect(add(&assembler, "\"ping\"}", final: true) == .message(Array("{\"type\":\"ping\"}".utf8)))
        #expect(add(&assembler, "{}", final: true) == .message(Array("{}".utf8)))
    }

    @Test func refusesOversizeOnceAndDropsTheRest() {
        var assembler = MessageAssembler(limit: 8)
        #expect(add(&assembler, "12345", final: false) == .incomplete)
        #expect(add(&assembler, "67890", final: false) == .refused(.tooLarge(limit: 8)))
        #expect(add(&assembler, "more", final: false) == .incomplete)
        #expect(add(&assembler, "end", final: true) == .dropped)
        #expect(add(&assembler, "ok", final: true) == .message(Array("ok".utf8)))
    }

    @Test func refusesBinaryMessages() {
        var assembler = MessageAssembler(limit: 100)
        #expect(add(&assembler, "ab", binary: true, final: true) == .refused(.binary))
        #expect(add(&assembler, "cd", binary: true, final: false) == .refused(.binary))
        #expect(add(&assembler, "ef", final: true) == .dropped)
        #expect(add(&assembler, "{}", final: true) == .message(Array("{}".utf8)))
    }

    @Test func aMessageExactlyAtTheLimitPasses() {
        var assembler = MessageAssembler(limit: 4)
        #expect(add(&assembler, "1234", final: true) == .message(Array("1234".utf8)))
    }
}

@Suite struct OutboxTests {
    private func frame(_ size: Int) -> OutgoingFrame {
        OutgoingFrame([UInt8](repeating: 65, count: size), headroom: 16)
    }

    @Test func keepsOrderAndCountsBytes() {
        var outbox = Outbox(limit: 100)
        let first = frame(10), second = frame(20)
        let accepted = outbox.push(first) && outbox.push(second)
        #expect(accepted)
        #expect(outbox.bytes == 30)
        #expect(outbox.pop() === first)
        #expect(outbox.bytes == 20)
        #expect(outbox.pop() === second)
        #expect(outbox.pop() == nil && outbox.isEmpty)
    }

    @Test func refusesPastTheLimitAndLetsGoOfEverything() {
        var outbox = Outbox(limit: 25)
        let accepted = outbox.push(frame(10)) && outbox.push(frame(15))
        #expect(accepted)
        let overflowed = !outbox.push(frame(1))
        #expect(overflowed)
        #expect(outbox.isEmpty && outbox.bytes == 0)
    }

    @Test func anEmptyPayloadIsAFrameToo() {
        let empty = frame(0)
        #expect(empty.count == 0)
        var outbox = Outbox(limit: 0)
        let accepted = outbox.push(empty)
        #expect(accepted)
    }
}

@Suite struct HeldDeliveriesTests {
    private func kinds(_ items: [HeldDeliveries.Delivery]) -> [String] {
        items.map { item in
            switch item {
            case .effect(.refreshConsoles): "refresh"
            case .effect, .prepared: "effect"
            case .frame: "frame"
            case .close: "close"
            case .resumeViewer: "resume"
            case .superseded: "superseded"
            }
        }
    }

    @Test func keepsOrderAndOnlyTheLastConsoleRefresh() {
        var held = HeldDeliveries()
        held.hold(.effect(.refreshConsoles), after: 1)
        held.hold(.frame([1], to: ConnectionID(1)), after: 1)
        held.hold(.effect(.refreshConsoles), after: 2)
        held.hold(.close(ConnectionID(2), code: 4001, reason: ""), after: 2)
        #expect(kinds(held.items) == ["superseded", "frame", "refresh", "close"])
        #expect(kinds(held.takeReleased(durable: 2)) == ["superseded", "frame", "refresh", "close"])
        #expect(held.isEmpty)
        held.hold(.effect(.refreshConsoles), after: 3)
        #expect(kinds(held.items) == ["refresh"], "a new batch starts its own refresh")
    }

    @Test func releasesInOrderOnlyWhatIsDurable() {
        var held = HeldDeliveries()
        held.hold(.frame([1], to: ConnectionID(1)), after: 1)
        held.hold(.effect(.refreshConsoles), after: 1)
        held.hold(.frame([2], to: ConnectionID(1)), after: 3)
        held.hold(.frame([3], to: ConnectionID(1)), after: 2)
        #expect(held.takeReleased(durable: 0).isEmpty)
        #expect(kinds(held.takeReleased(durable: 2)) == ["frame", "refresh"],
                "the frame waiting for line 3 holds back the one behind it")
        held.hold(.effect(.refreshConsoles), after: 3)
        #expect(kinds(held.items) == ["frame", "frame", "refresh"], "a released refresh is not superseded")
        #expect(kinds(held.takeReleased(durable: 3)) == ["frame", "frame", "refresh"])
        #expect(held.isEmpty)
    }
}

@Suite struct OriginPolicyTests {
    @Test func sameSiteListedOrNoOriginAreAccepted() {
        let policy = OriginPolicy(allowed: ["https://audiencia.metepec.gob.mx"])
        #expect(policy.accepts(origin: nil, host: "127.0.0.1:7681"))
        #expect(policy.accepts(origin: "http://127.0.0.1:7681", host: "127.0.0.1:7681"))
        #expect(policy.accepts(origin: "https://audiencia.metepec.gob.mx", host: "10.0.0.1"))
        #expect(!policy.accepts(origin: "https://evil.example", host: "127.0.0.1:7681"))
        #expect(!policy.accepts(origin: "http://127.0.0.1:7682", host: "127.0.0.1:7681"))
        #expect(!policy.accepts(origin: "http://127.0.0.1:7681", host: nil))
        #expect(!policy.accepts(origin: "null", host: "127.0.0.1:7681"))
    }
}
