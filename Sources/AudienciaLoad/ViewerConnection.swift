import Glibc

/// One viewer of the load generator: says `hello` as a viewer, then counts feed events.
/// Only sampled viewers read into their messages (seq and the announcement's send time).
final class ViewerConnection {
    enum Phase { case handshaking, open, closed }

    let socket: LoadSocket
    let sampled: Bool
    /// Never read after its `hello`, as a phone that stopped reading would be.
    let stalled: Bool
    var phase = Phase.handshaking
    var scanner: FrameScanner
    private var handshake: [UInt8] = []
    /// The seq of its snapshot, then of the last event counted.
    var snapshotSeq: Int64?
    var lastSeq: Int64 = 0
    var outOfOrder = 0
    var closeCode: UInt16?
    /// How the server ended it, once it has: its close code, or how it hung up without one.
    var ending: String?
    /// Already in the crowd's count of endings.
    var counted = false
    private var pongs: [[UInt8]] = []

    static let marker = Array("[bench:".utf8)
    private static let seqKey = Array("\"seq\":".utf8)

    init(socket: LoadSocket, sampled: Bool, stalled: Bool) {
        self.socket = socket
        self.sampled = sampled
        self.stalled = stalled
        scanner = FrameScanner(keep: 64)
    }

    /// Connected and not yet on the feed: its handshake or its `hello` is still unanswered
    /// (a stalled viewer stops reading at its `hello`, so only its handshake counts).
    var isJoining: Bool {
        stalled ? phase == .handshaking : phase != .closed && snapshotSeq == nil
    }

    /// The server closed or dropped it: remembers how, for the benchmark's `closeCodes`.
    func ended() {
        ending = ending ?? closeCode.map(String.init) ?? (phase == .handshaking ? "hangup_before_101"
            : snapshotSeq == nil ? "hangup_before_snapshot" : "hangup")
        phase = .closed
    }

    /// Handles what one `recv` returned; `latency` receives each sampled announcement's delay.
    func received(_ bytes: UnsafeRawBufferPointer, at now: Int64, keys: inout MaskKeys,
                  latency: (Int64) -> Void) {
        var rest = bytes
        if phase == .handshaking {
            guard let body = readHandshake(bytes) else { return }
            rest = body
            phase = .open
            _ = socket.writeAll(ClientFrames.text(Array(#"{"type":"hello","role":"viewer"}"#.utf8), key: keys.next()))
        }
        scanner.consume(rest) { frame in self.ended(frame, at: now, latency: latency) }
        for payload in pongs { _ = socket.writeAll(ClientFrames.pong(payload, key: keys.next())) }
        pongs = []
    }

    /// A new `keep` for the scanner after the snapshot, else nil.
    private func ended(_ frame: FrameScanner.Frame, at now: Int64, latency: (Int64) -> Void) -> Int? {
        switch frame.opcode {
        case 0x1:
            guard let snapshot = snapshotSeq else {
                let seq = FrameScanner.integer(after: Self.seqKey, in: frame.prefix) ?? 0
                snapshotSeq = seq
                lastSeq = seq
                return sampled ? 240 : 0
            }
            _ = snapshot
            lastSeq += 1
            guard sampled else { return nil }
            if let seq = FrameScanner.integer(after: Self.seqKey, in: frame.prefix), seq != lastSeq {
                outOfOrder += 1
                lastSeq = seq
            }
            if let sent = FrameScanner.integer(after: Self.marker, in: frame.prefix) { latency(now - sent) }
            return nil
        case 0x8:
            closeCode = frame.prefix.count >= 2 ? UInt16(frame.prefix[0]) << 8 | UInt16(frame.prefix[1]) : 1005
        case 0x9:
            // lws pings a quiet connection and hangs up on one that does not answer.
            pongs.append(frame.prefix)
        default:
            break
        }
        return nil
    }

    /// The bytes after the `101` response, once it is complete; nil while it is not.
    private func readHandshake(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let already = handshake.count
        handshake.append(contentsOf: bytes)
        guard let end = FrameScanner.find([13, 10, 13, 10], in: handshake) else { return nil }
        guard handshake.starts(with: Array("HTTP/1.1 101".utf8)) else {
            phase = .closed
            ending = "refused"
            return nil
        }
        let consumed = end + 4 - already
        handshake = []
        return UnsafeRawBufferPointer(rebasing: bytes[consumed...])
    }
}
