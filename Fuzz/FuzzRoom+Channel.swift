import AudienciaCore
import AudienciaWire

/// The permanent channel in the fuzzed room, as `HearingServer+Channel` and `+Arco` drive it:
/// channel check-ins, folio status, backlogs and updates, the hand-over of every petition a
/// hearing resolves, and ARCO requests that reach the live hearing, the channel or both.
extension FuzzRoom {
    mutating func dispatchChannel(_ request: ChannelRequest, from connection: Int, role: Role,
                                  ref: String?) throws(WireError) {
        let id = ConnectionID(UInt64(connection))
        switch (request, role) {
        case (.checkIn(let form), .citizen):
            mintedTokens += 1
            runChannel(.checkIn(form, resumeToken: "fuzz-token-\(mintedTokens)", lastFolio: hearing.history.lastFolio,
                                id, ref: ref))
        case (.status(let folio, let code), _):
            let follow = role == .citizen(folio: nil) || role == .citizen(folio: folio)
            runChannel(.statusAsked(folio, resumeCode: code, follow: follow, id, ref: ref))
        case (.backlog, .official(let official)):
            runChannel(.official(.backlog, by: official, id, ref: ref))
        case (.update(let folio, let form), .official(let official)):
            runChannel(.official(.update(folio, form), by: official, id, ref: ref))
        default:
            throw .wrongRole
        }
    }

    /// One request over every record of the folio (the archive side is the adapter's).
    mutating func arco(_ request: ArcoRequest, folio target: Folio, resumeToken token: String, from connection: Int,
                       bound folio: Folio?, ref: String?) {
        let id = ConnectionID(UInt64(connection))
        let inChannel = !token.isEmpty && channel.petitions[target]?.resumeToken == token
        let live = hearing.petitions[target] != nil && hearing.session?.phase != .closed
        if inChannel {
            if case .export = request, let export = channel.personalDataExport(target, at: now) {
                let hearingExport = hearing.petitions[target]?.resumeToken == token ? hearing.personalDataExport(target) : nil
                FuzzChecks.encodes(ChannelEncoder.arcoData(ArcoEncoder.export(channel: export, hearing: hearingExport), ref: ref))
            }
            runChannel(.arco(request, folio: target, resumeToken: token, id, ref: ref))
            guard live else { return }
        }
        run(.citizen(.arco(request, folio: target, resumeToken: token), folio: folio, id, ref: ref))
    }

    mutating func handOverIfOpen(_ entry: JournalEntry) {
        guard case .petitionResolved(let folio, let resolution) = entry.fact,
              let petition = hearing.petitions[folio], let session = hearing.session else { return }
        runChannel(.handedOver(petition, resolution, sessionID: session.id))
    }

    mutating func runChannel(_ input: ChannelInput) {
        for effect in channel.handle(input, at: now) {
            switch effect {
            case .journal(let entry):
                FuzzChecks.channelJournalRoundTrips(entry)
                channelJournal.append(entry)
                if case .petitionReceived(let petition) = entry.fact, petition.origin == .channel {
                    hearing.noteFolioIssued(petition.folio)
                }
            case .follow(let connection, let folio):
                bind(connection, .citizen(folio))
            case .send(let message, _):
                FuzzChecks.encodes(ChannelEncoder.encode(message))
            case .refreshBacklogs:
                break
            }
        }
        for petition in channel.petitions.values where petition.citizen.isCancelled {
            FuzzFailure.check(petition.citizen == .cancelled, "a cancelled petition kept some data")
        }
    }

    /// The channel's journal replayed from scratch gives back the same channel.
    func checkChannelReplay() {
        let restored = Channel.restored(catalog: channel.catalog, journal: channelJournal)
        FuzzFailure.check(restored == channel, "replaying \(channelJournal.count) channel entries gives another channel")
    }
}
