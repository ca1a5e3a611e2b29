import AudienciaCore
import CLibWebSockets
import Glibc

/// The one owner of libwebsockets: one context, one vhost serving `web/` over HTTP and the
/// `audiencia.v1` WebSocket protocol, driven by a loop on the thread that calls `run()`.
/// Every lws call happens on that thread (lws is not thread-safe; only `lws_cancel_service`
/// may cross threads, see StopRequest).
final class WebSocketTransport {
    static let subprotocol = "audiencia.v1"

    weak var delegate: TransportDelegate?
    let stop = StopRequest()
    private(set) var listeningPort = 0

    let options: Options
    /// What lws keeps pointers to for the context's whole life (see +Setup).
    let strings = CStrings()
    let protocols: UnsafeMutablePointer<lws_protocols>
    let mounts: UnsafeMutablePointer<lws_http_mount>
    /// The clock tick (idle sweep, slow viewers, the delegate's `clockTicked`), the feed's
    /// wake-up (+FeedWave) and the delegate's own passes (`requestPass`).
    let timers = LoopTimers()
    /// When the pass asked for by `requestPass` is due (monotonic seconds).
    private var passDueAt = 0.0
    var feedWakeScheduled = false
    /// When the scheduled wake is due (monotonic seconds).
    var feedWakeDueAt = 0.0
    private var idlePolicy: UnsafeMutablePointer<lws_retry_bo_t>
    private var context: OpaquePointer?
    /// The libev loop lws runs on, owned here (see `audiencia_loop_create`).
    private(set) var loop: UnsafeMutableRawPointer?
    /// Every connection's state, by the slot kept in lws's per-session data.
    let connections = ConnectionTable()
    /// The public feed, framed once and read by every viewer's cursor (see +Feed).
    var feedLog: FeedLog
    /// Slots of the viewers that were caught up: the next feed event wakes them, and only
    /// them. A slot counts only while its `feedWake` is `.listed` (see +Feed).
    var feedWaiting: [Int] = []
    /// The viewers woken and not written to yet, from `feedWaveNext` on (see +FeedWave).
    var feedWave: [Int] = []
    /// Where the next slice of the wave starts.
    var feedWaveNext = 0
    /// Whether frames may be written at once: between passes, never inside an lws callback
    /// (see +WritesAtOnce).
    var mayWriteAtOnce = false
    /// Slots given frames between passes, written at once before the next pass (+WritesAtOnce).
    var dueAtOnce: [Int] = []
    /// Monotonic milliseconds, read once per clock tick: what "last heard" is measured in.
    var idleClock = SystemClock.monotonicMilliseconds()
    /// Ticks and passes of the loop so far: how long a writable callback has been waited for
    /// is counted in both (see `isTooSlow`).
    private(set) var ticks = 0
    private(set) var passes = 0
    private var nextConnection: UInt64 = 0
    private var serviceThread: pthread_t?
    /// Dynamic HTTP bodies still being written, by the address of their `lws` (see +HTTP).
    var httpBodies: [UInt: HTTPBodyCursor] = [:]
    /// Where a connection's pending frames are joined for one write (see +Writing).
    let writeBatch: UnsafeMutableRawBufferPointer
    /// What went out, for `/metrics`.
    var counters = TransportCounters()

    init(options: Options) throws(ServerError) {
        self.options = options
        feedLog = FeedLog(retainedBytes: options.maxOutboxBytes * Self.feedLogAllowances)
        protocols = .allocate(capacity: 3)
        mounts = .allocate(capacity: max(options.allMounts.count, 1))
        // An explicit policy with no ping and no hang-up: without one lws applies its context
        // default (ping at 5 min), and any policy gives every connection a timer in lws's one
        // sorted list, re-inserted in O(connections) each time it is reset. Idle connections
        // are found by one walk a second instead (WebSocketTransport+Idle).
        idlePolicy = .allocate(capacity: 1)
        idlePolicy.initialize(to: lws_retry_bo_t())
        writeBatch = .allocate(byteCount: audiencia_lws_pre() + Self.writeBatchBytes, alignment: 16)
        describeProtocols()
        describeMounts()
        try createContext()
    }

    deinit {
        stop.setWaker(nil)
        if let loop { timers.stopAll(on: loop) }
        if let context { lws_context_destroy(context) }
        if let loop { audiencia_loop_finish(loop) }
        idlePolicy.deallocate()
        protocols.deallocate()
        mounts.deallocate()
        writeBatch.deallocate()
    }

    private func createContext() throws(ServerError) {
        var info = lws_context_creation_info()
        let tlsOption = options.tls == nil ? 0 : UInt64(LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT)
        info.options = UInt64(LWS_SERVER_OPTION_EXPLICIT_VHOSTS) | UInt64(LWS_SERVER_OPTION_LIBEV) | tlsOption
        info.user = Unmanaged.passUnretained(self).toOpaque()
        audiencia_lws_set_log_level(Int32(LLL_ERR) | Int32(LLL_WARN))
        guard let loop = audiencia_loop_create() else { throw .transport("ev_loop_new") }
        self.loop = loop
        // lws reads the list only while it creates the context.
        var foreignLoops: [UnsafeMutableRawPointer?] = [loop]
        let created = foreignLoops.withUnsafeMutableBufferPointer { loops in
            info.foreign_loops = loops.baseAddress
            return lws_create_context(&info)
        }
        guard let context = created else { throw .transport("lws_create_context") }
        self.context = context

        var vhostInfo = lws_context_creation_info()
        vhostInfo.port = Int32(options.port)
        vhostInfo.iface = strings.keep(options.host)
        vhostInfo.protocols = UnsafePointer(protocols)
        vhostInfo.mounts = options.allMounts.isEmpty ? nil : UnsafePointer(mounts)
        vhostInfo.vhost_name = strings.keep("audiencia")
        vhostInfo.retry_and_idle_policy = UnsafePointer(idlePolicy)
        vhostInfo.options = tlsOption
        vhostInfo.ssl_cert_filepath = options.tls.map { strings.keep($0.certificate) }
        vhostInfo.ssl_private_key_filepath = options.tls.map { strings.keep($0.privateKey) }
        guard let vhost = lws_create_vhost(context, &vhostInfo) else {
            throw .transport("lws_create_vhost (¿el puerto \(options.port) en \(options.host) ya está en uso?)")
        }
        listeningPort = Int(lws_get_vhost_listen_port(vhost))
        ListenBacklog.shorten(port: listeningPort)
        timers.attach(context: info.user, tick: tickFired, feedWake: feedWakeFired)
        let raw = UInt(bitPattern: context)
        stop.setWaker { lws_cancel_service(OpaquePointer(bitPattern: raw)) }
    }

    /// Runs the service loop on the calling thread until a stop is requested, then closes every
    /// connection with 1001 (going away, RFC 6455 §7.4.1) so clients know to reconnect.
    func run() {
        guard let context, let loop else { return }
        serviceThread = pthread_self()
        audiencia_loop_timer_start(loop, timers.tick, options.tickMicroseconds)
        while !stop.isRequested {
            if feedWaveRemains { audiencia_loop_run_ready(loop) } else { audiencia_loop_run_once(loop) }
            passes += 1
            mayWriteAtOnce = true
            delegate?.serviceLoopIdle()
            // The replies first: a slice of the feed's wave takes milliseconds.
            writeDueAtOnce()
            wakeFeedReadersIfDue()
            writeFeedWaveSlice()
            mayWriteAtOnce = false
        }
        // Whatever was accepted is made durable and delivered before the goodbyes; nothing
        // that arrives after this is handled, since it could never be acknowledged.
        delegate?.serviceLoopStopping()
        delegate = nil
        closeAll(code: CloseCode.goingAway)
        // Bounded: give the close frames up to two seconds to leave, then tear down.
        let deadline = SystemClock.monotonicSeconds() + 2
        while !connections.isEmpty && SystemClock.monotonicSeconds() < deadline {
            audiencia_loop_run_once(loop)
        }
        timers.stopAll(on: loop)
        stop.setWaker(nil)
        lws_context_destroy(context)
        self.context = nil
        audiencia_loop_finish(loop)
        self.loop = nil
    }

    /// Makes a pass of the loop end within `microseconds` even if nothing arrives, so that the
    /// delegate's `serviceLoopIdle` runs then: for work it put off (a console after a burst).
    /// One timer: of two asks pending at once, the sooner stands.
    func requestPass(after microseconds: Int64) {
        guard let loop else { return }
        let now = SystemClock.monotonicSeconds()
        let due = now + Double(max(microseconds, 0)) / 1e6
        if passDueAt > now && passDueAt <= due { return }
        passDueAt = due
        audiencia_loop_timer_start(loop, timers.pass, max(microseconds, 0))
    }

    /// Bytes one connection may have queued before it is closed as too slow.
    var maxOutboxBytes: Int { options.maxOutboxBytes }

    func makeFrame(_ payload: [UInt8]) -> OutgoingFrame {
        OutgoingFrame(payload, headroom: audiencia_lws_pre())
    }

    private func closeAll(code: UInt16) {
        for id in connections.ids { close(id, code: code) }
    }

    func assertOnServiceThread() {
        assert(serviceThread.map { pthread_equal($0, pthread_self()) != 0 } ?? true,
               "libwebsockets used off its service thread")
    }

    // MARK: - Callbacks from lws (service thread)

    fileprivate func handle(_ wsi: OpaquePointer, _ reason: lws_callback_reasons,
                            _ user: UnsafeMutableRawPointer?, _ input: UnsafeMutableRawPointer?,
                            _ length: Int) -> Int32 {
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            // Non-zero refuses the upgrade before any WebSocket exists.
            return options.originPolicy.accepts(origin: header(wsi, WSI_TOKEN_ORIGIN), host: header(wsi, WSI_TOKEN_HOST)) ? 0 : 1
        case LWS_CALLBACK_ESTABLISHED:
            nextConnection += 1
            let id = ConnectionID(nextConnection)
            // Frames written whole need the connection's own socket; a WebSocket carried in an
            // HTTP/2 stream is framed by lws instead.
            let slot = connections.insert(TransportConnection(id: id, wsi: wsi, options: options,
                                                              writesFrames: lws_get_network_wsi(wsi) == wsi,
                                                              heardAt: idleClock))
            TransportConnection.store(slot: slot, in: user)
            var sendBuffer = options.socketSendBufferBytes
            var receiveBuffer = Int32(options.receiveBufferBytes * 4)
            let fd = lws_get_socket_fd(wsi)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
            var address = [CChar](repeating: 0, count: 64)
            let peer = lws_get_peer_simple(wsi, &address, address.count).map { String(cString: $0) } ?? ""
            delegate?.connectionOpened(id, from: peer)
        case LWS_CALLBACK_RECEIVE:
            guard let connection = occupant(wsi, user).map(\.connection) else { return 0 }
            connection.pointee.heard(at: idleClock)
            receive(connection, wsi: wsi, bytes: UnsafeRawBufferPointer(start: input, count: length))
        case LWS_CALLBACK_RECEIVE_PONG:
            occupant(wsi, user)?.connection.pointee.heard(at: idleClock)
        case LWS_CALLBACK_SERVER_WRITEABLE:
            guard let (connection, slot) = occupant(wsi, user) else { return 0 }
            return writeNext(connection, slot: slot)
        case LWS_CALLBACK_CLOSED:
            guard let (connection, slot) = occupant(wsi, user) else { return 0 }
            let id = connection.pointee.id
            connections.remove(slot: slot)
            delegate?.connectionClosed(id)
        default:
            break
        }
        return 0
    }

    /// The connection in the slot kept in `user`, if that slot still holds this `wsi`.
    private func occupant(_ wsi: OpaquePointer, _ user: UnsafeMutableRawPointer?)
        -> (connection: UnsafeMutablePointer<TransportConnection>, slot: Int)? {
        guard let slot = TransportConnection.slot(sessionData: user), slot < connections.highWater else { return nil }
        let connection = connections.connection(at: slot)
        return connection.pointee.isVacant || connection.pointee.wsi != wsi ? nil : (connection, slot)
    }

    private func receive(_ connection: UnsafeMutablePointer<TransportConnection>, wsi: OpaquePointer,
                         bytes: UnsafeRawBufferPointer) {
        let id = connection.pointee.id
        let final = lws_is_final_fragment(wsi) != 0 && lws_remaining_packet_payload(wsi) == 0
        // The outcome is taken before the delegate runs: it may queue replies on this slot.
        let outcome = connection.pointee.assembler.add(bytes, binary: lws_frame_is_binary(wsi) != 0, final: final)
        switch outcome {
        case .message(let message): delegate?.messageReceived(id, message)
        case .refused(let reason): delegate?.messageRefused(id, reason)
        case .incomplete, .dropped: break
        }
    }

    fileprivate func timerFired() {
        ticks += 1
        idleClock = SystemClock.monotonicMilliseconds()
        sweepIdle()
        sweepFeedReaders()
        delegate?.clockTicked()
        guard let loop else { return }
        audiencia_loop_timer_start(loop, timers.tick, options.tickMicroseconds)
    }

    static func from(_ context: OpaquePointer?) -> WebSocketTransport? {
        guard let context else { return nil }
        return from(user: lws_context_user(context))
    }

    /// The transport behind the context's user pointer, which its loop timers carry too.
    static func from(user: UnsafeMutableRawPointer?) -> WebSocketTransport? {
        user.map { Unmanaged<WebSocketTransport>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// The C entry point for `audiencia.v1`: finds the transport through the context's user
/// pointer (never a Swift object in lws memory) and forwards.
func audienciaProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let transport = WebSocketTransport.from(lws_get_context(wsi)) else { return 0 }
    return transport.handle(wsi, reason, user, input, length)
}

private func tickFired(_ user: UnsafeMutableRawPointer?) {
    WebSocketTransport.from(user: user)?.timerFired()
}
