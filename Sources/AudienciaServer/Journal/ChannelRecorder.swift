import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Foundation

typealias ChannelJournalRecord = ChainedRecord<ChannelJournalEntry>

extension ChannelJournalEntry: JournalPayload {
    func journalJSON() -> JSON { ChannelJournalCodec.encode(self) }
    init(journalJSON: JSON) throws { self = try ChannelJournalCodec.decode(journalJSON) }
    init(journalView: JSONView) throws { self = try ChannelJournalCodec.decode(journalView) }
}

extension DataFolder {
    /// The permanent channel's journal: it spans sessions and is never rotated.
    var channelJournalFile: URL { root.appendingPathComponent("channel.jsonl") }
}

/// Keeps the permanent channel on disk: its facts in their own hash-chained journal, made
/// durable (fsync) before anything they cause leaves the server, and replayed at start. (The
/// server holds the data folder's lock, so no `audiencia arco` or `purge` run rewrites it.)
final class ChannelRecorder {
    let journal: ChainedJournal<ChannelJournalEntry>
    /// Where the session journals are too, for reports.
    let dataFolder: DataFolder
    /// Folios whose cancellation is being committed: their earlier lines are sealed next.
    private var cancelled: Set<Folio> = []

    private init(journal: ChainedJournal<ChannelJournalEntry>, dataFolder: DataFolder) {
        self.journal = journal
        self.dataFolder = dataFolder
    }

    /// Reads the channel's journal (a torn last line is set aside, as for the session's) and
    /// opens it for appending.
    static func open(_ dataFolder: DataFolder) throws -> (ChannelRecorder, [ChannelJournalEntry], tornTail: Bool) {
        try dataFolder.prepare()
        let url = dataFolder.channelJournalFile
        let contents = try ChainedJournalReader<ChannelJournalEntry>.read(url)
        if contents.tornTail {
            let bytes = Array(try Data(contentsOf: url).dropFirst(contents.validLength))
            let aside = URL(fileURLWithPath: url.path + ".torn-\(contents.validLength)")
            if !FileManager.default.fileExists(atPath: aside.path) {
                try DurableFile.create(aside, contents: bytes, mode: 0o600)
            }
        }
        let journal = try ChainedJournal<ChannelJournalEntry>(url: url, continuing: contents)
        // A crash between a cancellation and the sealing of its folio's lines: finish it (no
        // cancellation, nothing to read back).
        let cancelled = cancelledFolios(in: contents.entries)
        if !cancelled.isEmpty { try journal.redact(cancelled) }
        return (ChannelRecorder(journal: journal, dataFolder: dataFolder), contents.entries, contents.tornTail)
    }

    var hasPending: Bool { journal.pending > 0 }

    func append(_ entry: ChannelJournalEntry) {
        journal.append(entry)
        if case .personalDataCancelled(let folio, _) = entry.fact { cancelled.insert(folio) }
    }

    /// Makes what was appended durable, then seals the personal data of anyone who just
    /// cancelled it. If sealing fails it is tried again at the next commit, and at the next
    /// start in any case.
    func commit() throws(JournalCommitError) {
        try journal.commit()
        guard !cancelled.isEmpty, (try? journal.redact(cancelled)) != nil else { return }
        cancelled = []
    }

    /// The folios a channel journal's facts cancelled.
    static func cancelledFolios(in entries: [ChannelJournalEntry]) -> Set<Folio> {
        Set(entries.compactMap { entry in
            if case .personalDataCancelled(let folio, _) = entry.fact { folio } else { nil }
        })
    }
}
