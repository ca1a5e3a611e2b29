@testable import AudienciaServer
import AudienciaCore
import AudienciaSeeds
import AudienciaWire
import Foundation
import Testing

/// Checkpoints of the room: the room restored from a checkpoint and the journal lines after it
/// is exactly the room replayed from the first line, and any doubt about a checkpoint means a
/// full replay, never a different room.
@Suite struct CheckpointTests {
    private static let seeds = LiveServer.repository.appendingPathComponent("seeds")

    /// The durability benchmark's simulated sessions: check-ins, calls, outcomes, transfers,
    /// moves, announcements, leaving, closes with the rest carried forward.
    private func simulated(events: Int) throws -> (Catalog, [JournalEntry]) {
        let catalog = try SeedLoader.load(from: Self.seeds)
        var simulator = try SessionSimulator(catalog: catalog)
        while simulator.entries.count < events && simulator.sessionsPlayed < 100 {
            try simulator.playSession(petitions: 60)
        }
        return (catalog, Array(simulator.entries.prefix(events)))
    }

    private func folder() throws -> DataFolder { try .temporary("checkpoint") }

    @Test func checkpointPlusTailIsTheFullReplayAtEveryCut() throws {
        let (catalog, entries) = try simulated(events: 1_500)
        let full = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: entries)
        var sessionsSeen = Set<String>()
        for cut in stride(from: 1, to: entries.count, by: 37) {
            let prefix = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: entries[..<cut])
            let cover = CheckpointCover(entries: Int64(cut), offset: 1, hash: "h", baseHistory: HearingHistory())
            let (snapshot, readCover) = try CheckpointCodec.decode(CheckpointCodec.encode(prefix.snapshot, cover: cover))
            #expect(readCover == cover)
            #expect(snapshot == prefix.snapshot)
            #expect(Hearing(catalog: catalog, snapshot: snapshot) == prefix, "cut at \(cut)")
            var resumed = Hearing(catalog: catalog, snapshot: snapshot)
            resumed.replay(entries[cut...])
            #expect(resumed == full, "cut at \(cut)")
            if let id = prefix.session?.id { sessionsSeen.insert(id) }
        }
        // The cuts fall in several sessions, in every phase.
        #expect(sessionsSeen.count >= 3)
    }

    @Test func aRestartUsesTheCheckpointAndReadsOnlyTheLinesAfterIt() throws {
        let (catalog, entries) = try simulated(events: 700)
        let opening = entries.firstIndex { $0.opensSession } ?? 0
        let journalEntries = Array(entries[opening...])
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }

        let (recorder, _, _) = try SessionRecorder.open(data, checkpointEvery: 100)
        var hearing = Hearing(catalog: catalog)
        for entry in journalEntries {
            recorder.append(entry)
            hearing.replay([entry])
            try recorder.commit()
            recorder.checkpointIfDue(hearing, quiet: true)
        }
        recorder.checkpoints.drain()
        var mode = stat()
        #expect(stat(data.checkpointFile.path, &mode) == 0 && mode.st_mode & 0o777 == 0o600)

        let (reopened, found) = try SessionRecorder.open(data, baseHistory: HearingHistory(), checkpointEvery: 100,
                                                         logger: .init(label: "test"))
        let snapshot = try #require(found.checkpoint)
        #expect(found.doubt == nil)
        #expect(found.entries.count < 100 && found.entries.count == journalEntries.count - Int(reopened.checkpoints.covered))
        var restored = Hearing(catalog: catalog, snapshot: snapshot)
        restored.replay(found.entries)
        #expect(restored == Hearing.restored(catalog: catalog, history: HearingHistory(), journal: journalEntries))
        #expect(reopened.journal.lastNumber == Int64(journalEntries.count))
        #expect(reopened.journal.head == recorder.journal.head)
    }

    /// While input keeps coming a due checkpoint waits for a quiet moment, but never past twice
    /// its cadence; a quiet moment takes it at once.
    @Test func aBusyServerPutsTheCheckpointOffUntilQuietOrTwiceDue() throws {
        let (catalog, entries) = try simulated(events: 200)
        let opening = entries.firstIndex { $0.opensSession } ?? 0
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data, checkpointEvery: 10)
        var hearing = Hearing(catalog: catalog)
        var coveredAfter: [Int64] = []
        for entry in entries[opening..<(opening + 35)] {
            recorder.append(entry)
            hearing.replay([entry])
            try recorder.commit()
            recorder.checkpointIfDue(hearing, quiet: recorder.journal.lastNumber == 33)
            coveredAfter.append(recorder.checkpoints.covered)
        }
        recorder.checkpoints.drain()
        // Busy from line 10 to 19: put off; line 20 is twice due; line 30 is due but busy;
        // line 33 is quiet.
        #expect(coveredAfter[..<19].allSatisfy { $0 == 0 })
        #expect(coveredAfter[19..<32].allSatisfy { $0 == 20 })
        #expect(coveredAfter[32...].allSatisfy { $0 == 33 })
        let (_, found) = try SessionRecorder.open(data, baseHistory: HearingHistory(), checkpointEvery: 10,
                                                  logger: .init(label: "test"))
        #expect(found.checkpoint != nil && found.entries.count == 2)
    }

    /// Writes a short session with a checkpoint after its 20th line, then damages something.
    private func journalWithCheckpoint(_ damage: (DataFolder) throws -> Void,
                                       afterOpening inspect: (DataFolder) throws -> Void = { _ in }) throws -> SessionRecorder.Found {
        let (catalog, entries) = try simulated(events: 200)
        let opening = entries.firstIndex { $0.opensSession } ?? 0
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data, checkpointEvery: 20)
        var hearing = Hearing(catalog: catalog)
        for entry in entries[opening..<(opening + 30)] {
            recorder.append(entry)
            hearing.replay([entry])
            try recorder.commit()
            if recorder.journal.lastNumber == 20 { recorder.checkpointIfDue(hearing, quiet: true) }
        }
        recorder.checkpoints.drain()
        #expect(FileManager.default.fileExists(atPath: data.checkpointFile.path))
        try damage(data)
        let found = try SessionRecorder.open(data, baseHistory: HearingHistory(), checkpointEvery: 20,
                                             logger: .init(label: "test")).1
        try inspect(data)
        return found
    }

    private func rewriteCheckpoint(_ data: DataFolder, _ change: (inout CheckpointCover) -> Void) throws {
        let (snapshot, written) = try CheckpointCodec.decode(Array(try Data(contentsOf: data.checkpointFile)))
        var cover = written
        change(&cover)
        try RoomCheckpoint.write(snapshot, cover: cover, to: data.checkpointFile)
    }

    @Test func anIntactCheckpointIsUsedAndAWriteCutShortIsRemoved() throws {
        func leftover(_ data: DataFolder) -> String { data.checkpointFile.path + ".tmp-4242" }
        let found = try journalWithCheckpoint({ data in
            try Data("{\"format\":\"audiencia-check".utf8).write(to: URL(fileURLWithPath: leftover(data)))
            #expect(FileManager.default.fileExists(atPath: leftover(data)))
        }, afterOpening: { data in
            #expect(!FileManager.default.fileExists(atPath: leftover(data)))
        })
        #expect(found.checkpoint != nil && found.entries.count == 10 && found.doubt == nil)
    }

    @Test func aTornLastLineAfterTheCheckpointIsSetAsideAsWithoutOne() throws {
        let half = Array(#"{"n":31,"prev":"abc","entry":{"at":"2026-"#.utf8)
        var intactLength = 0
        let found = try journalWithCheckpoint({ data in
            intactLength = try Data(contentsOf: data.journalFile).count
            let handle = try FileHandle(forWritingTo: data.journalFile)
            try handle.seekToEnd()
            try handle.write(contentsOf: half)
            try handle.close()
        }, afterOpening: { data throws in
            let journal = try Data(contentsOf: data.journalFile)
            let aside = try Data(contentsOf: URL(fileURLWithPath: data.journalFile.path + ".torn-\(intactLength)"))
            #expect(journal.count == intactLength)
            #expect(Array(aside) == half)
        })
        #expect(found.checkpoint != nil && found.tornTail && found.entries.count == 10)
    }

    @Test func aTornCheckpointMeansAFullReplay() throws {
        let found = try journalWithCheckpoint { data in
            let bytes = try Data(contentsOf: data.checkpointFile)
            try bytes.prefix(bytes.count / 2).write(to: data.checkpointFile)
        }
        #expect(found.checkpoint == nil && found.entries.count == 30)
        guard case .unreadable = found.doubt else { Issue.record("unreadable expected, got \(String(describing: found.doubt))"); return }
    }

    @Test func anotherVersionMeansAFullReplay() throws {
        let found = try journalWithCheckpoint { data in
            let text = try String(contentsOf: data.checkpointFile, encoding: .utf8)
            try text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
                .write(to: data.checkpointFile, atomically: false, encoding: .utf8)
        }
        #expect(found.checkpoint == nil && found.entries.count == 30)
        guard case .unreadable(let why) = found.doubt else { Issue.record("unreadable expected"); return }
        #expect(why.contains("version"))
    }

    @Test func aHashThatIsNotTheJournalsMeansAFullReplay() throws {
        let found = try journalWithCheckpoint { data in try rewriteCheckpoint(data) { $0.hash = String(repeating: "0", count: 64) } }
        #expect(found.checkpoint == nil && found.entries.count == 30)
        guard case .otherJournal = found.doubt else { Issue.record("otherJournal expected"); return }
    }

    @Test func anOffsetInsideALineMeansAFullReplay() throws {
        let found = try journalWithCheckpoint { data in try rewriteCheckpoint(data) { $0.offset -= 5 } }
        #expect(found.checkpoint == nil && found.entries.count == 30)
        guard case .otherJournal = found.doubt else { Issue.record("otherJournal expected"); return }
    }

    @Test func aJournalShorterThanTheCheckpointMeansAFullReplay() throws {
        let found = try journalWithCheckpoint { data in
            let lines = try Data(contentsOf: data.journalFile).split(separator: 10, omittingEmptySubsequences: false)
            try Data(lines.prefix(10).joined(separator: [10]) + [10]).write(to: data.journalFile)
        }
        #expect(found.checkpoint == nil && found.entries.count == 10)
        guard case .beyondJournal = found.doubt else { Issue.record("beyondJournal expected"); return }
    }

    @Test func otherArchivesMeanAFullReplay() throws {
        let found = try journalWithCheckpoint { data in
            try rewriteCheckpoint(data) { $0.baseHistory = HearingHistory(lastFolio: "AUD-2025-000001") }
        }
        #expect(found.checkpoint == nil && found.entries.count == 30)
        guard case .otherArchives = found.doubt else { Issue.record("otherArchives expected"); return }
    }

    @Test func sealingACancelledPersonDeletesTheCheckpointFirst() throws {
        let (catalog, entries) = try simulated(events: 200)
        let opening = entries.firstIndex { $0.opensSession } ?? 0
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data, checkpointEvery: 5)
        var hearing = Hearing(catalog: catalog)
        for entry in entries[opening..<(opening + 20)] {
            recorder.append(entry)
            hearing.replay([entry])
            try recorder.commit()
            recorder.checkpointIfDue(hearing, quiet: true)
        }
        recorder.checkpoints.drain()
        let folio = try #require(hearing.checkInOrder.first)
        let name = try #require(hearing.petitions[folio]?.citizen.name)
        #expect(try String(contentsOf: data.checkpointFile, encoding: .utf8).contains(name))

        let cancellation = JournalEntry(at: hearing.session?.openedAt ?? Instant(millisecondsSinceEpoch: 0),
                                        fact: .personalDataCancelled(folio, by: nil))
        recorder.append(cancellation)
        hearing.replay([cancellation])
        try recorder.commit()
        recorder.checkpoints.drain()
        #expect(!FileManager.default.fileExists(atPath: data.checkpointFile.path))
        #expect(try !String(contentsOf: data.journalFile, encoding: .utf8).contains(name))

        // The next checkpoint is of the sealed journal and the cancelled room.
        recorder.checkpointNow(hearing)
        let text = try String(contentsOf: data.checkpointFile, encoding: .utf8)
        #expect(!text.contains(name))
        let (_, found) = try SessionRecorder.open(data, baseHistory: HearingHistory(), checkpointEvery: 5,
                                                  logger: .init(label: "test"))
        #expect(found.checkpoint != nil && found.entries.isEmpty)
    }
}
