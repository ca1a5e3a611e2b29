import Foundation
import Glibc
import Synchronization

/// The journal's file and the end of its chain, worked on by the journal's own queue (see
/// `ChainedJournal`): entries handed over by the service thread are sealed into lines here, on
/// the machine's other core, while the service thread goes on reading the next messages.
/// The file and the chain (`state`) are touched only on that queue, or by the service thread
/// through `queue.sync`; what the service thread reads while the queue works (the durable
/// count, the commits' outcome) has its own atomic and lock, so it never waits for an fsync.
final class ChainedJournalFile<Entry: JournalPayload>: Sendable {
    let url: URL

    private struct State {
        var fd: Int32
        /// Sealed lines not yet written.
        var buffer: [UInt8] = []
        var lastNumber: Int64
        var head: String
        var writtenLength: Int
        /// A refused fsync, kept: Linux may have dropped the dirty pages and would report the
        /// next fsync as a success, so no later commit may succeed.
        var syncFailure: JournalCommitError?
    }

    /// What the commits made off the service thread did, for it to act on (see `takeOutcome`).
    struct CommitOutcome: Sendable {
        var failure: JournalCommitError?
        var seconds: [Double] = []
    }

    private let state: Mutex<State>
    /// The last line known to be on disk (fsynced).
    private let durable: Atomic<Int64>
    /// What the asynchronous commits did since the service thread last looked.
    private let outcome = Mutex(CommitOutcome())

    /// What the service thread hands over, in order: lines to seal, and other work that should
    /// be done by the time the lines before it are durable (see `PreparedBytes`).
    enum Handed: Sendable {
        case entry(Entry)
        case task(@Sendable () -> Void)
    }

    /// Handed over and not yet done, in order.
    private let inbox = Mutex<[Handed]>([])

    init(url: URL, continuing contents: ChainedJournalReader<Entry>.Contents) throws(ServerError) {
        self.url = url
        let fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: url.path, reason: Self.errnoText("open")) }
        guard ftruncate(fd, off_t(contents.validLength)) == 0,
              lseek(fd, off_t(contents.validLength), SEEK_SET) >= 0 else {
            close(fd)
            throw .storage(path: url.path, reason: Self.errnoText("ftruncate"))
        }
        state = Mutex(State(fd: fd, lastNumber: contents.lastNumber, head: contents.head,
                            writtenLength: contents.validLength))
        durable = Atomic(contents.lastNumber)
    }

    deinit { state.withLock { _ = close($0.fd) } }

    /// Queues `handed`; true when the inbox was empty, so the caller schedules `sealReceived`.
    func receive(_ handed: Handed) -> Bool {
        inbox.withLock { inbox in
            inbox.append(handed)
            return inbox.count == 1
        }
    }

    /// Seals every entry received so far into lines, and runs the tasks between them in
    /// order (on the journal's queue).
    func sealReceived() {
        let received = inbox.withLock { inbox in
            defer { inbox = [] }
            return inbox
        }
        var sealed = false
        for handed in received {
            switch handed {
            case .entry(let entry):
                sealed = true
                state.withLock { state in
                    let record = ChainedRecord(number: state.lastNumber + 1, previous: state.head, entry: entry)
                    state.buffer += record.line
                    state.lastNumber = record.number
                    state.head = record.hash
                }
            case .task(let work):
                work()
            }
        }
        // SHA-256 left OpenSSL state on this pool thread: freed now, not by the thread's exit,
        // which could race with OpenSSL's own clean-up at the process's exit (see Crypto).
        if sealed { Crypto.releaseThreadState() }
    }

    var durableNumber: Int64 { durable.load(ordering: .acquiring) }
    var head: String { state.withLock { $0.head } }
    var writtenLength: Int { state.withLock { $0.writtenLength } }

    /// Seals what was received, writes it and waits for the disk (fsync); true if there was
    /// anything to make durable. Bytes leave the buffer as they are written, so a retry after
    /// a failed write continues where it stopped instead of writing lines twice.
    @discardableResult
    func flush() throws(JournalCommitError) -> Bool {
        sealReceived()
        return try state.withLock { (state: inout State) throws(JournalCommitError) -> Bool in
            if let failure = state.syncFailure { throw failure }
            guard durable.load(ordering: .acquiring) < state.lastNumber else { return false }
            while !state.buffer.isEmpty {
                let written = state.buffer.withUnsafeBytes { write(state.fd, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw .writeFailed(.storage(path: url.path, reason: Self.errnoText("write"))) }
                state.buffer.removeFirst(written)
                state.writtenLength += written
            }
            // After a failed fsync Linux may drop the dirty pages and report the next fsync as
            // a success: there is no safe retry, so the caller must stop, and so must every
            // later commit.
            guard fsync(state.fd) == 0 else {
                let failure = JournalCommitError.syncFailed(.storage(path: url.path, reason: Self.errnoText("fsync")))
                state.syncFailure = failure
                throw failure
            }
            durable.store(state.lastNumber, ordering: .releasing)
            return true
        }
    }

    /// `flush`, keeping its outcome and time for the service thread (`takeOutcome`). A refused
    /// fsync is never replaced by a later, lesser failure.
    func flushRecordingOutcome() {
        let started = SystemClock.monotonicSeconds()
        let failure: JournalCommitError?
        var wrote = false
        do {
            wrote = try flush()
            failure = nil
        } catch {
            failure = error
        }
        let seconds = SystemClock.monotonicSeconds() - started
        outcome.withLock { outcome in
            if let failure {
                if case .syncFailed = outcome.failure {} else { outcome.failure = failure }
            } else if wrote {
                outcome.seconds.append(seconds)
            }
        }
    }

    /// What the asynchronous commits did since the last call.
    func takeOutcome() -> CommitOutcome {
        outcome.withLock { outcome in
            defer { outcome = CommitOutcome() }
            return outcome
        }
    }

    /// Swaps in a new descriptor for the file (after a rewrite or a rotation).
    func reopened(_ fd: Int32, length: Int, chain: (lastNumber: Int64, head: String)? = nil) {
        state.withLock { state in
            close(state.fd)
            state.fd = fd
            state.writtenLength = length
            if let chain {
                state.lastNumber = chain.lastNumber
                durable.store(chain.lastNumber, ordering: .releasing)
                state.head = chain.head
            }
        }
    }

    static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
