import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaWire
import Foundation

/// What durability costs, measured on the real code paths: a journal synthesised through
/// `Hearing.handle` and written with the server's `Journal`, then read back the way a
/// restart does (`JournalReader.read`: read, check every hash and link, decode; then
/// `Hearing.restored`), and a session's two archive records written with
/// `DataFolder.writeArchive` (encode, fsync, link, directory fsync).
public enum DurabilityBenchmark {
    public struct Figures: Sendable {
        public var events: Int
        public var sessions: Int
        public var journalBytes: Int
        /// Appending (encode + SHA-256 chain) and committing in batches of `commitBatch`.
        public var journalWriteMilliseconds: Double
        public var commitBatch: Int
        /// Read + verify + decode + restore, end to end.
        public var replay: Timing
        /// The part of `replay` spent in `JournalReader.read` (read, verify, decode).
        public var replayRead: Timing
        /// The part of `replay` spent in `Hearing.restored`.
        public var replayRestore: Timing
        public var replayedEvents: Int
        /// The hearing restored from disk equals the one restored from the entries in memory.
        public var restoredMatches: Bool
        /// A restart as the server does it: checkpoint, then the lines after it.
        public var restart: RestartFigures
        public var archivePetitions: Int
        public var archiveTimelineEntries: Int
        /// `DataFolder.writeArchive`: both records encoded, written and made durable.
        public var archive: Timing
        /// The part of `archive` spent building and serialising the two JSON documents.
        public var archiveEncode: Timing
        public var archivePublicBytes: Int
        public var archiveProtectedBytes: Int
        public var cores: Int
        public var optimized: Bool

        /// One JSON object on one line, for scripts and docs/performance.md.
        public var jsonLine: String {
            func ms(_ value: Double) -> JSON { .double((value * 100).rounded() / 100) }
            func timing(_ t: Timing) -> JSON { .object(["min": ms(t.min), "median": ms(t.median), "runs": .int(Int64(t.runs))]) }
            let object: JSONObject = [
                "benchmark": "durability",
                "build": .string(optimized ? "release" : "debug"),
                "events": .int(Int64(events)),
                "sessions": .int(Int64(sessions)),
                "journalBytes": .int(Int64(journalBytes)),
                "journalWriteMs": ms(journalWriteMilliseconds),
                "commitBatch": .int(Int64(commitBatch)),
                "replayMs": timing(replay),
                "replayReadMs": timing(replayRead),
                "replayRestoreMs": timing(replayRestore),
                "replayedEvents": .int(Int64(replayedEvents)),
                "restoredMatches": .bool(restoredMatches),
                "restartMs": timing(restart.restart),
                "restartCheckpointEvery": .int(Int64(restart.checkpointEvery)),
                "restartTailEvents": .int(Int64(restart.tailEvents)),
                "restartMatches": .bool(restart.matches),
                "checkpointBytes": .int(Int64(restart.checkpointBytes)),
                "checkpointAskMs": .object(["min": .double(restart.ask.min), "median": .double(restart.ask.median),
                                            "runs": .int(Int64(restart.ask.runs))]),
                "checkpointWriteMs": timing(restart.write),
                "checkpointFirstChangeMs": .object(["min": .double(restart.firstChange.min),
                                                    "median": .double(restart.firstChange.median)]),
                "sameChangeMs": .object(["min": .double(restart.sameChange.min), "median": .double(restart.sameChange.median)]),
                "archivePetitions": .int(Int64(archivePetitions)),
                "archiveTimelineEntries": .int(Int64(archiveTimelineEntries)),
                "archiveMs": timing(archive),
                "archiveEncodeMs": timing(archiveEncode),
                "archiveBytes": .object(["public": .int(Int64(archivePublicBytes)),
                                         "protected": .int(Int64(archiveProtectedBytes))]),
                "cores": .int(Int64(cores)),
            ]
            return String(decoding: JSON.object(object).serialized(), as: UTF8.self)
        }
    }

    /// - Parameters:
    ///   - events: journal entries to synthesise and replay (whole sessions, the last one cut
    ///     where the count is reached, as a crash would leave it).
    ///   - petitions: check-ins per simulated four-hour session; the archive timed is one such session's.
    ///   - directory: where a scratch data folder is made; it is removed afterwards.
    public static func run(events: Int, petitions: Int, repetitions: Int = 5, seeds: URL, directory: URL,
                           progress: (String) -> Void = { _ in }) throws -> Figures {
        let catalog = try SeedLoader.load(from: seeds)
        var simulator = try SessionSimulator(catalog: catalog)
        // Bounded: a session always adds entries, so this ends; the cap guards against a bug.
        while simulator.entries.count < events && simulator.sessionsPlayed < 100_000 {
            try simulator.playSession(petitions: petitions)
        }
        guard let archive = simulator.lastArchive else { throw BenchmarkError.simulation("ninguna sesión cerró") }
        let entries = Array(simulator.entries.prefix(events))
        progress("simuladas \(simulator.sessionsPlayed) sesiones de \(petitions) peticiones: \(simulator.entries.count) hechos, se usan \(entries.count)")

        let scratch = directory.appendingPathComponent("audiencia-bench-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dataFolder = DataFolder(root: scratch.appendingPathComponent("data"))
        try dataFolder.prepare()

        // Write the journal as the server does: append (encode, hash chain), commit (write, fsync).
        let commitBatch = 100
        let journal = try Journal(url: dataFolder.journalFile,
                                  continuing: JournalReader.Contents(records: [], validLength: 0, tornTail: false))
        let (_, writeMilliseconds) = try Stopwatch.milliseconds {
            for (index, entry) in entries.enumerated() {
                journal.append(entry)
                if (index + 1) % commitBatch == 0 { try journal.commit() }
            }
            try journal.commit()
        }
        let journalBytes = try fileSize(dataFolder.journalFile)
        progress("diario escrito: \(journalBytes) bytes en \(Int(writeMilliseconds)) ms")

        let expected = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: entries)
        var totals: [Double] = [], reads: [Double] = [], restores: [Double] = []
        var replayedEvents = 0
        var matches = true
        for run in 1...repetitions {
            let (contents, readMilliseconds) = try Stopwatch.milliseconds { try JournalReader.read(dataFolder.journalFile) }
            let (restored, restoreMilliseconds) = Stopwatch.milliseconds {
                Hearing.restored(catalog: catalog, history: HearingHistory(), journal: contents.entries)
            }
            reads.append(readMilliseconds)
            restores.append(restoreMilliseconds)
            totals.append(readMilliseconds + restoreMilliseconds)
            replayedEvents = contents.records.count
            matches = matches && !contents.tornTail && contents.head == journal.head && restored == expected
            progress("reproducción \(run)/\(repetitions): \(String(format: "%.1f", readMilliseconds + restoreMilliseconds)) ms")
        }
        guard replayedEvents == entries.count, matches else {
            throw BenchmarkError.mismatch("se reprodujeron \(replayedEvents) de \(entries.count) hechos, sala igual: \(matches)")
        }

        var lastRecords: [ChainedRecord<JournalEntry>] = []
        if let contents = try? JournalReader.read(dataFolder.journalFile) { lastRecords = contents.records }
        let restart = try measureRestart(entries: entries, records: lastRecords, catalog: catalog, dataFolder: dataFolder,
                                         journal: journal, expected: expected, every: ServerConfiguration().checkpointEvery,
                                         repetitions: repetitions, scratch: scratch, progress: progress)

        var writes: [Double] = [], encodes: [Double] = []
        var publicBytes = 0, protectedBytes = 0
        for run in 1...repetitions {
            let folder = DataFolder(root: scratch.appendingPathComponent("archive-\(run)"))
            try folder.prepare()  // the real close finds archive/ already there
            let ((), milliseconds) = try Stopwatch.milliseconds { try folder.writeArchive(archive, journalHead: journal.head) }
            writes.append(milliseconds)
            let (_, encodeMilliseconds) = Stopwatch.milliseconds {
                (ArchiveEncoder.protectedRecord(archive, journalHead: journal.head).serialized(.indented).count,
                 ArchiveEncoder.publicRecord(archive, journalHead: journal.head).serialized(.indented).count)
            }
            encodes.append(encodeMilliseconds)
            let files = folder.archiveFiles(for: archive.session.id)
            publicBytes = try fileSize(files.public)
            protectedBytes = try fileSize(files.protected)
            progress("archivo \(run)/\(repetitions): \(String(format: "%.1f", milliseconds)) ms")
        }

        #if DEBUG
        let optimized = false
        #else
        let optimized = true
        #endif
        return Figures(
            events: entries.count, sessions: simulator.sessionsPlayed, journalBytes: journalBytes,
            journalWriteMilliseconds: writeMilliseconds, commitBatch: commitBatch,
            replay: Timing(totals), replayRead: Timing(reads), replayRestore: Timing(restores),
            replayedEvents: replayedEvents, restoredMatches: matches, restart: restart,
            archivePetitions: archive.protectedRecord.petitions.count,
            archiveTimelineEntries: archive.publicRecord.timeline.count,
            archive: Timing(writes), archiveEncode: Timing(encodes),
            archivePublicBytes: publicBytes, archiveProtectedBytes: protectedBytes,
            cores: ProcessInfo.processInfo.activeProcessorCount, optimized: optimized)
    }

    private static func fileSize(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
