import AudienciaCore
import Foundation
import Logging

/// Keeps the session on disk: facts in the journal, and at the close the archive with the
/// journal's chain head, the journal itself moved next to it.
final class SessionRecorder {
    let journal: Journal
    private let dataFolder: DataFolder

    init(journal: Journal, dataFolder: DataFolder) {
        self.journal = journal
        self.dataFolder = dataFolder
    }

    /// Reads the current journal (dropping a torn last line) and opens it for appending.
    static func open(_ dataFolder: DataFolder) throws -> (SessionRecorder, [JournalEntry], tornTail: Bool) {
        let contents = try JournalReader.read(dataFolder.journalFile)
        if contents.tornTail {
            // Set aside, not just cut off: whoever looks into a crash can still see it.
            let bytes = Array(try Data(contentsOf: dataFolder.journalFile).dropFirst(contents.validLength))
            let aside = URL(fileURLWithPath: dataFolder.journalFile.path + ".torn-\(contents.validLength)")
            if !FileManager.default.fileExists(atPath: aside.path) {
                try DurableFile.create(aside, contents: bytes, mode: 0o600)
            }
        }
        let journal = try Journal(url: dataFolder.journalFile, continuing: contents)
        // A crash between a cancellation and the sealing of its folio's lines: finish it.
        try journal.redact(JournalRedaction.cancelledFolios(in: contents.entries))
        return (SessionRecorder(journal: journal, dataFolder: dataFolder), contents.entries, contents.tornTail)
    }

    var hasPending: Bool { journal.pending > 0 }
    /// Folios whose cancellation is being committed: their earlier lines are sealed next.
    private var cancelled: Set<Folio> = []

    func append(_ entry: JournalEntry) {
        journal.append(entry)
        if case .personalDataCancelled(let folio, _) = entry.fact { cancelled.insert(folio) }
    }

    /// Makes what was appended durable, then seals the personal data of anyone who just
    /// cancelled it. If sealing fails it is tried again at the next commit, and at the next
    /// start in any case.
    func commit() throws(JournalCommitError) {
        try journal.commit()
        sealCancelled()
    }

    private func sealCancelled() {
        guard !cancelled.isEmpty, (try? journal.redact(cancelled)) != nil else { return }
        cancelled = []
    }

    /// Writes the closed session's records (unless a run cut short already did) and moves the
    /// journal next to them, so the next session starts a journal of its own.
    func closeSession(_ archive: SessionArchive) throws(ServerError) -> DataFolder.ArchiveFiles {
        do {
            try journal.commit()
        } catch {
            throw error.underlying
        }
        sealCancelled()
        let files = dataFolder.archiveFiles(for: archive.session.id)
        if !FileManager.default.fileExists(atPath: files.public.path) {
            try dataFolder.writeArchive(archive, journalHead: journal.head)
        }
        try journal.rotate(to: files.journal)
        return files
    }
}
