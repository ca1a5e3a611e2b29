import AudienciaCore
import Foundation
import Logging

/// What a restart really costs with the server's own path (`AudienciaServer.recover`: the
/// checkpoint, then the journal lines after it), and what a checkpoint costs the service
/// thread that asks for it and the queue that writes it.
extension DurabilityBenchmark {
    public struct RestartFigures: Sendable {
        public var checkpointEvery: Int
        /// Journal lines the checkpoint covers; the rest (`tailEvents`, one less than
        /// `checkpointEvery`: the most a crash can leave) are read and replayed.
        public var checkpointEntries: Int
        public var tailEvents: Int
        public var checkpointBytes: Int
        /// `AudienciaServer.recover`, end to end, from the checkpoint and the tail.
        public var restart: Timing
        /// The service thread's part of a checkpoint (copy of the room, hand-over to the queue).
        public var ask: Timing
        /// The queue's part: encoding the room of the last session and writing it durably.
        public var write: Timing
        /// The first change to the room after asking (a rectification and an announcement),
        /// which copies the storage the checkpoint still shares, and the same change without a
        /// checkpoint in flight: the difference is the rest of what the service thread pays.
        public var firstChange: Timing
        public var sameChange: Timing
        /// The restored room equals the one replayed from the first line.
        public var matches: Bool
    }

    static func measureRestart(entries: [JournalEntry], records: [ChainedRecord<JournalEntry>], catalog: Catalog,
                               dataFolder: DataFolder, journal: Journal, expected: Hearing, every: Int,
                               repetitions: Int, scratch: URL, progress: (String) -> Void) throws -> RestartFigures {
        let quiet = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
        // What the service thread and the queue spend, on the room after the whole journal.
        var asks: [Double] = [], writes: [Double] = [], firstChanges: [Double] = [], sameChanges: [Double] = []
        let change = changes(to: expected)
        for run in 1...repetitions {
            let folder = scratch.appendingPathComponent("checkpoint-\(run)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let writer = CheckpointWriter(url: folder.appendingPathComponent("checkpoint.json"), every: every,
                                          baseHistory: HearingHistory(), covered: 0, logger: quiet)
            var live = Hearing(catalog: catalog, snapshot: expected.snapshot)
            let ((), ask) = Stopwatch.milliseconds { writer.write(live, journal: journal, wait: false) }
            let ((), first) = Stopwatch.milliseconds { live.replay(change) }
            let ((), written) = Stopwatch.milliseconds { writer.drain() }
            let ((), same) = Stopwatch.milliseconds { live.replay(change) }
            asks.append(ask)
            writes.append(written + ask + first)
            firstChanges.append(first)
            sameChanges.append(same)
        }

        // The checkpoint a crash would find at its worst: `every - 1` lines before the next one.
        let cut = max(entries.count - (every - 1), 1)
        let bytes = Array(try Data(contentsOf: dataFolder.journalFile))
        var offset = 0, newlines = 0
        while newlines < cut, let end = bytes[offset...].firstIndex(of: 10) {
            offset = end + 1
            newlines += 1
        }
        let covered = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: entries[..<cut])
        try RoomCheckpoint.write(covered.snapshot, cover: .init(entries: Int64(cut), offset: Int64(offset),
                                                               hash: records[cut - 1].hash, baseHistory: HearingHistory()),
                                 to: dataFolder.checkpointFile)
        let checkpointBytes = (try FileManager.default.attributesOfItem(atPath: dataFolder.checkpointFile.path)[.size]
            as? NSNumber)?.intValue ?? 0

        var restarts: [Double] = []
        var matches = true
        for run in 1...repetitions {
            let ((recorder, hearing), milliseconds) = try Stopwatch.milliseconds {
                try AudienciaServer.recover(catalog: catalog, history: HearingHistory(), dataFolder: dataFolder,
                                            checkpointEvery: every, logger: quiet)
            }
            restarts.append(milliseconds)
            matches = matches && hearing == expected && recorder.checkpoints.covered == Int64(cut)
            progress("reinicio \(run)/\(repetitions): \(String(format: "%.1f", milliseconds)) ms")
        }
        guard matches else { throw BenchmarkError.mismatch("la sala reiniciada desde el punto de control no es la reproducida") }
        return RestartFigures(checkpointEvery: every, checkpointEntries: cut, tailEvents: entries.count - cut,
                              checkpointBytes: checkpointBytes, restart: Timing(restarts), ask: Timing(asks),
                              write: Timing(writes), firstChange: Timing(firstChanges), sameChange: Timing(sameChanges),
                              matches: matches)
    }

    /// A change that touches the petitions and the minutes, as most facts do.
    private static func changes(to hearing: Hearing) -> [JournalEntry] {
        let at = hearing.timeline.last?.at ?? Instant(millisecondsSinceEpoch: 0)
        var entries = [JournalEntry(at: at, fact: .announcementPosted(Announcement(number: 99, at: at, text: "Aviso")))]
        if let folio = hearing.checkInOrder.last, let data = hearing.petitions[folio]?.citizen {
            entries.append(JournalEntry(at: at, fact: .personalDataRectified(folio, data, by: nil)))
        }
        return entries
    }
}
