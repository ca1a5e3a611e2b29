@testable import AudienciaServer
import AudienciaCore
import AudienciaJSON
import Foundation
import Testing

/// The journal on disk when things went wrong: a torn write, a line this version cannot
/// read, a rotation cut in half.
@Suite struct JournalFileTests {
    private func folder() throws -> DataFolder { try .temporary("journal") }

    private func entry(_ number: Int, text: String = "Aviso") -> JournalEntry {
        JournalEntry(at: Instant(millisecondsSinceEpoch: 1_795_971_600_000 + Int64(number) * 1000),
                     fact: .announcementPosted(Announcement(number: number, at: Instant(millisecondsSinceEpoch: 0), text: text)))
    }

    private func write(_ entries: [JournalEntry], to data: DataFolder) throws {
        let (recorder, _, _) = try SessionRecorder.open(data)
        entries.forEach(recorder.append)
        try recorder.commit()
    }

    @Test func aTornLastLineIsSetAsideAndTheRestKept() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        try write([entry(1), entry(2)], to: data)
        let handle = try FileHandle(forWritingTo: data.journalFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"n":3,"prev":"ab"#.utf8))
        try handle.close()

        let (recorder, entries, torn) = try SessionRecorder.open(data)
        #expect(torn)
        #expect(entries == [entry(1), entry(2)])
        let asides = try FileManager.default.contentsOfDirectory(atPath: data.root.path).filter { $0.contains(".torn-") }
        #expect(asides.count == 1)
        // Appending carries on the chain where the good lines end.
        recorder.append(entry(3))
        try recorder.commit()
        #expect(try JournalReader.read(data.journalFile).entries == [entry(1), entry(2), entry(3)])
    }

    @Test func aGenuineLineThatCannotBeDecodedStopsRecoveryEvenAtTheEnd() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        try write([entry(1)], to: data)
        let first = try JournalReader.read(data.journalFile).records[0]
        // A whole line with a valid hash and link, of a kind this version does not know.
        let body = #"{"n":2,"prev":"\#(first.hash)","at":"2026-11-29T17:00:05.000Z","fact":{"kind":"from_the_future"}"#
        let hash = Hex.encode(Crypto.sha256(Array((body + "}").utf8)))
        let line = body + #","hash":"\#(hash)"}"# + "\n"
        let handle = try FileHandle(forWritingTo: data.journalFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        let before = try Data(contentsOf: data.journalFile)

        #expect(throws: JournalReader.Failure.self) { try SessionRecorder.open(data) }
        do {
            _ = try JournalReader.read(data.journalFile)
        } catch let failure as JournalReader.Failure {
            #expect(failure.line == 2)
            if case .undecodable = failure.problem {} else { Issue.record("expected undecodable, got \(failure.problem)") }
        }
        #expect(try Data(contentsOf: data.journalFile) == before, "nothing is cut or overwritten")
    }

    @Test func aRotationCutBetweenLinkAndUnlinkIsFinished() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        try write([entry(1), entry(2)], to: data)
        let destination = data.archiveFiles(for: "2026-11-29").journal
        // The crash left both names on the same file.
        #expect(link(data.journalFile.path, destination.path) == 0)

        let (recorder, _, _) = try SessionRecorder.open(data)
        try recorder.journal.rotate(to: destination)
        #expect(try JournalReader.read(destination).entries == [entry(1), entry(2)])
        #expect(try JournalReader.read(data.journalFile).entries.isEmpty)
    }

    @Test func rotationNeverOverwritesAnotherFile() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        try write([entry(1)], to: data)
        let destination = data.archiveFiles(for: "2026-11-29").journal
        try Data("otro".utf8).write(to: destination)
        let (recorder, _, _) = try SessionRecorder.open(data)
        #expect(throws: ServerError.self) { try recorder.journal.rotate(to: destination) }
        #expect(try Data(contentsOf: destination) == Data("otro".utf8))
    }

    // Long journals are read in parts on several threads; what they find must not depend on it.

    @Test func aLongJournalReadsBackWholeAndInOrder() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let entries = (1...1500).map { entry($0, text: "Aviso \($0)") }
        try write(entries, to: data)
        let contents = try JournalReader.read(data.journalFile)
        #expect(contents.entries == entries)
        #expect(contents.records.map(\.number) == (1...1500).map(Int64.init))
        #expect(!contents.tornTail)
    }

    @Test func damageLateInALongJournalNamesItsLine() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        try write((1...1500).map { entry($0, text: "Aviso \($0)") }, to: data)
        var text = try String(contentsOf: data.journalFile, encoding: .utf8)
        let range = try #require(text.range(of: "Aviso 1234\""))
        text.replaceSubrange(range, with: "Aviso 4321\"")
        try Data(text.utf8).write(to: data.journalFile)
        do {
            _ = try JournalReader.read(data.journalFile)
            Issue.record("a changed line must not read")
        } catch let failure as JournalReader.Failure {
            #expect(failure.line == 1234)
            if case .tampered = failure.problem {} else { Issue.record("expected tampered, got \(failure.problem)") }
        }
    }

    @Test func aTornTailAfterALongJournalIsStillOnlyTheTail() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let entries = (1...1500).map { entry($0) }
        try write(entries, to: data)
        let whole = try Data(contentsOf: data.journalFile).count
        let handle = try FileHandle(forWritingTo: data.journalFile)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"n":1501,"prev":"#.utf8))
        try handle.close()
        let contents = try JournalReader.read(data.journalFile)
        #expect(contents.tornTail)
        #expect(contents.validLength == whole)
        #expect(contents.entries == entries)
    }
}
