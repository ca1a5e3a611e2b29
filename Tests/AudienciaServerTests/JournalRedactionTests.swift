@testable import AudienciaServer
import AudienciaCore
import AudienciaJSON
import Foundation
import Testing

/// Sealing a cancelled person's data in the journal file: the chain and every hash stay as
/// they were, only that folio's personal blocks change, and a crash between the cancellation
/// and the sealing is finished at the next start.
@Suite struct JournalRedactionTests {
    private static let t0 = Instant(millisecondsSinceEpoch: 1_795_971_600_000)

    private func folder() throws -> DataFolder { try .temporary("redaction") }

    private func checkIn(_ n: Int, name: String, description: String) -> JournalEntry {
        JournalEntry(at: Self.t0, fact: .citizenCheckedIn(Petition(
            folio: Folio(prefix: "AUD", year: 2026, number: n), turno: n, resumeToken: "tok-\(n)",
            citizen: CitizenData(name: name, contact: "722 555 000\(n)", description: description,
                                 priorityReason: "discapacidad", salt: "salt-\(n)"),
            coloniaID: "centro", serviceID: "fuga", departmentID: "agua",
            consent: Consent(noticeVersion: "2026-01", at: Self.t0), checkedInAt: Self.t0)))
    }

    private var entries: [JournalEntry] {
        [checkIn(1, name: "Anacleta Canario", description: "Fuga"),
         // A decoy: text that quotes another folio's member must not get that line sealed.
         checkIn(2, name: "Bonifacio Testigo", description: #"ver "folio":"AUD-2026-000001" en mi recibo"#),
         JournalEntry(at: Self.t0, fact: .personalDataRectified(
            "AUD-2026-000001", CitizenData(name: "Anacleta Canario Ruiz", contact: nil, description: "Fuga", salt: "s"), by: nil))]
    }

    @Test func sealingKeepsEveryHashAndOnlyTouchesTheCancelledFolio() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        entries.forEach(recorder.append)
        try recorder.commit()
        let before = try JournalReader.read(data.journalFile)

        recorder.append(JournalEntry(at: Self.t0, fact: .personalDataCancelled("AUD-2026-000001", by: nil)))
        try recorder.commit()
        let text = try String(contentsOf: data.journalFile, encoding: .utf8)
        #expect(!text.contains("Anacleta") && !text.contains("722 555 0001") && !text.contains("salt-1"))
        #expect(text.contains("Bonifacio Testigo") && text.contains("722 555 0002"))
        let after = try JournalReader.read(data.journalFile)
        #expect(Array(after.records.prefix(3)).map(\.hash) == before.records.map(\.hash))
        #expect(after.records.count == 4)
        guard case .citizenCheckedIn(let cancelled) = after.entries[0].fact,
              case .citizenCheckedIn(let kept) = after.entries[1].fact else {
            Issue.record("check-ins expected")
            return
        }
        #expect(cancelled.citizen == .cancelled && cancelled.resumeToken == "tok-1")
        #expect(kept == { if case .citizenCheckedIn(let p) = entries[1].fact { p } else { nil } }())
        // Appending goes on after the rewrite, on the same chain.
        recorder.append(JournalEntry(at: Self.t0, fact: .floorTaken(by: "presidenta")))
        try recorder.commit()
        #expect(try JournalReader.read(data.journalFile).records.count == 5)
    }

    @Test func aCancellationNotYetSealedIsSealedAtTheNextStart() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        // As if the process died right after the cancellation's fsync: write the lines
        // directly, with no sealing.
        let journal = try Journal(url: data.journalFile, continuing: try JournalReader.read(data.journalFile))
        (entries + [JournalEntry(at: Self.t0, fact: .personalDataCancelled("AUD-2026-000001", by: nil))])
            .forEach(journal.append)
        try journal.commit()
        let head = journal.head
        #expect(try String(contentsOf: data.journalFile, encoding: .utf8).contains("Anacleta"))

        let (restarted, replayed, _) = try SessionRecorder.open(data)
        #expect(!(try String(contentsOf: data.journalFile, encoding: .utf8).contains("Anacleta")))
        #expect(restarted.journal.head == head)
        #expect(replayed.count == 4)
    }

    @Test func changingAnUnsealedPersonalBlockStillBreaksTheChain() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let (recorder, _, _) = try SessionRecorder.open(data)
        entries.forEach(recorder.append)
        try recorder.commit()
        let text = try String(contentsOf: data.journalFile, encoding: .utf8)
        try text.replacingOccurrences(of: "Bonifacio", with: "Bonifacia").write(to: data.journalFile, atomically: true, encoding: .utf8)
        #expect(throws: JournalReader.Failure.self) { try JournalReader.read(data.journalFile) }
    }
}

@Suite struct PersonalSealTests {
    private func body(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test func theBlockEndsAtTheFirstBraceOutsideAString() {
        let line = #"{"n":1,"fact":{"petition":{"citizen":{"name":"A } \"b\" \\","contact":null},"turno":2}}}"#
        let range = PersonalSeal.blockRange(in: body(line))
        #expect(range.map { String(decoding: Array(line.utf8)[$0], as: UTF8.self) }
                == #"{"name":"A } \"b\" \\","contact":null}"#)
        let sealed = PersonalSeal.sealed(body(line)).map { String(decoding: $0, as: UTF8.self) }
        let digest = Hex.encode(Crypto.sha256(Array(#"{"name":"A } \"b\" \\","contact":null}"#.utf8)))
        #expect(sealed == #"{"n":1,"fact":{"petition":{"citizen":{"sealed":""# + digest + #""},"turno":2}}}"#)
        // Sealed once is sealed for good; no block, nothing to seal.
        #expect(PersonalSeal.sealed(body(sealed ?? "")) == nil)
        #expect(PersonalSeal.sealed(body(#"{"n":2,"fact":{"kind":"floor_taken","by":"presidenta"}}"#)) == nil)
        // Quoted inside a text, the key is escaped and is not a block.
        #expect(PersonalSeal.blockRange(in: body(#"{"text":"\"citizen\":{x}"}"#)) == nil)
    }
}
