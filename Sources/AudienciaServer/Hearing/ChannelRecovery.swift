import AudienciaCore
import Logging

extension AudienciaServer {
    /// The permanent channel as its journal left it. The hearing's facts are made durable
    /// before the channel's in the same pass, so a crash between the two can only leave the
    /// latest petitions the hearing left open missing from the channel, or a cancellation the
    /// hearing recorded not yet in the channel: both are finished now. The hearing then continues numbering after the channel's last folio.
    static func recoverChannel(catalog: Catalog, hearing: inout Hearing, dataFolder: DataFolder, now: Instant,
                               logger: Logger) throws -> (ChannelRecorder, Channel) {
        let (recorder, entries, tornTail) = try ChannelRecorder.open(dataFolder)
        if tornTail {
            logger.warning("El diario del canal permanente terminaba en una línea incompleta (nunca confirmada); se descartó.")
        }
        var channel = Channel.restored(catalog: catalog, journal: entries)
        if let session = hearing.session {
            for folio in hearing.checkInOrder {
                guard let petition = hearing.petitions[folio], let resolution = petition.resolution else { continue }
                for case .journal(let entry) in channel.handle(.handedOver(petition, resolution, sessionID: session.id), at: now) {
                    recorder.append(entry)
                    logger.info("Folio \(folio) pasó al canal permanente al reiniciar.")
                }
            }
        }
        // The same crash after a cancellation in the hearing leaves the channel holding what
        // the person cancelled: the channel's cancellation is finished now (and sealed on commit).
        for folio in hearing.checkInOrder {
            guard hearing.petitions[folio]?.citizen.isCancelled == true, let held = channel.petitions[folio],
                  !held.citizen.isCancelled else { continue }
            let nobody = ConnectionID(0)
            for case .journal(let entry) in channel.handle(.arco(.cancel, folio: folio, resumeToken: held.resumeToken, nobody, ref: nil),
                                                          at: now) {
                recorder.append(entry)
                logger.info("Cancelación del folio \(folio) completada en el canal permanente al reiniciar.")
            }
        }
        do {
            try recorder.commit()
        } catch {
            throw error.underlying
        }
        if let last = channel.lastFolio { hearing.noteFolioIssued(last) }
        if !entries.isEmpty {
            logger.info("Canal permanente recuperado: \(channel.order.count) peticiones.")
        }
        return (recorder, channel)
    }
}
