/// The public feed as the transport writes it: every event framed once, kept once, and read by
/// each viewer through its own cursor (an index into this log). Publishing costs one append
/// whatever the number of viewers; what a viewer still has to read is the distance from its
/// cursor to the end, in frames and in bytes, never a queue of its own.
///
/// Positions are absolute (they only grow). The log keeps the newest frames up to
/// `retainedBytes` of payload (several allowances, so that a burst published in one pass is
/// all still there for viewers that read): a viewer whose cursor falls before `start` was
/// more than that behind and is closed as too slow.
struct FeedLog {
    private struct Entry {
        let frame: OutgoingFrame
        let view: FrameView
        /// Payload bytes appended before this frame: the log's byte position of its start.
        let offset: Int
    }

    let retainedBytes: Int
    private var entries: [Entry] = []
    /// Index in `entries` of the frame at `start`; compacted now and then, like Outbox.
    private var head = 0
    /// Position of the oldest frame still kept.
    private(set) var start = 0
    /// Position the next frame will take: a viewer whose cursor is here is caught up.
    private(set) var end = 0
    /// Payload bytes ever appended.
    private var endOffset = 0

    init(retainedBytes: Int) { self.retainedBytes = retainedBytes }

    /// The frame at `position`, which must lie in `start..<end`.
    subscript(position: Int) -> OutgoingFrame { entries[head + position - start].frame }

    /// The bytes of the frame at `position` (in `start..<end`), valid while it is kept.
    func view(at position: Int) -> FrameView { entries[head + position - start].view }

    /// Copies the frames from `position` up to `limit` (exclusive; both in `start...end`) to
    /// `target`, whole and in order, while they fit in `room` bytes: one borrow of the log for
    /// the run, not a lookup and a retained frame each. Returns how many and their bytes.
    func copyFrames(from position: Int, upTo limit: Int, to target: UnsafeMutableRawPointer,
                    room: Int) -> (frames: Int, bytes: Int) {
        entries.withUnsafeBufferPointer { entries in
            let first = head + position - start
            var index = first, used = 0
            while index < head + limit - start {
                let view = entries[index].view
                guard used + view.framedCount <= room else { break }
                (target + used).copyMemory(from: view.framed, byteCount: view.framedCount)
                used += view.framedCount
                index += 1
            }
            return (index - first, used)
        }
    }

    /// Payload bytes from `position` to the end: what a viewer at that cursor has not read.
    func bytes(from position: Int) -> Int {
        position >= end ? 0 : endOffset - entries[head + max(position, start) - start].offset
    }

    mutating func append(_ frame: OutgoingFrame) {
        entries.append(Entry(frame: frame, view: frame.view, offset: endOffset))
        endOffset += frame.count
        end += 1
        // Frames nobody within its allowance can still need are let go.
        while head < entries.count - 1, endOffset - entries[head].offset > retainedBytes {
            head += 1
            start += 1
        }
        if head >= 256 && head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
