import AudienciaCore
import Foundation
import Glibc

/// The write-ahead journal of the current session: facts are appended as hash-chained JSON
/// lines and made durable with one fsync per batch, before anything they cause leaves the
/// server. Mode 0600: it holds personal data.
///
/// The service thread only hands entries over; a serial queue seals them into lines (JSON,
/// SHA-256) on the other core while the service thread reads the next messages, and writes and
/// fsyncs a batch when asked (`requestCommit`), waking the service loop when it is on disk.
/// The synchronous operations (`commit`, `redact`, `rotate`, the chain head) wait for the queue.
final class ChainedJournal<Entry: JournalPayload> {
    let url: URL
    private let file: ChainedJournalFile<Entry>
    private let queue = DispatchQueue(label: "audiencia-journal")
    /// The number of the last line appended, durable or not.
    private(set) var lastNumber: Int64
    /// The last line a commit was asked for.
    private var requested: Int64
    /// Lines of the journals this one was rotated from: `appended` and `durable` count on
    /// across a rotation, so what waits for the old journal's lines is not held by the new one.
    private var rotatedLines: Int64 = 0

    /// Opens `url` for appending after `contents` (what `JournalReader` found there), cutting
    /// off a torn last line first.
    init(url: URL, continuing contents: ChainedJournalReader<Entry>.Contents) throws(ServerError) {
        self.url = url
        file = try ChainedJournalFile(url: url, continuing: contents)
        lastNumber = contents.lastNumber
        requested = contents.lastNumber
    }

    /// Hands `entry` over as the next line; durable only after a commit.
    func append(_ entry: Entry) {
        lastNumber += 1
        hand(.entry(entry))
    }

    /// Runs `work` on the journal's queue, in order with the appends: it is done by the time
    /// any commit asked for after it is durable.
    func alongside(_ work: @escaping @Sendable () -> Void) {
        hand(.task(work))
    }

    private func hand(_ handed: ChainedJournalFile<Entry>.Handed) {
        if file.receive(handed) { queue.async { [file] in file.sealReceived() } }
    }

    /// The last line on disk.
    var durableNumber: Int64 { file.durableNumber }
    /// Lines appended and not yet durable.
    var pending: Int { Int(lastNumber - durableNumber) }
    /// Lines appended since the journal was opened, rotations included.
    var appended: Int64 { rotatedLines + lastNumber }
    /// Of `appended`, those on disk.
    var durable: Int64 { rotatedLines + durableNumber }
    /// The hash of the last line appended: the chain head.
    var head: String { queue.sync { file.head } }
    /// Bytes of the file written so far: after a commit, where the next line will start.
    var writtenLength: Int { queue.sync { file.writtenLength } }

    /// Writes what was appended and waits for the disk (fsync). Several appends share one call.
    func commit() throws(JournalCommitError) {
        _ = try queue.sync { Result { () throws(JournalCommitError) in try file.flush() } }.get()
        requested = lastNumber
    }

    /// Asks for what was appended to be made durable without waiting: `wake` is called when
    /// the commit is over, and `takeOutcome` tells how it went.
    func requestCommit(then wake: @escaping @Sendable () -> Void) {
        guard lastNumber > requested else { return }
        requested = lastNumber
        queue.async { [file] in
            file.flushRecordingOutcome()
            wake()
        }
    }

    /// Whether a commit asked for with `requestCommit` is not over yet.
    var isCommitInFlight: Bool { requested > durableNumber }

    /// How the requested commits went since the last call. After a failed write the next
    /// request tries again from where it stopped.
    func takeOutcome() -> ChainedJournalFile<Entry>.CommitOutcome {
        let outcome = file.takeOutcome()
        if outcome.failure != nil { requested = durableNumber }
        return outcome
    }

    /// Seals the personal data of `folios` in the committed file (an ARCO cancellation) and
    /// goes on appending to the rewritten file. The chain and its head do not change.
    /// `beforeRewrite` runs only if some line changes, before the file is replaced: whatever
    /// points into the old file's bytes (a checkpoint) goes first.
    func redact(_ folios: Set<Folio>, beforeRewrite: () -> Void = {}) throws {
        try commit()
        let bytes = Array(try Data(contentsOf: url))
        guard let redacted = try JournalRedaction.redact(bytes, folios: folios) else { return }
        beforeRewrite()
        let fresh = try FileReplacement.replaceKeepingOpen(url, contents: redacted, mode: 0o600)
        queue.sync { file.reopened(fresh, length: redacted.count) }
    }

    /// Moves the committed journal to `destination` (never overwriting) and starts an empty
    /// one in its place: the closed session's journal goes with its archive.
    func rotate(to destination: URL) throws(ServerError) {
        do {
            try commit()
        } catch {
            throw error.underlying
        }
        if link(url.path, destination.path) != 0 {
            // A crash between link and unlink leaves both names on the same file: finish it.
            guard errno == EEXIST, Self.sameFile(url.path, destination.path) else {
                throw .storage(path: destination.path, reason: errno == EEXIST ? "ya existe; no se sobrescribe" : Self.errnoText("link"))
            }
        }
        guard unlink(url.path) == 0 else { throw .storage(path: url.path, reason: Self.errnoText("unlink")) }
        let fresh = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fresh >= 0 else { throw .storage(path: url.path, reason: Self.errnoText("open")) }
        queue.sync { file.reopened(fresh, length: 0, chain: (0, ChainedRecord<Entry>.genesis)) }
        DurableFile.syncDirectory(of: url.path)
        DurableFile.syncDirectory(of: destination.path)
        rotatedLines += lastNumber
        lastNumber = 0
        requested = 0
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0
            && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func errnoText(_ call: String) -> String {
        ChainedJournalFile<Entry>.errnoText(call)
    }
}

typealias Journal = ChainedJournal<JournalEntry>

/// Why a commit failed: a write can be retried, a failed fsync cannot.
enum JournalCommitError: Error {
    case writeFailed(ServerError)
    case syncFailed(ServerError)

    var underlying: ServerError {
        switch self {
        case .writeFailed(let error), .syncFailed(let error): error
        }
    }
}
