/// Frames waiting for one connection, bounded in bytes: a peer that stops reading costs at
/// most `limit`, then it is cut off.
struct Outbox {
    let limit: Int
    private(set) var frames: [OutgoingFrame] = []
    private(set) var bytes = 0

    init(limit: Int) { self.limit = limit }

    var isEmpty: Bool { frames.isEmpty }

    /// Queues `frame`; false, with the queue emptied, when it would exceed the limit.
    mutating func push(_ frame: OutgoingFrame) -> Bool {
        guard bytes + frame.count <= limit else {
            frames = []
            bytes = 0
            return false
        }
        frames.append(frame)
        bytes += frame.count
        return true
    }

    mutating func pop() -> OutgoingFrame? {
        guard !frames.isEmpty else { return nil }
        let frame = frames.removeFirst()
        bytes -= frame.count
        return frame
    }
}
