import AudienciaCore
import Foundation
import Glibc

/// The write-ahead journal of the current session: facts are appended as hash-chained JSON
/// lines and made durable with one fsync per batch (`commit`), before anything they cause
/// leaves the server. Owns its file descriptor. Mode 0600: it holds personal data.
final class ChainedJournal<Entry: JournalPayload> {
    let url: URL
    private var fd: Int32
    private var buffer: [UInt8] = []
    private(set) var lastNumber: Int64
    /// The hash of the last line appended: the chain head.
    private(set) var head: String
    /// Lines appended and not yet durable.
    private(set) var pending = 0
    /// Bytes of the file written so far: after a commit, where the next line will start.
    private(set) var writtenLength: Int

    /// Opens `url` for appending after `contents` (what `JournalReader` found there), cutting
    /// off a torn last line first.
    init(url: URL, continuing contents: ChainedJournalReader<Entry>.Contents) throws(ServerError) {
        self.url = url
        lastNumber = contents.lastNumber
        head = contents.head
        writtenLength = contents.validLength
        fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: url.path, reason: Self.errnoText("open")) }
        guard ftruncate(fd, off_t(contents.validLength)) == 0,
              lseek(fd, off_t(contents.validLength), SEEK_SET) >= 0 else {
            close(fd)
            throw .storage(path: url.path, reason: Self.errnoText("ftruncate"))
        }
    }

    deinit { close(fd) }

    /// Buffers `entry` as the next line; durable only after `commit`.
    func append(_ entry: Entry) {
        let record = ChainedRecord(number: lastNumber + 1, previous: head, entry: entry)
        buffer += record.line
        lastNumber = record.number
        head = record.hash
        pending += 1
    }

    /// Writes what is buffered and waits for the disk (fsync). Several appends share one call.
    /// Bytes leave the buffer as they are written, so a retry after a failed write continues
    /// where it stopped instead of writing lines twice.
    func commit() throws(JournalCommitError) {
        guard pending > 0 else { return }
        while !buffer.isEmpty {
            let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw .writeFailed(.storage(path: url.path, reason: Self.errnoText("write"))) }
            buffer.removeFirst(written)
            writtenLength += written
        }
        // After a failed fsync Linux may drop the dirty pages and report the next fsync as a
        // success: there is no safe retry, so the caller must stop.
        guard fsync(fd) == 0 else { throw .syncFailed(.storage(path: url.path, reason: Self.errnoText("fsync"))) }
        pending = 0
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
        close(fd)
        fd = fresh
        writtenLength = redacted.count
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
        close(fd)
        fd = fresh
        DurableFile.syncDirectory(of: url.path)
        DurableFile.syncDirectory(of: destination.path)
        lastNumber = 0
        head = ChainedRecord<Entry>.genesis
        writtenLength = 0
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0
            && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
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
