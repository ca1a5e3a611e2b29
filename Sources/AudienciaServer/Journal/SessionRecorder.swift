import AudienciaCore
import Foundation
import Logging

/// Keeps the session on disk: facts in the journal, checkpoints of the room next to it, and at
/// the close the archive with the journal's chain head, the journal itself moved next to it.
final class SessionRecorder {
    let journal: Journal
    let checkpoints: CheckpointWriter
    private let dataFolder: DataFolder
    /// Whether the journal's first line opens a session: only then does the room depend on
    /// nothing but the journal (otherwise it still holds the last archived session, which
    /// ARCO requests and the retention purge may change), so only then is it checkpointed.
    private var opensASession: Bool

    private init(journal: Journal, checkpoints: CheckpointWriter, dataFolder: DataFolder, opensASession: Bool) {
        self.journal = journal
        self.checkpoints = checkpoints
        self.dataFolder = dataFolder
        self.opensASession = opensASession
    }

    /// What `open` found: the journal's lines, or a checkpoint and the lines after it.
    struct Found {
        var checkpoint: HearingSnapshot?
        /// Every line when there is no checkpoint; the lines after it when there is.
        var entries: [JournalEntry]
        var tornTail: Bool
        /// Why the checkpoint was not used, if there was one.
        var doubt: RoomCheckpoint.Doubt?
    }

    /// Reads the current journal (dropping a torn last line), from the checkpoint when it can
    /// be trusted, and opens it for appending.
    static func open(_ dataFolder: DataFolder, baseHistory: HearingHistory,
                     checkpointEvery: Int, logger: Logger) throws -> (SessionRecorder, Found) {
        let url = dataFolder.journalFile
        RoomCheckpoint.removeLeftovers(of: dataFolder.checkpointFile)
        var contents: JournalReader.Contents?
        var window = RoomCheckpoint.JournalWindow(base: 0, bytes: [])
        var found = Found(checkpoint: nil, entries: [], tornTail: false, doubt: nil)
        switch RoomCheckpoint.load(dataFolder.checkpointFile, journal: url, baseHistory: baseHistory) {
        case .success(let (loaded, read)):
            do {
                contents = try JournalReader.read(read.bytes, path: url.path, from: Int(loaded.cover.offset) - read.base,
                                                  after: (loaded.cover.entries, loaded.cover.hash))
                contents?.validLength += read.base
                window = read
                found.checkpoint = loaded.snapshot
            } catch {
                found.doubt = .unreadable("diario tras el punto de control: \(error)")
            }
        case .failure(let doubt):
            found.doubt = doubt
        }
        if contents == nil, FileManager.default.fileExists(atPath: url.path) {
            window = .init(base: 0, bytes: Array(try Data(contentsOf: url)))
        }
        let read = try contents ?? JournalReader.read(window.bytes, path: url.path)
        found.entries = read.entries
        found.tornTail = read.tornTail
        if read.tornTail {
            // Set aside, not just cut off: whoever looks into a crash can still see it.
            let aside = URL(fileURLWithPath: url.path + ".torn-\(read.validLength)")
            if !FileManager.default.fileExists(atPath: aside.path) {
                try DurableFile.create(aside, contents: Array(window.bytes[(read.validLength - window.base)...]), mode: 0o600)
            }
        }
        let journal = try Journal(url: url, continuing: read)
        let checkpoints = CheckpointWriter(url: dataFolder.checkpointFile, every: checkpointEvery, baseHistory: baseHistory,
                                           covered: found.checkpoint == nil ? 0 : read.start.number, logger: logger)
        let opens = found.checkpoint != nil || found.entries.first.map(\.opensSession) == true
        let recorder = SessionRecorder(journal: journal, checkpoints: checkpoints, dataFolder: dataFolder, opensASession: opens)
        // A crash between a cancellation and the sealing of its folio's lines: finish it. (A
        // checkpoint is only written once every cancellation it covers is sealed, so the lines
        // after it are the only ones to look at.)
        try recorder.redact(JournalRedaction.cancelledFolios(in: found.entries))
        return (recorder, found)
    }

    var hasPending: Bool { journal.pending > 0 }
    /// Folios whose cancellation is being committed: their earlier lines are sealed next.
    private var cancelled: Set<Folio> = []

    func append(_ entry: JournalEntry) {
        if journal.lastNumber == 0 { opensASession = entry.opensSession }
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

    /// Asks for what was appended to be made durable off the service thread; `wake` is called
    /// once it is (see `ChainedJournal.requestCommit`).
    func requestCommit(then wake: @escaping @Sendable () -> Void) {
        journal.requestCommit(then: wake)
    }

    /// Whether a commit asked for with `requestCommit` is not over yet.
    var isCommitInFlight: Bool { journal.isCommitInFlight }

    /// How the requested commits went since the last look.
    func takeCommitOutcome() -> ChainedJournalFile<JournalEntry>.CommitOutcome {
        journal.takeOutcome()
    }

    /// Encodes `bytes` on the journal's queue: ready by the time the lines appended so far are
    /// durable, which is when what they are for may leave.
    func prepare(_ bytes: [PreparedBytes]) {
        journal.alongside { bytes.forEach { $0.prepare() } }
    }

    /// Journal lines appended, and of those the ones on disk, counted across rotations.
    var appended: Int64 { journal.appended }
    var durable: Int64 { journal.durable }

    /// Once everything appended is durable, seals the personal data of anyone who cancelled it.
    func sealCancelledIfDurable() {
        guard !cancelled.isEmpty, !hasPending else { return }
        sealCancelled()
    }

    /// Checkpoints `hearing` (the room after every committed line) if it is time (see
    /// `CheckpointWriter.writeIfDue` for `quiet`); never while a cancellation waits to be
    /// sealed, so no checkpoint covers personal data still unsealed.
    func checkpointIfDue(_ hearing: Hearing, quiet: Bool) {
        guard opensASession, cancelled.isEmpty, !hasPending else { return }
        checkpoints.writeIfDue(hearing, journal: journal, quiet: quiet)
    }

    /// A graceful stop: the next start reads no journal at all.
    func checkpointNow(_ hearing: Hearing) {
        guard opensASession, cancelled.isEmpty else { return }
        checkpoints.write(hearing, journal: journal, wait: true)
    }

    private func sealCancelled() {
        guard !cancelled.isEmpty, (try? redact(cancelled)) != nil else { return }
        cancelled = []
    }

    /// Seals lines of the journal; the checkpoint goes first, since the rewritten journal's
    /// offsets no longer match it (and it may hold what is being sealed).
    private func redact(_ folios: Set<Folio>) throws {
        // Nothing to seal: no need to read the whole file back.
        guard !folios.isEmpty else { return }
        try journal.redact(folios, beforeRewrite: checkpoints.discard)
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
        checkpoints.discard()
        try journal.rotate(to: files.journal)
        opensASession = false
        return files
    }
}

extension JournalEntry {
    var opensSession: Bool { if case .sessionOpened = fact { true } else { false } }
}
