@testable import AudienciaServer
import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import Foundation
import Testing

/// The permanent channel's journal seals its personal blocks as the session journal does:
/// a line's hash covers the block's seal, so a cancellation rewrites the file with the seal in
/// the block's place and the chain verifies unchanged; a line written by a version that hashed
/// the block as written is refused by name, not taken for tampering.
@Suite struct ChannelSealTests {
    private static let t0 = Instant(millisecondsSinceEpoch: 1_795_971_600_000)

    private func folder() throws -> DataFolder { try .temporary("channel-seal") }

    private func received(_ n: Int, name: String) -> ChannelJournalEntry {
        let folio = Folio(prefix: "AUD", year: 2026, number: n)
        return ChannelJournalEntry(at: Self.t0, fact: .petitionReceived(ChannelPetition(
            folio: folio, resumeToken: "tok-\(n)",
            citizen: CitizenData(name: name, contact: "722 555 000\(n)", description: "Bache de \(name)", salt: "salt-\(n)"),
            coloniaID: "centro", serviceID: "bacheo", consent: Consent(noticeVersion: "2026-01", at: Self.t0),
            receivedAt: Self.t0, origin: .channel,
            history: [ChannelChange(at: Self.t0, kind: .received, by: nil, note: "Recibida", departmentID: "obras",
                                    dueDate: nil)])))
    }

    @Test func cancellingSealsTheFoliosLinesAndKeepsEveryHash() throws {
        let data = try folder()
        defer { try? FileManager.default.removeItem(at: data.root) }
        let folio = Folio(prefix: "AUD", year: 2026, number: 1)
        do {
            let (recorder, _, _) = try ChannelRecorder.open(data)
            recorder.append(received(1, name: "Anacleta Canaria"))
            recorder.append(received(2, name: "Bonifacio Testigo"))
            recorder.append(ChannelJournalEntry(at: Self.t0, fact: .personalDataRectified(
                folio, CitizenData(name: "Anacleta Corregida", contact: nil, description: "Bache", salt: "s2"), by: nil)))
            try recorder.commit()
            let before = try ChainedJournalReader<ChannelJournalEntry>.read(data.channelJournalFile)
            recorder.append(ChannelJournalEntry(at: Self.t0, fact: .personalDataCancelled(folio, by: "moderacion")))
            try recorder.commit()
            let after = try ChainedJournalReader<ChannelJournalEntry>.read(data.channelJournalFile)
            #expect(after.records.prefix(3).map(\.hash) == before.records.map(\.hash))
            // The recorder goes on appending to the rewritten file.
            recorder.append(received(3, name: "Cirila Despues"))
            try recorder.commit()
        }
        let text = try String(contentsOf: data.channelJournalFile, encoding: .utf8)
        #expect(!text.contains("Anacleta") && !text.contains("722 555 0001") && !text.contains("salt-1") && !text.contains("s2\""))
        #expect(text.contains("Bonifacio Testigo") && text.contains("Cirila Despues"))
        #expect(text.components(separatedBy: #""citizen":{"sealed":""#).count == 3)
        let contents = try ChainedJournalReader<ChannelJournalEntry>.read(data.channelJournalFile)
        let channel = Channel.restored(catalog: try SeedLoader.load(from: LiveServer.repository.appendingPathComponent("seeds")), journal: contents.entries)
        #expect(channel.petitions[folio]?.citizen.isCancelled == true)
        #expect(channel.petitions[folio]?.arcoActions.map(\.kind) == [.rectified, .cancelled])
        #expect(channel.petitions[Folio(prefix: "AUD", year: 2026, number: 2)]?.citizen.name == "Bonifacio Testigo")
        #expect(ArchiveVerifier.verify(data.channelJournalFile, seeds: URL(fileURLWithPath: "/nonexistent")).passed)
    }

    @Test func aLineHashedOverItsBlockAsWrittenIsRefusedByFileAndLine() throws {
        let record = ChainedRecord(number: 1, previous: ChainedRecord<ChannelJournalEntry>.genesis,
                                   entry: received(1, name: "Anacleta Antigua"))
        // What an earlier version wrote: the same line, hashed without sealing its block.
        let line = Array(record.line.dropLast())
        let tail = #","hash":""#.utf8.count + 64 + 2
        let body = Array(line[..<(line.count - tail)]) + [UInt8(ascii: "}")]
        let legacy = Array(body.dropLast()) + Array(#","hash":""#.utf8) + Array(Hex.encode(Crypto.sha256(body)).utf8)
            + Array(#""}"#.utf8) + [10]
        #expect(throws: Never.self) { try ChainedJournalReader<ChannelJournalEntry>.read(record.line, path: "channel.jsonl") }
        do {
            _ = try ChainedJournalReader<ChannelJournalEntry>.read(legacy, path: "data/channel.jsonl")
            Issue.record("a line hashed over its unsealed block was accepted")
        } catch {
            #expect("\(error)".hasPrefix("data/channel.jsonl, línea 1: escrita por una versión anterior"), "\(error)")
        }
        // Any other change is still tampering.
        var changed = record.line
        let letter = try #require(changed.firstIndex(of: UInt8(ascii: "A")))
        changed[letter] = UInt8(ascii: "E")
        #expect(throws: (any Error).self) { try ChainedJournalReader<ChannelJournalEntry>.read(changed, path: "c") }
    }
}
