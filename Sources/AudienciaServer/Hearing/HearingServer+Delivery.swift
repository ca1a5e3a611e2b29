import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Glibc

/// Carrying out effects, durably: an input's facts go to the journal first, and nothing that
/// follows them (replies, guidance, feed events, and anything queued after them) leaves the
/// server until the journal is on disk (see HearingServer+Durability for when that is).
extension HearingServer {
    typealias Delivery = HeldDeliveries.Delivery

    func run(_ input: Input) {
        for effect in hearing.handle(input, at: clock()) {
            switch effect {
            case .journal(let entry):
                recorder.append(entry)
                handOverIfOpen(entry)
            case .archive(let archive):
                closeSession(archive)
            default:
                deliver(.effect(effect))
            }
        }
        handOverPreparations()
    }

    /// What `preparing` set aside goes to the journal's queue as one task.
    func handOverPreparations() {
        guard !preparations.isEmpty else { return }
        recorder.prepare(preparations)
        preparations = []
    }

    func reply(_ id: ConnectionID, _ json: JSON) {
        countIfError(json)
        deliver(.frame(json.serialized(), to: id))
    }

    /// Performs `delivery` now if nothing waits for the disk, else queues it behind what does.
    func deliver(_ delivery: Delivery) {
        guard !isAllDurable else { return perform(delivery) }
        held.hold(preparing(delivery), after: recorder.appended)
    }

    /// A held effect whose message takes encoding (a reply, guidance, a feed event) is encoded
    /// on the journal's queue while it waits (`PreparedBytes`; handed over together at the end
    /// of the input, `handOverPreparations`). Not errors, which are counted
    /// as they are encoded, nor the snapshot and the welcome, which are shared and cached.
    private func preparing(_ delivery: Delivery) -> Delivery {
        guard case .effect(let effect) = delivery else { return delivery }
        let bytes: PreparedBytes
        switch effect {
        case .send(.guidance(let guidance), _):
            let steps = guidanceSteps.text(for: guidance.steps)
            bytes = PreparedBytes { ServerEncoder.guidance(guidance, stepsText: steps) }
        case .send(.feedSnapshot, _), .send(.citizenWelcome, _), .send(.error, _):
            return delivery
        case .send(let message, _):
            bytes = PreparedBytes { ServerEncoder.encode(message).serialized() }
        case .publish(let event):
            bytes = PreparedBytes { ServerEncoder.feedEvent(event).serialized() }
        default:
            return delivery
        }
        preparations.append(bytes)
        return .prepared(effect, bytes)
    }

    /// The close is recorded, archived and its journal rotated right away, before any later
    /// fact can be appended to the journal being moved.
    private func closeSession(_ archive: SessionArchive) {
        do {
            let files = try recorder.closeSession(archive)
            pendingArchive = nil
            logger.info("Sesión \(archive.session.id) archivada en \(files.public.path), \(files.protected.path) y \(files.journal.path)")
        } catch {
            pendingArchive = archive
            logger.error("No se pudo archivar la sesión \(archive.session.id); sigue en el diario y se reintenta: \(error)")
        }
    }

    /// A close whose archive could not be written is retried until it is.
    func retryPendingArchive() {
        if let archive = pendingArchive { closeSession(archive) }
    }

    func perform(_ delivery: Delivery) {
        switch delivery {
        case .effect(let effect): perform(effect)
        case .prepared(let effect, let bytes): perform(effect, prepared: bytes)
        case .frame(let bytes, let id): transport.send(transport.makeFrame(bytes), to: id)
        case .close(let id, let code, let reason): transport.close(id, code: code, reason: reason)
        case .resumeViewer(let id, let position, let current, let snapshot):
            resumeViewer(id, from: position, upTo: current, snapshot: snapshot)
        case .superseded:
            break
        }
    }

    /// `prepared`: the message's bytes, encoded already (see `preparing`).
    private func perform(_ effect: Effect, prepared: PreparedBytes? = nil) {
        switch effect {
        case .journal, .archive:
            break  // handled in run(_:) before anything is delivered
        case .refreshConsoles:
            // Built from the room as it is at the end of the pass, once all of it is durable
            // (serviceLoopIdle).
            consoleRefreshes.owe(registry.connections(for: .officials))
        case .bind(let id, let binding):
            bind(id, binding)
        case .send(let message, let recipient):
            let targets = registry.connections(for: recipient)
            guard !targets.isEmpty else { return }
            if case .feedSnapshot(let snapshot) = message {
                let frame = snapshotFrame(snapshot)
                for target in targets { transport.send(frame, to: target) }
                return
            }
            if case .citizenWelcome(let session, let catalog) = message {
                let frame = transport.makeFrame(ServerEncoder.citizenWelcome(session: session,
                                                                             catalogText: catalogText(catalog)))
                for target in targets { transport.send(frame, to: target) }
                return
            }
            if case .guidance(let guidance) = message {
                let frame = transport.makeFrame(prepared?.take()
                    ?? ServerEncoder.guidance(guidance, stepsText: guidanceSteps.text(for: guidance.steps)))
                for target in targets { transport.send(frame, to: target) }
                return
            }
            let bytes: [UInt8]
            if let prepared {
                bytes = prepared.take()
            } else {
                let json = ServerEncoder.encode(message)
                countIfError(json)
                bytes = json.serialized()
            }
            let frame = transport.makeFrame(bytes)
            for target in targets where logReads(message, to: target) { transport.send(frame, to: target) }
        case .publish(let event):
            let frame = transport.makeFrame(prepared?.take() ?? ServerEncoder.feedEvent(event).serialized())
            feedHistory.record(seq: Int64(event.seq), frame: frame)
            metrics.feedEvents += 1
            metrics.feedDeliveries += registry.viewers.count
            transport.publishToFeed(frame)
        }
    }

    /// One console, built from the room as it stands now, to each official owed one whose
    /// previous console has been written (see StateRefreshes). Encoded once; each official
    /// gets its own frame so that its leaving the outbox can be told apart.
    func sendOwedConsoles() {
        let ready = consoleRefreshes.takeReady(connected: registry.connections(for: .officials))
        guard !ready.isEmpty else { return }
        let console = ServerMessage.console(hearing.consoleState(at: clock()))
        let bytes = ServerEncoder.encode(console).serialized()
        for official in ready where logReads(console, to: official) {
            let frame = transport.makeFrame(bytes)
            consoleRefreshes.queued(frame, for: official)
            transport.send(frame, to: official)
        }
    }

    /// A crowd joining at 10:00 gets the same snapshot thousands of times: it is encoded and
    /// framed once and shared until the room changes (compared whole, so a snapshot that
    /// differs in anything is encoded anew).
    private func snapshotFrame(_ snapshot: FeedSnapshot) -> OutgoingFrame {
        if let last = lastSnapshot, last.snapshot == snapshot { return last.frame }
        let frame = transport.makeFrame(stamped(ServerEncoder.encode(.feedSnapshot(snapshot))).serialized())
        lastSnapshot = (snapshot, frame)
        return frame
    }

    /// The catalog's part of every citizen's welcome, written by jansson once: the catalog is
    /// the hearing's, fixed for the server's life (compared anyway, cheaply: a copy of the
    /// same catalog shares its storage, and equal storage compares at once).
    private func catalogText(_ catalog: Catalog) -> EncodedObject {
        if let cached = welcomeCatalog, cached.catalog == catalog { return cached.text }
        let text = ServerEncoder.citizenCatalogText(catalog)
        welcomeCatalog = (catalog, text)
        return text
    }

    /// A snapshot names the epoch its sequence numbers belong to.
    private func stamped(_ snapshot: JSON) -> JSON {
        guard case .object(var object) = snapshot else { return snapshot }
        object["epoch"] = .string(feedHistory.epoch)
        return .object(object)
    }

    /// A viewer asks to come back from `position`: the answer is prepared now and delivered
    /// in turn with everything else.
    func resumeViewer(_ id: ConnectionID, from position: FeedPosition) {
        deliver(.resumeViewer(id, from: position, upTo: Int64(hearing.feedSeq),
                              snapshot: hearing.handle(.viewerConnected(id), at: clock())))
    }

    /// All or nothing: every missed event from the history, or the fresh snapshot (also when
    /// the missed events are more than the connection could have queued).
    private func resumeViewer(_ id: ConnectionID, from position: FeedPosition, upTo current: Int64,
                              snapshot: [Effect]) {
        // A replay that would fill half the connection's allowance at once is not sent: the
        // viewer would be cut off as too slow before reading it. A snapshot says it all.
        if let missed = feedHistory.frames(after: position, currentSeq: current),
           missed.reduce(0, { $0 + $1.count }) <= transport.maxOutboxBytes / 2 {
            registry.setRole(.viewer, for: id)
            transport.joinFeed(id)
            transport.send(transport.makeFrame(ServerEncoder.feedResumed(
                epoch: feedHistory.epoch, replayed: position.seq + 1..<current + 1).serialized()), to: id)
            for frame in missed { transport.send(frame, to: id) }
        } else {
            transport.send(transport.makeFrame(ServerEncoder.feedResumed(
                epoch: feedHistory.epoch, replayed: nil).serialized()), to: id)
            snapshot.forEach { perform($0) }
        }
    }

    private func bind(_ id: ConnectionID, _ binding: Binding) {
        switch binding {
        case .viewer:
            registry.setRole(.viewer, for: id)
            transport.joinFeed(id)
        case .citizen(let folio):
            registry.setRole(.citizen(folio: folio), for: id)
        case .official:
            break  // set in identify(), where the token's expiry is known
        }
    }
}
