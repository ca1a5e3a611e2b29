import AudienciaCore
import AudienciaWire

/// What waits, in order, for the journal to be durable before it may leave the server. Each
/// delivery notes how many journal lines had been appended when it was held: it may leave
/// once that many are durable and everything held before it has left.
struct HeldDeliveries {
    enum Delivery {
        case effect(Effect)
        /// An effect whose message is being encoded off the service thread meanwhile.
        case prepared(Effect, PreparedBytes)
        case frame([UInt8], to: ConnectionID)
        case close(ConnectionID, code: UInt16, reason: String)
        /// `upTo` is the feed's seq when the viewer asked, and `snapshot` the room's snapshot
        /// then: both taken at that moment, so events delivered later follow either exactly.
        case resumeViewer(ConnectionID, from: FeedPosition, upTo: Int64, snapshot: [Effect])
        /// A console refresh superseded by a later one in the same batch.
        case superseded
    }

    private(set) var items: [Delivery] = []
    /// For each item, the journal lines appended when it was held (`SessionRecorder.appended`).
    private var after: [Int64] = []
    /// Where the batch's console refresh waits, if one does.
    private var consoleRefresh: Int?

    var isEmpty: Bool { items.isEmpty }

    /// Consoles are refreshed once per batch, last: performing a refresh only marks the
    /// consoles owed one, built from the room at the end of a pass with nothing waiting, so
    /// earlier ones in the batch are superseded.
    mutating func hold(_ delivery: Delivery, after lines: Int64) {
        if case .effect(.refreshConsoles) = delivery {
            if let slot = consoleRefresh { items[slot] = .superseded }
            consoleRefresh = items.count
        }
        items.append(delivery)
        after.append(lines)
    }

    /// The deliveries, from the first, whose lines are all durable once `durable` are.
    mutating func takeReleased(durable: Int64) -> [Delivery] {
        let count = after.firstIndex { $0 > durable } ?? items.count
        guard count > 0 else { return [] }
        if count == items.count {
            // The usual case: all of it, handed over without copying.
            defer {
                items = []
                after = []
                consoleRefresh = nil
            }
            return items
        }
        let released = Array(items[..<count])
        items.removeFirst(count)
        after.removeFirst(count)
        consoleRefresh = consoleRefresh.flatMap { $0 >= count ? $0 - count : nil }
        return released
    }
}
