import Glibc
import Synchronization

/// What the driver and the crowd's thread share: orders one way, progress the other.
final class CrowdControl: Sendable {
    struct Progress: Sendable {
        var joined = 0
        var connectFailures = 0
        /// Viewers whose last seq has reached `target`, and when the last of them did.
        var complete = 0
        var completedAt: Int64?
        /// The target `complete` was counted against.
        var countedFor: Int64?
        var lastSeqSum: Int64 = 0
        var finished = false
        var connected = false
        /// Viewers the server ended so far, by how (see `CrowdResult.closeCodes`).
        var endings: [String: Int] = [:]
    }

    struct Orders: Sendable {
        var target: Int64?
        var stop = false
    }

    let progress = Mutex(Progress())
    let orders = Mutex(Orders())
    /// Filled by the crowd's thread when it stops.
    let result = Mutex<CrowdResult?>(nil)
}

struct CrowdResult: Sendable {
    var latenciesNanos: [Int64]
    var outOfOrder: Int
    /// Stalled viewers the server closed (4001 read, or dropped).
    var stalledClosed: Int
    var closedEarly: Int
    /// Viewers (stalled ones apart) the server ended, by how: a close code, `hangup_before_101`,
    /// `hangup_before_snapshot`, `hangup` (after the snapshot) or `refused`.
    var closeCodes: [String: Int]
}

/// N viewers (plus any stalled ones) on one thread and one epoll: the load generator's heavy
/// side, reading up to `readBytes` from each ready socket per pass and parsing only frame
/// headers, so that it can take millions of messages a second.
final class ViewerCrowd {
    static let readBytes = 256 * 1024
    static let readIntervalMicroseconds: UInt32 = 500

    /// How long the crowd waits for room among those in flight before connecting anyway.
    static let joinWaitSeconds = 60.0
    private let port: Int
    /// Handshakes and `hello`s in flight at most (0: no bound, one burst).
    private let joiningAtOnce: Int
    private let control: CrowdControl
    private let epoll = Epoll(capacity: 4096)
    private var viewers: [ViewerConnection] = []
    private var keys = MaskKeys(seed: 0x5EED)
    private var latencies: [Int64] = []
    private var joining = 0
    private var endings: [String: Int] = [:]
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ViewerCrowd.readBytes, alignment: 16)

    init(port: Int, control: CrowdControl, joiningAtOnce: Int) {
        self.port = port
        self.joiningAtOnce = joiningAtOnce
        self.control = control
    }

    deinit { buffer.deallocate() }

    /// Connects `count` viewers and `stalled` stalled ones, then serves them until told to stop.
    func run(count: Int, stalled: Int, sampleEvery: Int) {
        var failures = 0
        for index in 0..<(count + stalled) {
            let isStalled = index >= count
            do throws(LoadSocket.Failure) {
                let socket = try LoadSocket(port: port, receiveBuffer: isStalled ? 4096 : 0)
                let viewer = ViewerConnection(socket: socket, sampled: !isStalled && index % max(sampleEvery, 1) == 0,
                                              stalled: isStalled)
                guard socket.writeAll(ClientFrames.handshake(host: "127.0.0.1", port: port)) else {
                    failures += 1
                    socket.close()
                    continue
                }
                epoll.add(socket.fd, token: viewers.count)
                viewers.append(viewer)
                joining += 1
            } catch {
                failures += 1
            }
            if joiningAtOnce == 0 {
                // One burst, read between batches: what the generator did before it had a bound.
                if index % 128 == 127 { pass(milliseconds: 0) }
            } else {
                // Bounded handshakes in flight: the next viewer connects once one has joined.
                let deadline = Monotonic.seconds() + Self.joinWaitSeconds
                while joining >= joiningAtOnce, Monotonic.seconds() < deadline { pass(milliseconds: 5) }
            }
        }
        control.progress.withLock {
            $0.connectFailures = failures
            $0.connected = true
        }
        // The crowd reads every half millisecond rather than sleeping in epoll_wait: ten
        // thousand viewers stand for ten thousand phones, and a phone's packet does not cost
        // the server a wake-up of the reader. A reader asleep in epoll_wait makes each of the
        // server's sends on loopback also wake it (about a fifth of the server's time at 50
        // events a second). Times read this way are late by up to the half millisecond plus
        // the crowd's own pass over the ready sockets.
        while !control.orders.withLock({ $0.stop }) {
            pass(milliseconds: 0)
            usleep(Self.readIntervalMicroseconds)
        }
        control.result.withLock { $0 = finish() }
    }

    private var reportedAt: Int64 = 0

    private func pass(milliseconds: Int32) {
        epoll.wait(milliseconds: milliseconds) { token in read(viewers[token], token: token) }
        // Progress is counted over every viewer: a few times a second is enough.
        let now = Monotonic.nanoseconds()
        if now - reportedAt > 5_000_000 {
            reportedAt = now
            report()
        }
    }

    private func read(_ viewer: ViewerConnection, token: Int) {
        let wasJoining = viewer.isJoining
        defer {
            if wasJoining && !viewer.isJoining { joining -= 1 }
            if viewer.phase == .closed && !viewer.stalled, let ending = viewer.ending, !viewer.counted {
                viewer.counted = true
                endings[ending, default: 0] += 1
            }
        }
        let count = recv(viewer.socket.fd, buffer.baseAddress, buffer.count, 0)
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            viewer.ended()
            epoll.remove(viewer.socket.fd)
            return
        }
        guard count > 0 else { return }
        let now = Monotonic.nanoseconds()
        viewer.received(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), at: now, keys: &keys) { latencies.append($0) }
        if viewer.stalled && viewer.phase == .open { epoll.remove(viewer.socket.fd) }
    }

    private func report() {
        let target = control.orders.withLock { $0.target }
        var joined = 0, complete = 0
        var sum: Int64 = 0
        for viewer in viewers where !viewer.stalled {
            guard viewer.snapshotSeq != nil else { continue }
            joined += 1
            sum += viewer.lastSeq
            if let target, viewer.lastSeq >= target { complete += 1 }
        }
        let now = Monotonic.nanoseconds()
        control.progress.withLock { progress in
            progress.joined = joined
            progress.lastSeqSum = sum
            if progress.complete < joined && complete == joined && joined > 0 { progress.completedAt = now }
            progress.complete = complete
            progress.countedFor = target
            progress.endings = endings
        }
    }

    /// Reads what the stalled viewers were sent (to find how the server closed them), then
    /// closes every socket.
    private func finish() -> CrowdResult {
        let stalled = viewers.filter(\.stalled)
        let deadline = Monotonic.seconds() + 10
        for viewer in stalled where viewer.phase == .open {
            _ = fcntl(viewer.socket.fd, F_SETFL, fcntl(viewer.socket.fd, F_GETFL) & ~O_NONBLOCK)
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(viewer.socket.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            while viewer.closeCode == nil, Monotonic.seconds() < deadline {
                let count = recv(viewer.socket.fd, buffer.baseAddress, buffer.count, 0)
                // The server gives a peer that never reads 5 s to take its close frame, then
                // drops the connection: a reset (or end of stream) is a close by the server too.
                if count == 0 || (count < 0 && errno == ECONNRESET) { viewer.phase = .closed }
                guard count > 0 else { break }
                viewer.received(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), at: 0, keys: &keys) { _ in }
            }
        }
        let result = CrowdResult(
            latenciesNanos: latencies, outOfOrder: viewers.reduce(0) { $0 + $1.outOfOrder },
            stalledClosed: stalled.filter { $0.closeCode != nil || $0.phase == .closed }.count,
            closedEarly: viewers.filter { !$0.stalled && $0.phase == .closed }.count,
            closeCodes: viewers.reduce(into: [:]) { codes, viewer in
                guard !viewer.stalled, viewer.phase == .closed else { return }
                codes[viewer.ending ?? "unknown", default: 0] += 1
            })
        viewers.forEach { $0.socket.close() }
        return result
    }
}
