import AudienciaCore
import Foundation

/// Retention: the protected records of sessions older than the period the seeds set are
/// removed (`audiencia purge`). What goes is everything holding personal data: the
/// protected record and the journal. The public record stays, as the minutes of the hearing.
/// In the permanent channel, which is one journal for all time, the personal blocks of the
/// petitions answered before the cutoff are sealed, as a cancellation seals them; a petition
/// still open keeps its data whatever its age.
public enum RetentionPurge {
    public struct Plan: Sendable, Equatable {
        /// The sessions affected, oldest first.
        public var sessions: [String]
        /// The files to remove.
        public var files: [URL]
        /// The permanent channel's petitions whose personal data is sealed, oldest first.
        public var channelFolios: [Folio] = []
        var channelJournal: URL?
    }

    public enum Failure: Error, CustomStringConvertible {
        case tooSoon(requested: Int, retention: Int)
        case channelBusy(String)
        /// The channel's journal ends in a line cut short; the server sets it aside at start.
        case tornChannel(path: String)

        public var description: String {
            switch self {
            case .tooSoon(let requested, let retention):
                "El plazo de conservación de los registros protegidos es de \(retention) días (seeds/privacy.json, retentionDays); --older-than \(requested) borraría registros que aún deben conservarse. No se borró nada."
            case .channelBusy(let why):
                "\(why). El canal permanente tiene datos que purgar y es del servidor mientras está en marcha: detén el servidor y repite. No se borró nada."
            case .tornChannel(let path):
                "\(path): la última línea está incompleta; arranca el servidor una vez para apartarla y repite. No se borró nada."
            }
        }
    }

    /// What a purge of records older than `days` (by session date) would remove on `today`.
    /// Refuses a period shorter than the seeds' retention.
    /// With `catalog`, the permanent channel's journal is read too.
    public static func plan(data: URL, olderThan days: Int, retentionDays: Int, today: CivilDate,
                            catalog: Catalog? = nil) throws -> Plan {
        guard days >= retentionDays else { throw Failure.tooSoon(requested: days, retention: retentionDays) }
        let folder = DataFolder(root: data)
        let cutoff = today.adding(days: -days)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.archiveDirectory.path)) ?? []
        var plan = Plan(sessions: [], files: [])
        for name in names.sorted() {
            guard let kind = [".protected.json", ".journal.jsonl"].first(where: name.hasSuffix),
                  let date = CivilDate(String(name.prefix(10))), date < cutoff else { continue }
            let session = String(name.dropLast(kind.count))
            if plan.sessions.last != session { plan.sessions.append(session) }
            plan.files.append(folder.archiveDirectory.appendingPathComponent(name))
        }
        if let catalog, FileManager.default.fileExists(atPath: folder.channelJournalFile.path) {
            let entries = try ChainedJournalReader<ChannelJournalEntry>.read(folder.channelJournalFile).entries
            plan.channelFolios = Channel.restored(catalog: catalog, journal: entries).answered(before: cutoff)
            plan.channelJournal = folder.channelJournalFile
        }
        return plan
    }

    /// Removes the plan's files. Each removal stands alone, so running the same purge again
    /// after an interruption finishes it.
    public static func execute(_ plan: Plan) throws {
        if let url = plan.channelJournal, !plan.channelFolios.isEmpty {
            let folder = DataFolder(root: url.deletingLastPathComponent())
            let acquired = DataFolderLock.attempt(folder)
            guard case .success(let lock) = acquired else {
                if case .failure(let error) = acquired { throw Failure.channelBusy("\(error)") }
                return
            }
            let contents = try ChainedJournalReader<ChannelJournalEntry>.read(url)
            // Opening for appending would cut that line off without keeping it.
            guard !contents.tornTail else { throw Failure.tornChannel(path: url.path) }
            try ChainedJournal<ChannelJournalEntry>(url: url, continuing: contents).redact(Set(plan.channelFolios))
            _ = lock
        }
        for file in plan.files where FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.removeItem(at: file)
        }
        if let directory = plan.files.first?.deletingLastPathComponent() {
            DurableFile.syncDirectory(of: directory.appendingPathComponent("x").path)
        }
    }
}
