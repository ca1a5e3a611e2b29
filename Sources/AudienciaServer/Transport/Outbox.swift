/// Frames waiting for one connection, bounded in bytes: a peer that stops reading costs at
/// most `limit`, then it is cut off. Taking from the front is O(1) (a head index, compacted
/// now and then): a viewer that is behind may hold a thousand frames.
///
/// Each frame remembers the feed log's end when it was queued (`feedPosition`), so a viewer's
/// own messages (its snapshot, a resume, a reply) leave in order with the feed events around
/// them (see WebSocketTransport+Feed).
struct Outbox {
    private struct Entry {
        let frame: OutgoingFrame
        let view: FrameView
        let feedPosition: Int
    }

    let limit: Int
    private var queue: [Entry] = []
    private var head = 0
    private(set) var bytes = 0

    init(limit: Int) { self.limit = limit }

    var isEmpty: Bool { head == queue.count }
    var count: Int { queue.count - head }

    /// The oldest frame, still queued.
    var first: OutgoingFrame? { isEmpty ? nil : queue[head].frame }

    /// The oldest frame's bytes, valid until it is popped.
    var firstView: FrameView? { isEmpty ? nil : queue[head].view }

    /// The feed log's end when the oldest frame was queued: it leaves once the connection's
    /// cursor has reached it.
    var firstFeedPosition: Int { isEmpty ? Int.max : queue[head].feedPosition }

    /// Queues `frame`; false, with the queue emptied, when it would exceed the limit.
    mutating func push(_ frame: OutgoingFrame, feedPosition: Int = 0) -> Bool {
        guard bytes + frame.count <= limit else {
            clear()
            return false
        }
        queue.append(Entry(frame: frame, view: frame.view, feedPosition: feedPosition))
        bytes += frame.count
        return true
    }

    mutating func clear() {
        queue = []
        head = 0
        bytes = 0
    }

    mutating func pop() -> OutgoingFrame? {
        guard !isEmpty else { return nil }
        let frame = queue[head].frame
        removeFirst()
        return frame
    }

    /// Drops the oldest frame (after its bytes were written).
    mutating func removeFirst() {
        guard !isEmpty else { return }
        bytes -= queue[head].view.count
        head += 1
        if head == queue.count {
            // Drained: an idle connection keeps no buffer at all.
            queue = []
            head = 0
        } else if head >= 256 && head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
