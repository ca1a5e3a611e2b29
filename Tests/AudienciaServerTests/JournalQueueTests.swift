@testable import AudienciaServer
import AudienciaCore
import Foundation
import Glibc
import Synchronization
import Testing

/// The journal's own queue: lines sealed off the service thread, commits asked for without
/// waiting, and the counts that tell held deliveries when they may leave.
@Suite struct JournalQueueTests {
    private func folder() throws -> DataFolder { try .temporary("queue") }

    private func entry(_ number: Int) -> JournalEntry {
        JournalEntry(at: Instant(millisecondsSinceEpoch: 1_795_971_600_000 + Int64(number) * 1000),
                     fact: .announcementPosted(Announcement(number: number, at: Instant(millisecondsSinceEpoch: 0), text: "Aviso \(number)")))
    }

    /// Counts calls made from any thread.
    private final class Tally: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }

        /// Waits (bounded, two seconds) for the count to reach `target`.
        func reaches(_ target: Int) -> Bool {
            for _ in 0..<2000 {
                if value >= target { return true }
                usleep(1000)
            }
            return false
        }
    }

    @Test func aRequestedCommitIsDurableWhenItWakesTheLoop() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        let wakes = Tally()
        (1...3).forEach { recorder.append(entry($0)) }
        #expect(recorder.appended == 3)
        #expect(recorder.hasPending)

        recorder.requestCommit { wakes.add() }
        #expect(wakes.reaches(1))
        #expect(recorder.durable == 3)
        #expect(!recorder.hasPending)
        // Read back by an independent reader: the lines are on disk, chained, in order.
        #expect(try JournalReader.read(data.journalFile).entries == [entry(1), entry(2), entry(3)])
        let outcome = recorder.takeCommitOutcome()
        #expect(outcome.failure == nil)
        #expect(outcome.seconds.count == 1)
        #expect(recorder.takeCommitOutcome().seconds.isEmpty, "each commit is reported once")
    }

    @Test func nothingNewAppendedAsksForNoCommit() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        let wakes = Tally()
        recorder.append(entry(1))
        recorder.requestCommit { wakes.add() }
        #expect(wakes.reaches(1))
        recorder.requestCommit { wakes.add() }
        // Waits for the queue: a second commit, had one been asked for, would have woken it.
        try recorder.commit()
        #expect(wakes.value == 1)
    }

    @Test func countsGoOnAcrossARotation() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        (1...4).forEach { recorder.append(entry($0)) }
        try recorder.commit()
        try recorder.journal.rotate(to: data.root.appendingPathComponent("old.jsonl"))
        #expect(recorder.journal.lastNumber == 0)
        #expect(recorder.appended == 4 && recorder.durable == 4,
                "what waited for the old journal's lines is not held by the new numbering")
        recorder.append(entry(5))
        #expect(recorder.appended == 5 && recorder.durable == 4)
        try recorder.commit()
        #expect(recorder.durable == 5)
        #expect(try JournalReader.read(data.journalFile).records.map(\.number) == [1])
    }

    @Test func workHandedAlongsideIsDoneByTheTimeALaterCommitIs() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        let wakes = Tally()
        let encodings = Tally()
        let prepared = PreparedBytes {
            encodings.add()
            return Array("listo".utf8)
        }
        recorder.append(entry(1))
        recorder.prepare([prepared])
        recorder.requestCommit { wakes.add() }
        #expect(wakes.reaches(1))
        #expect(encodings.value == 1, "encoded on the queue before the commit woke the loop")
        #expect(prepared.take() == Array("listo".utf8))
        #expect(encodings.value == 1, "taking ready bytes encodes nothing")
    }

    @Test func aRefusedFsyncFailsEveryLaterCommit() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let file = try ChainedJournalFile<JournalEntry>(url: data.journalFile,
                                                        continuing: try JournalReader.read(data.journalFile))
        // fsync on a pipe is refused (EINVAL): a disk that will not confirm.
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]) }
        file.reopened(pipeEnds[1], length: 0)
        _ = file.receive(.entry(entry(1)))
        #expect(Self.isSyncFailure { () throws(JournalCommitError) in try file.flush() })

        // Back on a file that would take an fsync: a second fsync may report success for pages
        // Linux dropped, so the journal must not believe one.
        let good = open(data.journalFile.path, O_WRONLY | O_CREAT, 0o600)
        #expect(good >= 0)
        file.reopened(good, length: 0)
        _ = file.receive(.entry(entry(2)))
        #expect(Self.isSyncFailure { () throws(JournalCommitError) in try file.flush() })
        #expect(file.durableNumber == 0)

        file.flushRecordingOutcome()
        let outcome = file.takeOutcome()
        if case .syncFailed = outcome.failure {} else { Issue.record("outcome: \(String(describing: outcome.failure))") }
    }

    private static func isSyncFailure(_ commit: () throws(JournalCommitError) -> Bool) -> Bool {
        do {
            _ = try commit()
            return false
        } catch {
            if case .syncFailed = error { return true }
            return false
        }
    }

    @Test func bytesTakenBeforeTheQueueGotToThemAreEncodedOnceThere() {
        let encodings = Tally()
        let prepared = PreparedBytes {
            encodings.add()
            return [1, 2, 3]
        }
        #expect(prepared.take() == [1, 2, 3])
        prepared.prepare()  // the queue, late: nothing to do any more
        #expect(encodings.value == 1)
    }
}
