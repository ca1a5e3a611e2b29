import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// The permanent channel beside the hearing: its messages checked against the connection's
/// role, its effects carried out with the same durability rule (the channel's journal is
/// committed before anything its facts caused leaves the server).
extension HearingServer {
    func dispatchChannel(_ request: ChannelRequest, from id: ConnectionID, role: ConnectionRegistry.Role,
                         ref: String?) throws(WireError) {
        switch (request, role) {
        case (.checkIn(let form), .citizen):
            try admitCheckIn(from: id)
            let secrets = try Self.checkInSecrets()
            var form = form
            form.salt = secrets.salt
            runChannel(.checkIn(form, resumeToken: secrets.resumeToken, lastFolio: hearing.history.lastFolio,
                                id, ref: ref))
        case (.status(let folio, let code), _):
            // A citizen connection not yet holding a petition follows this one from now on.
            let follow = role == .citizen(folio: nil) || role == .citizen(folio: folio)
            runChannel(.statusAsked(folio, resumeCode: code, follow: follow, id, ref: ref))
        case (.backlog, .official(let official, let expiresAt)):
            guard seconds() < expiresAt else { throw .tokenExpired }
            runChannel(.official(.backlog, by: official, id, ref: ref))
        case (.update(let folio, let form), .official(let official, let expiresAt)):
            guard seconds() < expiresAt else { throw .tokenExpired }
            runChannel(.official(.update(folio, form), by: official, id, ref: ref))
        default:
            throw .wrongRole
        }
    }

    /// `quietTowards`: a connection whose reply the caller sends itself (an ARCO request
    /// spanning the channel and a hearing's records).
    func runChannel(_ input: ChannelInput, quietTowards quiet: ConnectionID? = nil) {
        for effect in channel.handle(input, at: clock()) {
            if let quiet, case .send(_, .connection(quiet)) = effect { continue }
            switch effect {
            case .journal(let entry):
                channelRecorder.append(entry)
                if case .petitionReceived(let petition) = entry.fact, petition.origin == .channel {
                    hearing.noteFolioIssued(petition.folio)
                }
            case .follow(let connection, let folio):
                deliver(.effect(.bind(connection, .citizen(folio))))
            case .send(let message, let recipient):
                let bytes = ChannelEncoder.encode(message).serialized()
                for target in registry.connections(for: recipient) {
                    if case .backlog(let backlog, _) = message, !logReads(backlog, to: target) { continue }
                    deliver(.frame(bytes, to: target))
                }
            case .refreshBacklogs:
                // Folded: a close hands over hundreds of petitions in one pass, and each
                // backlog is the whole department's.
                backlogsStale = true
            }
        }
    }

    /// A hearing fact that leaves a petition open hands it to the channel.
    func handOverIfOpen(_ entry: JournalEntry) {
        guard case .petitionResolved(let folio, let resolution) = entry.fact,
              let petition = hearing.petitions[folio], let session = hearing.session else { return }
        runChannel(.handedOver(petition, resolution, sessionID: session.id))
    }

    /// Every connected director and the mayor get their backlog again, once per pass of the
    /// service loop and after the journals are durable (called from `serviceLoopIdle`).
    func refreshBacklogsIfStale() {
        guard backlogsStale else { return }
        backlogsStale = false
        let now = clock()
        // One frame per official, however many consoles each has open.
        var frames: [OfficialID: (ChannelBacklog, OutgoingFrame)?] = [:]
        for (connection, role) in registry.roles {
            guard case .official(let official, _) = role else { continue }
            if frames[official] == nil {
                frames[official] = channel.backlog(for: official, at: now).map {
                    ($0, transport.makeFrame(ChannelEncoder.encode(.backlog($0, ref: nil)).serialized()))
                }
            }
            guard let (backlog, frame) = frames[official] ?? nil, logReads(backlog, to: connection) else { continue }
            transport.send(frame, to: connection)
        }
    }
}
