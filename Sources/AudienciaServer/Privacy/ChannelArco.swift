import AudienciaCore
import Foundation

/// ARCO on the permanent channel's journal from the command line, for an official acting on
/// a person's request. The running server owns `channel.jsonl` (and holds the data folder's
/// lock) for its whole life; the command takes the lock too, so it refuses while a server runs, exactly as
/// it refuses a folio of the session in course, and the person is pointed to the pages.
struct ChannelArco {
    let channel: Channel
    private let journal: ChainedJournal<ChannelJournalEntry>
    private let lock: DataFolderLock

    /// The channel as its journal left it, held for this command; nil when no channel journal
    /// exists or it does not hold `folio`.
    static func open(_ folder: DataFolder, catalog: Catalog, holding folio: Folio) throws -> ChannelArco? {
        let url = folder.channelJournalFile
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        // A first look without the lock, read only (a line being appended reads as a torn
        // tail): a folio the channel never held leaves the channel, and its lock, alone.
        let glance = try ChainedJournalReader<ChannelJournalEntry>.read(url)
        guard Channel.restored(catalog: catalog, journal: glance.entries).petitions[folio] != nil else { return nil }
        guard case .success(let lock) = DataFolderLock.attempt(folder) else {
            throw ArchivedArco.Failure.refused("El servidor está en marcha con esta carpeta de datos y el canal permanente es suyo: la persona puede exportar, rectificar o cancelar sus datos desde la página ciudadana o la de seguimiento de folio con su código; o detén el servidor y repite el comando.")
        }
        let contents = try ChainedJournalReader<ChannelJournalEntry>.read(url)
        guard !contents.tornTail else {
            throw ArchivedArco.Failure.refused("\(url.path): la última línea está incompleta; arranca el servidor una vez para apartarla")
        }
        let channel = Channel.restored(catalog: catalog, journal: contents.entries)
        guard channel.petitions[folio] != nil else { return nil }
        return ChannelArco(channel: channel, journal: try ChainedJournal(url: url, continuing: contents), lock: lock)
    }

    func facts(_ request: ArcoRequest, folio: Folio, by official: OfficialID, at now: Instant) throws -> [ChannelFact] {
        let result: Result<[ChannelFact], ChannelError> = Result { () throws(ChannelError) in
            try channel.arcoFacts(request, folio: folio, by: official, at: now)
        }
        switch result {
        case .success(let facts): return facts
        case .failure(.arco(let reason)): throw reason
        case .failure(let other): throw other
        }
    }

    /// Journals the request's facts durably, then seals the folio's lines on a cancellation.
    func apply(_ request: ArcoRequest, folio: Folio, by official: OfficialID, at now: Instant) throws {
        let facts = try facts(request, folio: folio, by: official, at: now)
        guard !facts.isEmpty else { return }
        for fact in facts { journal.append(ChannelJournalEntry(at: now, fact: fact)) }
        try journal.commit()
        if case .cancel = request { try journal.redact([folio]) }
    }
}
