/// Reads the server's frames from a byte stream without copying payloads: it only keeps the
/// first `keep` bytes of each frame (enough to read `seq` and a timestamp from a feed event),
/// so that a viewer that receives millions of messages costs a header parse per message.
/// Server frames are never masked (RFC 6455 §5.1).
struct FrameScanner {
    struct Frame {
        var opcode: UInt8
        var length: Int
        /// The frame's first bytes, at most the `keep` in force when it started.
        var prefix: [UInt8]
    }

    /// Bytes kept from each data frame; control frames (close, ping) are always kept whole.
    var keep: Int
    private var limit = 0
    private var header: [UInt8] = []
    private var remaining = 0
    private var current: Frame?

    init(keep: Int) { self.keep = keep }

    /// Feeds `bytes`; `frameEnded` is called for every frame completed by them, and may answer
    /// a new `keep` for the frames after it.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, _ frameEnded: (Frame) -> Int?) {
        var index = 0
        let count = bytes.count
        while index < count {
            if var frame = current {
                let take = min(remaining, count - index)
                let room = min(take, max(0, limit - frame.prefix.count))
                if room > 0 { frame.prefix.append(contentsOf: bytes[index..<(index + room)]) }
                index += take
                remaining -= take
                if remaining == 0 {
                    current = nil
                    keep = frameEnded(frame) ?? keep
                } else {
                    current = frame
                }
                continue
            }
            header.append(bytes[index])
            index += 1
            guard let (opcode, length) = Self.parse(header) else { continue }
            header.removeAll(keepingCapacity: true)
            let frame = Frame(opcode: opcode, length: length, prefix: [])
            limit = opcode >= 0x8 ? 125 : keep
            if length == 0 {
                keep = frameEnded(frame) ?? keep
            } else {
                current = frame
                remaining = length
            }
        }
    }

    /// The opcode and payload length once the header is complete, else nil.
    private static func parse(_ header: [UInt8]) -> (UInt8, Int)? {
        guard header.count >= 2 else { return nil }
        let opcode = header[0] & 0x0F
        let short = Int(header[1] & 0x7F)
        switch short {
        case 126:
            guard header.count == 4 else { return nil }
            return (opcode, Int(header[2]) << 8 | Int(header[3]))
        case 127:
            guard header.count == 10 else { return nil }
            return (opcode, header[2...].reduce(0) { $0 << 8 | Int($1) })
        default:
            return (opcode, short)
        }
    }

    /// The integer after `"key":` in `bytes`, if there.
    static func integer(after key: [UInt8], in bytes: [UInt8]) -> Int64? {
        guard let start = find(key, in: bytes) else { return nil }
        var value: Int64 = 0
        var index = start + key.count
        var digits = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 19 {
            value = value * 10 + Int64(bytes[index] - 0x30)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
