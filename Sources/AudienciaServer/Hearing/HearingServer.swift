import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Logging

/// The adapter's heart: turns transport events into hearing inputs and the hearing's effects
/// into frames. It runs on the transport's service thread only, so the hearing needs no lock.
final class HearingServer: TransportDelegate {
    var hearing: Hearing
    var registry = ConnectionRegistry()
    let transport: WebSocketTransport
    let recorder: SessionRecorder
    /// The permanent channel, spanning sessions, with its own journal.
    var channel: Channel
    let channelRecorder: ChannelRecorder
    /// The channel changed in this pass: backlogs are rebuilt once, when the pass is durable.
    var backlogsStale = false
    var feedHistory: FeedHistory
    /// What waits for the journal to be durable (see HearingServer+Durability).
    var held = HeldDeliveries()
    /// Messages to encode on the journal's queue, not yet handed over (HearingServer+Delivery).
    var preparations: [PreparedBytes] = []
    /// Since when the passes have ended with something not yet durable (HearingServer+Durability).
    var undurableSince: Double?
    /// A journal write failed: the next commit is asked for on the next clock tick.
    var journalRetryWaits = false
    /// Consoles owed a refresh of the room or of presence, latest state wins (StateRefreshes).
    var consoleRefreshes = StateRefreshes()
    /// A console refresh was put off by one pass so a burst's replies went first.
    var consoleWaitedAPass = false
    var presenceRefreshes = StateRefreshes()
    /// A closed session whose archive could not be written yet.
    var pendingArchive: SessionArchive?
    /// Who is connected, as last told to the consoles (see HearingServer+Presence).
    var presence = PresenceBroadcast()
    /// Totals for `/metrics` (see HearingServer+Metrics).
    var metrics = ServerMetrics()
    /// The last snapshot sent and its frame: viewers joining between two feed events share it.
    var lastSnapshot: (snapshot: FeedSnapshot, frame: OutgoingFrame)?
    /// The catalog citizens are welcomed with, and its text (see HearingServer+Delivery).
    var welcomeCatalog: (catalog: Catalog, text: EncodedObject)?
    /// The steps of `guidance` messages, written once per service and stage.
    var guidanceSteps = GuidanceStepsTexts()
    let logger: Logger
    let tokens: OfficialTokens
    /// Revoked tokens, re-read when the file changes (see HearingServer+Credentials).
    var revocations: RevocationWatch
    /// The verified token of each official connection.
    var credentials: [ConnectionID: OfficialTokens.Claims] = [:]
    let accessLog: AccessLog
    /// The personal data each official connection has already been logged as reading.
    var readsLogged: [ConnectionID: Set<AccessKey>] = [:]
    let clock: @Sendable () -> Instant
    private let limits: AbuseLimits
    private var buckets: [ConnectionID: TokenBucket] = [:]
    private var checkIns = CheckInWindow()
    private var checkInsPrunedAt: Int64 = 0
    /// When the last message arrived (monotonic seconds): checkpoints wait for a quiet moment.
    var lastInputAt = 0.0
    private let helloTimeoutSeconds: Int64

    init(hearing: Hearing, channel: Channel, channelRecorder: ChannelRecorder,
         transport: WebSocketTransport, recorder: SessionRecorder, feedHistory: FeedHistory,
         tokens: OfficialTokens, revocations: RevocationWatch, accessLog: AccessLog,
         clock: @escaping @Sendable () -> Instant, helloTimeoutSeconds: Int64,
         limits: AbuseLimits, logger: Logger) {
        self.hearing = hearing
        self.transport = transport
        self.recorder = recorder
        self.channel = channel
        self.channelRecorder = channelRecorder
        self.feedHistory = feedHistory
        self.tokens = tokens
        self.revocations = revocations
        self.accessLog = accessLog
        self.clock = clock
        self.helloTimeoutSeconds = helloTimeoutSeconds
        self.limits = limits
        self.logger = logger
    }

    // MARK: TransportDelegate

    func connectionOpened(_ id: ConnectionID, from address: String) {
        let crowded = limits.appliesPerAddress(to: address) && registry.count(from: address) >= limits.connectionsPerAddress
        registry.open(id, from: address, at: seconds())
        if crowded { deliver(.close(id, code: CloseCode.tooManyConnections, reason: "demasiadas conexiones")) }
    }

    func connectionClosed(_ id: ConnectionID) {
        registry.close(id)
        buckets[id] = nil
        credentials[id] = nil
        readsLogged[id] = nil
    }

    func clockTicked() {
        journalRetryWaits = false
        run(.clockTicked)
        if held.isEmpty && !recorder.hasPending { retryPendingArchive() }
        let now = seconds()
        if now - checkInsPrunedAt >= 60 {
            checkIns.forgetOld(now: now)
            checkInsPrunedAt = now
        }
        for id in registry.silent(since: now - helloTimeoutSeconds) {
            deliver(.close(id, code: CloseCode.helloTimeout, reason: "sin hello"))
        }
        closeLapsedConsoles()
    }

    func seconds() -> Int64 { clock().millisecondsSinceEpoch / 1000 }

    func messageRefused(_ id: ConnectionID, _ reason: TransportRefusal) {
        switch reason {
        case .binary: reply(id, ServerEncoder.error(WireError.binaryNotSupported, ref: nil))
        case .tooLarge(let limit): reply(id, ServerEncoder.error(WireError.messageTooLarge(limit: limit), ref: nil))
        }
    }

    func messageReceived(_ id: ConnectionID, _ bytes: [UInt8]) {
        let now = SystemClock.monotonicSeconds()
        lastInputAt = now
        // Officials run the session and are never slowed down; everyone else has an allowance.
        if case .official = registry.role(of: id) {} else {
            var bucket = buckets[id] ?? TokenBucket(burst: limits.messageBurst, now: now)
            let allowed = bucket.take(rate: limits.messagesPerSecond, burst: limits.messageBurst, now: now)
            buckets[id] = bucket
            guard allowed else { return reply(id, ServerEncoder.error(WireError.rateLimited, ref: nil)) }
        }
        let frame = ClientDecoder.decode(bytes)
        switch frame.result {
        case .failure(let error):
            reply(id, ServerEncoder.error(error, ref: frame.ref))
        case .success(let message):
            do {
                try dispatch(message, from: id, ref: frame.ref)
            } catch {
                reply(id, ServerEncoder.error(error, ref: frame.ref))
            }
        }
    }

    // MARK: Dispatch

    /// Checks the message against the connection's role, then hands it to the hearing.
    private func dispatch(_ message: ClientMessage, from id: ConnectionID, ref: String?) throws(WireError) {
        guard let role = registry.role(of: id) else { return }
        if case .hello(let hello) = message {
            guard case .anonymous = role else { throw .alreadyIdentified }
            try identify(id, as: hello)
            return
        }
        switch (message, role) {
        case (_, .anonymous):
            throw .helloRequired
        case (.ping, _):
            reply(id, ServerEncoder.pong(ref: ref))
        case (.checkIn(let form), .citizen(let folio)):
            guard hearing.queue.count < limits.maxQueue else { throw .queueFull }
            try admitCheckIn(from: id)
            let secrets = try Self.checkInSecrets()
            var form = form
            form.salt = secrets.salt
            run(.citizen(.checkIn(form, resumeToken: secrets.resumeToken), folio: folio, id, ref: ref))
        case (.leave, .citizen(let folio)):
            run(.citizen(.leave, folio: folio, id, ref: ref))
        case (.channel(let request), _):
            try dispatchChannel(request, from: id, role: role, ref: ref)
        case (.arco(let request, let target, let token), .citizen(let folio)):
            try dispatchArco(request, folio: target, resumeToken: token, from: id, bound: folio, ref: ref)
        case (.official(let command), .official(let official, let expiresAt)):
            guard seconds() < expiresAt else { throw .tokenExpired }
            run(.official(command, by: official, id, ref: ref))
        default:
            throw .wrongRole
        }
    }

    /// Check-ins from one address are limited per hour, in the hearing and the channel alike.
    func admitCheckIn(from id: ConnectionID) throws(WireError) {
        let address = registry.address(of: id)
        guard !limits.appliesPerAddress(to: address)
                || checkIns.admit(address, now: seconds(), limit: limits.checkInsPerAddressPerHour) else {
            throw .tooManyCheckIns
        }
    }

    /// 128 random bits kept with a person's data, so the seal a cancellation leaves cannot
    /// be matched against guesses (`CitizenData.salt`).
    static func salt() throws(WireError) -> String {
        guard let random = try? Crypto.randomBytes(16) else { throw .serverError }
        return Base64URL.encode(random)
    }

    /// A check-in's resume token (192 random bits: the token alone gives back someone's place)
    /// and its salt (as `salt()`), drawn from OpenSSL at once: each call costs more than the
    /// bytes do.
    static func checkInSecrets() throws(WireError) -> (resumeToken: String, salt: String) {
        guard let random = try? Crypto.randomBytes(24 + 16) else { throw .serverError }
        return (Base64URL.encode(Array(random[..<24])), Base64URL.encode(Array(random[24...])))
    }

    private func identify(_ id: ConnectionID, as hello: HelloRole) throws(WireError) {
        switch hello {
        case .viewer(let position?):
            registry.setRole(.joiningViewer, for: id)
            resumeViewer(id, from: position)
        case .viewer(nil):
            // Not anonymous any more, but on the feed only once its snapshot goes out.
            registry.setRole(.joiningViewer, for: id)
            run(.viewerConnected(id))
        case .citizen(let resumeToken):
            registry.setRole(.citizen(folio: nil), for: id)
            if let resumeToken {
                run(.citizenResumed(resumeToken: resumeToken, id))
            } else {
                run(.citizenConnected(id))
            }
        case .official(let token):
            let claims = try admitOfficial(id, token: token)
            registry.setRole(.official(claims.officialID, expiresAt: claims.expiresAt), for: id)
            run(.officialConnected(claims.officialID, id))
        }
    }
}
