import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// ARCO requests from citizens, over every record of their folio in one request: the live
/// session's, the permanent channel's, and the archive of the session that handed the folio
/// over. The server owns all three while it runs: the channel's lock keeps `audiencia arco`
/// away from the channel's folios, which every archived folio also is.
extension HearingServer {
    func dispatchArco(_ request: ArcoRequest, folio target: Folio, resumeToken token: String, from id: ConnectionID,
                      bound folio: Folio?, ref: String?) throws(WireError) {
        var request = request
        if case .rectify(var correction) = request {
            correction.salt = try Self.salt()
            request = .rectify(correction)
        }
        let inChannel = !token.isEmpty && channel.petitions[target]?.resumeToken == token
        let live = hearing.petitions[target] != nil && hearing.session?.phase != .closed
        guard inChannel else {
            // Only the hearing may know the folio (or nobody: the same `arco_denied`).
            return run(.citizen(.arco(request, folio: target, resumeToken: token), folio: folio, id, ref: ref))
        }
        // A closed session whose archive could not be written yet is written later from the
        // room's memory, personal data included: nothing of its folios is changed until then.
        if pendingArchive != nil, hearing.petitions[target] != nil {
            logger.warning("Solicitud ARCO sobre \(target) aplazada: el archivo de la sesión aún no se ha escrito.")
            throw .serverError
        }
        let now = clock()
        // A cancellation the channel already has may have been cut short before reaching the
        // other record (a failure writing the archive): it goes on to that record alone, which
        // refuses it in turn if it has it too.
        let finishing = if case .cancel = request { channel.petitions[target]?.citizen.isCancelled == true } else { false }
        if !finishing {
            do {
                _ = try channel.arcoFacts(request, folio: target, by: nil, at: now)
            } catch {
                return reply(id, ServerEncoder.error(error, ref: ref))
            }
        }
        if live {
            if case .export = request, hearing.petitions[target]?.resumeToken == token,
               let export = hearing.personalDataExport(target) {
                try logArco(request, folio: target, sessionID: hearing.session?.id, at: now)
                return reply(id, ChannelEncoder.arcoData(
                    ArcoEncoder.export(export, channel: channel.personalDataExport(target, at: now)), ref: ref))
            }
            // Logged before either record changes: a failure to log must not leave the channel
            // changed and the hearing not. The channel follows quietly; the hearing replies,
            // once both journals are durable.
            try logArco(request, folio: target, sessionID: hearing.session?.id, at: now)
            if !finishing { runChannel(.arco(request, folio: target, resumeToken: token, id, ref: ref), quietTowards: id) }
            return run(.citizen(.arco(request, folio: target, resumeToken: token), folio: folio, id, ref: ref))
        }
        var archived: PersonalDataExport?
        // The session that handed the folio over names its archive; none is left once purged.
        let archivedSession: String? = if case .hearing(let session, _) = channel.petitions[target]?.origin,
            channelRecorder.dataFolder.holdsProtectedRecords(of: session) { session } else { nil }
        if finishing && archivedSession == nil {
            return reply(id, ServerEncoder.error(HearingError.personalDataCancelled, ref: ref))
        }
        // Logged before any record changes, as above.
        try logArco(request, folio: target, sessionID: archivedSession, at: now)
        if let session = archivedSession {
            do {
                archived = try ArchivedArco.apply(request, folio: target, by: nil, sessionID: session,
                                                  folder: channelRecorder.dataFolder, catalog: hearing.catalog,
                                                  now: now, alreadyCancelledIsDone: !finishing)
            } catch HearingError.personalDataCancelled where finishing {
                return reply(id, ServerEncoder.error(HearingError.personalDataCancelled, ref: ref))
            } catch {
                logger.error("ARCO sobre el archivo de \(session) falló; no se cambió nada del canal: \(error)")
                throw .serverError
            }
        }
        if !finishing { runChannel(.arco(request, folio: target, resumeToken: token, id, ref: ref), quietTowards: id) }
        if case .cancel = request { return reply(id, ChannelEncoder.encode(.ok(ref: ref))) }
        guard let export = channel.personalDataExport(target, at: now) else { throw .serverError }
        reply(id, ChannelEncoder.arcoData(ArcoEncoder.export(channel: export, hearing: archived), ref: ref))
    }

    /// Every ARCO action on a channel folio goes to `arco.jsonl`, before any record changes.
    private func logArco(_ request: ArcoRequest, folio: Folio, sessionID: String?, at now: Instant) throws(WireError) {
        do {
            try ArcoLog(url: channelRecorder.dataFolder.root.appendingPathComponent("arco.jsonl"))
                .record(at: now, official: nil, action: ArcoLog.action(of: request), folio: folio, sessionID: sessionID, channel: true)
        } catch {
            logger.error("No se pudo registrar la solicitud ARCO: \(error)")
            throw .serverError
        }
    }
}
