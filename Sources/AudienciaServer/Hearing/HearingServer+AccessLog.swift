import AudienciaCore

/// Logging officials' reads of personal data, once per connection, folio and kind of read:
/// a console is refreshed on every change of the room, and logging each refresh would bury
/// the reads that matter. A new connection (a reload, another device) logs again.
extension HearingServer {
    /// Logs what `message` shows connection `id` for the first time. False when the log could
    /// not be written: the message must then not be sent, since an unlogged read is not allowed.
    func logReads(_ message: ServerMessage, to id: ConnectionID) -> Bool {
        let read: AccessLog.Read
        let folios: [Folio]
        switch message {
        case .console(let state):
            read = .console
            folios = (state.floor.map { [$0.petition.folio] } ?? []) + state.queue.map(\.folio)
        case .floorBrief(let brief):
            read = .floorBrief
            folios = [brief.petition.folio]
        default:
            return true
        }
        return logReads(folios, as: read, to: id)
    }

    /// Logs the backlog `id` is about to be shown: names, contact and descriptions of every
    /// petition in it. False when the log could not be written (the backlog is then not sent).
    func logReads(_ backlog: ChannelBacklog, to id: ConnectionID) -> Bool {
        logReads(backlog.items.map(\.folio), as: .backlog, to: id)
    }

    private func logReads(_ folios: [Folio], as read: AccessLog.Read, to id: ConnectionID) -> Bool {
        guard case .official(let official, _) = registry.role(of: id) else { return true }
        var seen = readsLogged[id] ?? []
        let fresh = folios.filter { seen.insert(AccessKey(folio: $0, read: read)).inserted }
        guard !fresh.isEmpty else { return true }
        let now = clock()
        let tokenID = credentials[id]?.tokenID
        do {
            try accessLog.record(fresh.map {
                AccessLog.Entry(at: now, official: official, tokenID: tokenID, connection: id, folio: $0, read: read)
            })
        } catch {
            logger.error("No se pudo escribir el registro de accesos; no se envían datos personales: \(error)")
            return false
        }
        readsLogged[id] = seen
        return true
    }

    struct AccessKey: Hashable {
        var folio: Folio
        var read: AccessLog.Read
    }
}
