/// Frames waiting for one connection, bounded in bytes: a peer that stops reading costs at
/// most `limit`, then it is cut off. Taking from the front is O(1) (a head index, compacted
/// now and then): a viewer that is behind may hold a thousand frames.
struct Outbox {
    let limit: Int
    private var queue: [OutgoingFrame] = []
    private var head = 0
    private(set) var bytes = 0

    init(limit: Int) { self.limit = limit }

    var isEmpty: Bool { head == queue.count }
    var count: Int { queue.count - head }

    /// The oldest frame, still queued.
    var first: OutgoingFrame? { isEmpty ? nil : queue[head] }

    /// Queues `frame`; false, with the queue emptied, when it would exceed the limit.
    mutating func push(_ frame: OutgoingFrame) -> Bool {
        guard bytes + frame.count <= limit else {
            queue = []
            head = 0
            bytes = 0
            return false
        }
        queue.append(frame)
        bytes += frame.count
        return true
    }

    mutating func pop() -> OutgoingFrame? {
        guard !isEmpty else { return nil }
        let frame = queue[head]
        head += 1
        bytes -= frame.count
        if head == queue.count {
            // Drained: an idle connection keeps no buffer at all.
            queue = []
            head = 0
        } else if head >= 256 && head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return frame
    }
}
