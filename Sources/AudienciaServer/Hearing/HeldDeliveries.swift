import AudienciaCore
import AudienciaWire

/// What waits, in order, for the journal to be durable before it may leave the server.
struct HeldDeliveries {
    enum Delivery {
        case effect(Effect)
        case frame([UInt8], to: ConnectionID)
        case close(ConnectionID, code: UInt16, reason: String)
        /// `upTo` is the feed's seq when the viewer asked, and `snapshot` the room's snapshot
        /// then: both taken at that moment, so events delivered later follow either exactly.
        case resumeViewer(ConnectionID, from: FeedPosition, upTo: Int64, snapshot: [Effect])
        /// A console refresh superseded by a later one in the same batch.
        case superseded
    }

    private(set) var items: [Delivery] = []
    /// Where the batch's console refresh waits, if one does.
    private var consoleRefresh: Int?

    var isEmpty: Bool { items.isEmpty }

    /// Consoles are refreshed once per batch, last: a refresh is built when performed, from
    /// the room as the whole batch left it, so earlier ones are superseded.
    mutating func hold(_ delivery: Delivery) {
        if case .effect(.refreshConsoles) = delivery {
            if let slot = consoleRefresh { items[slot] = .superseded }
            consoleRefresh = items.count
        }
        items.append(delivery)
    }

    mutating func takeAll() -> [Delivery] {
        defer {
            items = []
            consoleRefresh = nil
        }
        return items
    }
}
