import AudienciaCore
import AudienciaWire

/// A hearing with ten connections and the permanent channel beside it, driven the way the
/// server drives them: each frame goes through `ClientDecoder`, the role check the adapter
/// makes (`HearingServer.dispatch`), then `Hearing.handle` or `Channel.handle`; every effect
/// is encoded as it would be sent and checked by `FuzzChecks` (FuzzRoom+Channel.swift).
///
/// Left out on purpose, because they live in the adapter and have their own tests: token
/// signatures (an official's `hello` names the official id in `token`), expiry, rate and
/// per-address limits, a viewer's resume from the feed history (it gets a snapshot), and
/// sockets.
struct FuzzRoom {
    enum Role: Equatable {
        case anonymous
        case viewer
        case citizen(folio: Folio?)
        case official(OfficialID)
    }

    var hearing: Hearing
    private let history: HearingHistory
    var roles: [Role]
    var now: Instant
    private var journal: [JournalEntry] = []
    var mintedTokens = 0
    var channel: Channel
    var channelJournal: [ChannelJournalEntry] = []

    /// 09:25 in Metepec on a Tuesday that is not a holiday, before check-in opens, so the
    /// schedule's whole day lies ahead of the clock.
    static let start = Instant(millisecondsSinceEpoch: 1_796_138_700_000)

    init(catalog: Catalog) {
        history = HearingHistory()
        hearing = Hearing(catalog: catalog, history: history)
        channel = Channel(catalog: catalog)
        roles = Array(repeating: .anonymous, count: FuzzScript.connectionCount)
        now = Self.start
        let signedIn = [catalog.officials.first { $0.role == .moderator }, catalog.mayor,
                        catalog.officials.first { $0.role == .director }]
        for (index, official) in signedIn.enumerated() {
            guard let official else { continue }
            roles[index] = .official(official.id)
            run(.officialConnected(official.id, ConnectionID(UInt64(index))))
        }
    }

    mutating func play(_ line: FuzzScript.Line) {
        switch line {
        case .tick(let minutes):
            now = now.adding(minutes: minutes)
            run(.clockTicked)
        case .frame(let connection, let bytes):
            now = now.adding(seconds: 7)
            receive(bytes, from: connection)
        }
    }

    /// The journal replayed from scratch must give back the very room the live path built.
    func checkReplay() {
        var restored = Hearing.restored(catalog: hearing.catalog, history: history, journal: journal)
        // As the server's recovery does: numbering continues after the channel's folios too.
        if let last = channel.lastFolio { restored.noteFolioIssued(last) }
        FuzzFailure.check(restored == hearing, "replaying \(journal.count) journal entries gives another room")
        checkChannelReplay()
    }

    private mutating func receive(_ bytes: ArraySlice<UInt8>, from connection: Int) {
        let frame = ClientDecoder.decode(bytes)
        if let ref = frame.ref {
            FuzzFailure.check(ref.utf8.count <= ClientDecoder.maxRefLength, "ref longer than its limit")
        }
        switch frame.result {
        case .failure(let error):
            FuzzTrace.note(refused: error, from: connection)
            FuzzChecks.encodes(ServerEncoder.error(error, ref: frame.ref))
        case .success(let message):
            do {
                try dispatch(message, from: connection, ref: frame.ref)
            } catch {
                FuzzTrace.note(refused: error, from: connection)
                FuzzChecks.encodes(ServerEncoder.error(error, ref: frame.ref))
            }
        }
    }

    /// Mirrors `HearingServer.dispatch`: what each role may send.
    private mutating func dispatch(_ message: ClientMessage, from connection: Int, ref: String?) throws(WireError) {
        let id = ConnectionID(UInt64(connection))
        if case .hello(let hello) = message {
            guard roles[connection] == .anonymous else { throw .alreadyIdentified }
            try identify(connection, as: hello)
            return
        }
        switch (message, roles[connection]) {
        case (_, .anonymous):
            throw .helloRequired
        case (.ping, _):
            FuzzChecks.encodes(ServerEncoder.pong(ref: ref))
        case (.checkIn(let form), .citizen(let folio)):
            mintedTokens += 1
            run(.citizen(.checkIn(form, resumeToken: "fuzz-token-\(mintedTokens)"), folio: folio, id, ref: ref))
        case (.leave, .citizen(let folio)):
            run(.citizen(.leave, folio: folio, id, ref: ref))
        case (.channel(let request), let role):
            try dispatchChannel(request, from: connection, role: role, ref: ref)
        case (.arco(let request, let target, let token), .citizen(let folio)):
            arco(request, folio: target, resumeToken: token, from: connection, bound: folio, ref: ref)
        case (.official(let command), .official(let official)):
            run(.official(command, by: official, id, ref: ref))
        default:
            throw .wrongRole
        }
    }

    private mutating func identify(_ connection: Int, as hello: HelloRole) throws(WireError) {
        let id = ConnectionID(UInt64(connection))
        switch hello {
        case .viewer:
            roles[connection] = .viewer
            run(.viewerConnected(id))
        case .citizen(let resumeToken):
            roles[connection] = .citizen(folio: nil)
            run(resumeToken.map { .citizenResumed(resumeToken: $0, id) } ?? .citizenConnected(id))
        case .official(let token):
            let official = OfficialID(token)
            guard hearing.catalog.official(official) != nil else { throw .invalidToken }
            roles[connection] = .official(official)
            run(.officialConnected(official, id))
        }
    }

    mutating func run(_ input: Input) {
        let effects = hearing.handle(input, at: now)
        FuzzTrace.note(input, effects)
        for effect in effects {
            switch effect {
            case .journal(let entry):
                FuzzChecks.journalRoundTrips(entry)
                journal.append(entry)
                handOverIfOpen(entry)
            case .bind(let connection, let binding):
                bind(connection, binding)
            case .send(.citizenWelcome, _) where FuzzChecks.welcomeChecked.load(ordering: .relaxed):
                // The whole catalog, the same in every case: checked once per process. Its
                // session summary is checked with every console.
                break
            case .send(let message, _):
                FuzzChecks.encodes(ServerEncoder.encode(message))
                if case .citizenWelcome = message { FuzzChecks.welcomeChecked.store(true, ordering: .relaxed) }
            case .publish(let event):
                FuzzChecks.encodes(ServerEncoder.feedEvent(event))
            case .refreshConsoles:
                FuzzChecks.encodes(ServerEncoder.encode(.console(hearing.consoleState(at: now))))
            case .archive(let archive):
                FuzzChecks.archiveEncodes(archive)
            }
        }
        FuzzChecks.roomIsConsistent(hearing)
    }

    mutating func bind(_ connection: ConnectionID, _ binding: Binding) {
        guard let index = Int(exactly: connection.value), roles.indices.contains(index) else {
            FuzzFailure.stop("bound a connection that does not exist: \(connection)")
        }
        switch binding {
        case .citizen(let folio): roles[index] = .citizen(folio: folio)
        case .official(let official): roles[index] = .official(official)
        case .viewer: roles[index] = .viewer
        }
    }
}
