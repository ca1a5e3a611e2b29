import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaWire
import Foundation

/// ARCO requests an official carries out on a closed session's archive (`audiencia arco`).
/// The live session is not touched here: its journal belongs to the running server, and its
/// citizens use the protocol; a folio of the open session is refused with a pointer there.
///
/// Rectification and cancellation are appended to the session's archived journal as facts
/// (who, when), extending its hash chain; a cancellation then seals the folio's personal
/// blocks in the earlier lines. Both records are rebuilt from the journal and name its new
/// head, so `audiencia archive verify` holds afterwards.
public enum ArchivedArco {
    public enum Failure: Error, CustomStringConvertible {
        case refused(String)

        public var description: String {
            switch self { case .refused(let why): why }
        }
    }

    /// Carries out `request` on every record of the folio, the closed session's archive and
    /// the permanent channel alike, and returns what to print: the export's JSON, or a summary.
    public static func perform(_ request: ArcoRequest, folio: Folio, official: OfficialID, data: URL,
                               seeds: URL, now: Instant) throws -> String {
        let catalog = try SeedLoader.load(from: seeds)
        guard catalog.official(official) != nil else {
            throw Failure.refused("\(official) no es un funcionario de officials.json")
        }
        let folder = DataFolder(root: data)
        if try JournalReader.read(folder.journalFile).entries.contains(where: { $0.checksIn(folio) }) {
            throw Failure.refused("El folio \(folio) es de la sesión en curso: lo atiende el servidor. La persona puede exportar, rectificar o cancelar sus datos desde la página ciudadana con su código de seguimiento; o espera al cierre de la sesión.")
        }
        let request = try salted(request)
        let held = try ChannelArco.open(folder, catalog: catalog, holding: folio)
        // A channel folio names the session that handed it over, as the server finds it; only
        // a folio from before the channel is looked for among the protected records.
        let sessionID: String? = if let held {
            if case .hearing(let session, _) = held.channel.petitions[folio]?.origin,
               folder.holdsProtectedRecords(of: session) { session } else { nil }
        } else {
            try session(holding: folio, in: folder)
        }
        // A cancellation the channel already has, cut short before the archive, goes on to the
        // archive alone (which refuses it if it has it too). Both refusals before either
        // record changes.
        let finishing = if case .cancel = request { held?.channel.petitions[folio]?.citizen.isCancelled == true } else { false }
        if finishing, try !(sessionID.map { try holdsPersonalData(folio, sessionID: $0, folder: folder, catalog: catalog) } ?? false) {
            throw HearingError.personalDataCancelled
        }
        let channel = finishing ? nil : held
        if let channel { _ = try channel.facts(request, folio: folio, by: official, at: now) }
        // Logged before any record changes: a failure to log must not leave one changed.
        let action = ArcoLog.action(of: request)
        try ArcoLog(url: data.appendingPathComponent("arco.jsonl"))
            .record(at: now, official: official, action: action, folio: folio, sessionID: sessionID, channel: channel != nil)
        let archived = try sessionID.map { id in
            try apply(request, folio: folio, by: official, sessionID: id, folder: folder, catalog: catalog, now: now,
                      alreadyCancelledIsDone: channel != nil)
        }
        try channel?.apply(request, folio: folio, by: official, at: now)
        if case .export = request {
            let json = channel.flatMap { $0.channel.personalDataExport(folio, at: now) }
                .map { ArcoEncoder.export(channel: $0, hearing: archived) } ?? archived.map { ArcoEncoder.export($0) }
            return json.map { String(decoding: $0.serialized(.indented), as: UTF8.self) } ?? ""
        }
        let places = [sessionID, channel != nil ? "canal permanente" : nil].compactMap { $0 }.joined(separator: " y ")
        return "\(folio) (\(places)): \(action == "cancel" ? "datos personales cancelados" : "datos rectificados")"
    }

    /// Carries out `request` on the closed session's archive: appended to its journal as facts,
    /// the personal blocks sealed on a cancellation, both records rebuilt with the new head.
    /// Returns the folio's record afterwards. With `alreadyCancelledIsDone`, a folio whose
    /// data the archive no longer holds is left as it is (the channel still had it).
    static func apply(_ request: ArcoRequest, folio: Folio, by official: OfficialID?, sessionID: String,
                      folder: DataFolder, catalog: Catalog, now: Instant,
                      alreadyCancelledIsDone: Bool) throws -> PersonalDataExport {
        let files = folder.archiveFiles(for: sessionID)
        var (contents, hearing, before) = try archived(folio, sessionID: sessionID, folder: folder, catalog: catalog)
        if alreadyCancelledIsDone, before.petition.citizen.isCancelled { return before }
        let facts = try hearing.arcoFacts(request, folio: folio, by: official, at: now)
        guard !facts.isEmpty else { return before }
        let journal = try Journal(url: files.journal, continuing: contents)
        for fact in facts { journal.append(JournalEntry(at: now, fact: fact)) }
        try journal.commit()
        if case .cancel = request { try journal.redact([folio]) }
        contents = try JournalReader.read(files.journal)
        let rebuilt = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: contents.entries)
        guard let archive = rebuilt.archiveOfClosedSession, let after = rebuilt.personalDataExport(folio) else {
            throw Failure.refused("\(files.journal.path): el diario no termina con el cierre de la sesión")
        }
        try FileReplacement.replace(files.protected, contents: ArchiveEncoder.protectedRecord(archive, journalHead: contents.head)
                                        .serialized(.indented) + [10], mode: 0o600)
        try FileReplacement.replace(files.public, contents: ArchiveEncoder.publicRecord(archive, journalHead: contents.head)
                                        .serialized(.indented) + [10], mode: 0o644)
        return after
    }

    /// The archived session's journal, the hearing it restores, and the folio's record in it.
    private static func archived(_ folio: Folio, sessionID: String, folder: DataFolder,
                                 catalog: Catalog) throws -> (JournalReader.Contents, Hearing, PersonalDataExport) {
        let journal = folder.archiveFiles(for: sessionID).journal
        let contents = try JournalReader.read(journal)
        guard !contents.tornTail else { throw Failure.refused("\(journal.path): la última línea está incompleta") }
        let hearing = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: contents.entries)
        guard let record = hearing.personalDataExport(folio) else {
            throw Failure.refused("El diario de \(sessionID) no tiene el folio \(folio).")
        }
        return (contents, hearing, record)
    }

    /// Whether the archive still holds the folio's personal data.
    static func holdsPersonalData(_ folio: Folio, sessionID: String, folder: DataFolder, catalog: Catalog) throws -> Bool {
        try !archived(folio, sessionID: sessionID, folder: folder, catalog: catalog).2.petition.citizen.isCancelled
    }

    /// The closed session whose protected record lists `folio`.
    static func session(holding folio: Folio, in folder: DataFolder) throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.archiveDirectory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".protected.json") {
            let json = try JSON.parse(Array(try Data(contentsOf: folder.archiveDirectory.appendingPathComponent(name))))
            if json["petitions"]?.array?.contains(where: { $0["folio"]?.string == folio.rawValue }) == true,
               let id = json["session"]?["id"]?.string {
                return id
            }
        }
        for name in names where name.hasSuffix(".public.json") {
            let json = try JSON.parse(Array(try Data(contentsOf: folder.archiveDirectory.appendingPathComponent(name))))
            if json["petitions"]?.array?.contains(where: { $0["folio"]?.string == folio.rawValue }) == true {
                throw Failure.refused("El folio \(folio) es de una sesión cuyos registros protegidos ya se purgaron: no se conservan datos personales suyos.")
            }
        }
        throw Failure.refused("No hay ninguna sesión archivada con el folio \(folio).")
    }

    private static func salted(_ request: ArcoRequest) throws -> ArcoRequest {
        guard case .rectify(var correction) = request else { return request }
        correction.salt = Base64URL.encode(try Crypto.randomBytes(16))
        return .rectify(correction)
    }
}

extension JournalEntry {
    func checksIn(_ folio: Folio) -> Bool {
        if case .citizenCheckedIn(let petition) = fact { petition.folio == folio } else { false }
    }
}
