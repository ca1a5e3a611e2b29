import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Logging

/// The adapter's heart: turns transport events into hearing inputs and the hearing's effects
/// into frames. It runs on the transport's service thread only, so the hearing needs no lock.
final class HearingServer: TransportDelegate {
    private(set) var hearing: Hearing
    private var registry = ConnectionRegistry()
    private let transport: WebSocketTransport
    private let tokens: OfficialTokens
    private let dataFolder: DataFolder
    private let clock: @Sendable () -> Instant
    private let helloTimeoutSeconds: Int64
    private let logger: Logger

    init(hearing: Hearing, transport: WebSocketTransport, tokens: OfficialTokens, dataFolder: DataFolder,
         clock: @escaping @Sendable () -> Instant, helloTimeoutSeconds: Int64, logger: Logger) {
        self.hearing = hearing
        self.transport = transport
        self.tokens = tokens
        self.dataFolder = dataFolder
        self.clock = clock
        self.helloTimeoutSeconds = helloTimeoutSeconds
        self.logger = logger
    }

    // MARK: TransportDelegate

    func connectionOpened(_ id: ConnectionID) { registry.open(id, at: seconds()) }

    func connectionClosed(_ id: ConnectionID) { registry.close(id) }

    func clockTicked() {
        run(.clockTicked)
        let now = seconds()
        for id in registry.silent(since: now - helloTimeoutSeconds) {
            transport.close(id, code: CloseCode.helloTimeout, reason: "sin hello")
        }
        // Personal data stops flowing to a console the moment its credential expires.
        for id in registry.expiredOfficials(at: now) {
            reply(id, ServerEncoder.error(WireError.tokenExpired, ref: nil))
            registry.close(id)
            transport.close(id, code: CloseCode.tokenExpired, reason: "credencial expirada")
        }
    }

    private func seconds() -> Int64 { clock().millisecondsSinceEpoch / 1000 }

    func messageRefused(_ id: ConnectionID, _ reason: TransportRefusal) {
        switch reason {
        case .binary: reply(id, ServerEncoder.error(WireError.binaryNotSupported, ref: nil))
        case .tooLarge(let limit): reply(id, ServerEncoder.error(WireError.messageTooLarge(limit: limit), ref: nil))
        }
    }

    func messageReceived(_ id: ConnectionID, _ bytes: [UInt8]) {
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
            // 192 random bits: the token alone gives back someone's place.
            guard let random = try? Crypto.randomBytes(24) else { throw .serverError }
            run(.citizen(.checkIn(form, resumeToken: Base64URL.encode(random)), folio: folio, id, ref: ref))
        case (.leave, .citizen(let folio)):
            run(.citizen(.leave, folio: folio, id, ref: ref))
        case (.official(let command), .official(let official, let expiresAt)):
            guard seconds() < expiresAt else { throw .tokenExpired }
            run(.official(command, by: official, id, ref: ref))
        default:
            throw .wrongRole
        }
    }

    private func identify(_ id: ConnectionID, as hello: HelloRole) throws(WireError) {
        switch hello {
        case .viewer:
            run(.viewerConnected(id))
        case .citizen(let resumeToken):
            registry.setRole(.citizen(folio: nil), for: id)
            if let resumeToken {
                run(.citizenResumed(resumeToken: resumeToken, id))
            } else {
                run(.citizenConnected(id))
            }
        case .official(let token):
            let claims: OfficialTokens.Claims
            do {
                claims = try tokens.verify(token, now: seconds())
            } catch {
                throw error == .expired ? .tokenExpired : .invalidToken
            }
            guard hearing.catalog.official(claims.officialID) != nil else { throw .invalidToken }
            registry.setRole(.official(claims.officialID, expiresAt: claims.expiresAt), for: id)
            run(.officialConnected(claims.officialID, id))
        }
    }

    // MARK: Effects

    private func run(_ input: Input) {
        for effect in hearing.handle(input, at: clock()) {
            perform(effect)
        }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .bind(let id, let binding):
            bind(id, binding)
        case .send(let message, let recipient):
            let targets = registry.connections(for: recipient)
            guard !targets.isEmpty else { return }
            let frame = transport.makeFrame(ServerEncoder.encode(message).serialized())
            for target in targets { transport.send(frame, to: target) }
        case .publish(let event):
            guard !registry.viewers.isEmpty else { return }
            let frame = transport.makeFrame(ServerEncoder.feedEvent(event).serialized())
            for viewer in registry.viewers { transport.send(frame, to: viewer) }
        case .archive(let archive):
            do {
                let files = try dataFolder.writeArchive(archive)
                logger.info("Sesión \(archive.session.id) archivada: \(files.public.path), \(files.protected.path)")
            } catch {
                logger.error("No se pudo archivar la sesión \(archive.session.id): \(error)")
            }
        }
    }

    private func bind(_ id: ConnectionID, _ binding: Binding) {
        switch binding {
        case .viewer:
            registry.setRole(.viewer, for: id)
        case .citizen(let folio):
            registry.setRole(.citizen(folio: folio), for: id)
        case .official:
            break  // set in identify(), where the token's expiry is known
        }
    }

    private func reply(_ id: ConnectionID, _ json: JSON) {
        transport.send(transport.makeFrame(json.serialized()), to: id)
    }
}
