import AudienciaWire

/// The last feed events as sent, so a viewer that drops can get exactly what it missed.
/// Bounded; a gap it cannot fill is answered with a fresh snapshot instead, never a partial
/// replay. The epoch changes with every server run: sequence numbers are only comparable
/// within one.
struct FeedHistory {
    let epoch: String
    let capacity: Int
    private var frames: [(seq: Int64, frame: OutgoingFrame)] = []
    private var start = 0

    init(epoch: String, capacity: Int) {
        self.epoch = epoch
        self.capacity = capacity
    }

    mutating func record(seq: Int64, frame: OutgoingFrame) {
        guard capacity > 0 else { return }
        if frames.count < capacity {
            frames.append((seq, frame))
        } else {
            frames[start] = (seq, frame)
            start = (start + 1) % capacity
        }
    }

    /// The frames after `position`, or nil when they cannot all be given.
    func frames(after position: FeedPosition, currentSeq: Int64) -> [OutgoingFrame]? {
        guard position.epoch == epoch, position.seq <= currentSeq else { return nil }
        if position.seq == currentSeq { return [] }
        let ordered = (0..<frames.count).map { frames[(start + $0) % frames.count] }
        guard let first = ordered.first, first.seq <= position.seq + 1 else { return nil }
        let missed = ordered.filter { $0.seq > position.seq }
        guard missed.count == Int(currentSeq - position.seq) else { return nil }
        return missed.map(\.frame)
    }
}
