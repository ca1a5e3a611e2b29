import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Foundation
import Testing

/// The channel's messages and journal lines: decoded into the right requests, refused with
/// the field named, written and read back exactly, and every error code documented.
@Suite struct ChannelWireTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_796_140_800_000)

    private func decode(_ text: String) -> Result<ClientMessage, WireError> {
        ClientDecoder.decode(Array(text.utf8)).result
    }

    @Test func decodesTheChannelMessages() {
        #expect(decode(#"{"type":"folio.status","folio":"AUD-2026-000001"}"#)
                == .success(.channel(.status("AUD-2026-000001", resumeCode: nil))))
        #expect(decode(#"{"type":"backlog.get"}"#) == .success(.channel(.backlog)))
        #expect(decode(#"{"type":"petition.update","folio":"F","status":"in_process","commitment":"c","dueDate":"2026-12-03"}"#)
                == .success(.channel(.update("F", .inProcess(commitment: "c", dueDate: CivilDate(year: 2026, month: 12, day: 3))))))
        #expect(decode(#"{"type":"petition.update","folio":"F","status":"transferred","departmentId":"agua","note":"n"}"#)
                == .success(.channel(.update("F", .transferred(to: "agua", note: "n")))))
        #expect(decode(#"{"type":"petition.update","folio":"F","status":"closed"}"#) == .failure(.invalidField("status")))
        #expect(decode(#"{"type":"petition.update","folio":"F","status":"in_process","commitment":"c","dueDate":"3 dic"}"#)
                == .failure(.invalidField("dueDate")))
        #expect(decode(#"{"type":"petition.update","folio":"F","status":"answered"}"#) == .failure(.missingField("answer")))
        #expect(decode(#"{"type":"folio.status"}"#) == .failure(.missingField("folio")))
        #expect(decode(#"{"type":"channel.checkin","name":"x"}"#) == .failure(.missingField("consent")))
        #expect(decode(#"{"type":"channel.nothing"}"#) == .failure(.unknownType))
    }

    @Test func journalLinesReadBackExactly() throws {
        let reception = ChannelChange(at: Self.t0, kind: .received, by: nil, note: "Recibida.\nSin costo.",
                                      departmentID: "agua", dueDate: CivilDate(year: 2026, month: 12, day: 15))
        let petition = ChannelPetition(
            folio: "AUD-2026-000009", resumeToken: "tok", citizen: CitizenData(name: "Ana", contact: nil, description: "Fuga"),
            coloniaID: "casa-blanca", serviceID: "agua-fuga", consent: Consent(noticeVersion: "2026-01", at: Self.t0),
            receivedAt: Self.t0, origin: .hearing(sessionID: "2026-12-01", outcome: "left"), history: [reception])
        let answered = ChannelChange(at: Self.t0.adding(minutes: 90), kind: .answered, by: "dir-agua", note: "Listo",
                                     departmentID: "agua", dueDate: nil)
        for entry in [ChannelJournalEntry(at: Self.t0, fact: .petitionReceived(petition)),
                      ChannelJournalEntry(at: Self.t0, fact: .petitionReceived({ var p = petition; p.origin = .channel; return p }())),
                      ChannelJournalEntry(at: Self.t0.adding(minutes: 90), fact: .petitionChanged("AUD-2026-000009", answered))] {
            let line = ChannelJournalCodec.encode(entry).serialized()
            #expect(try ChannelJournalCodec.decode(try JSON.parse(line)) == entry)
        }
        let missing = #"{"at":"2026-12-01T16:00:00.000Z","fact":{"kind":"petition_changed","folio":"F","change":{"at":"2026-12-01T16:00:00.000Z","kind":"answered","by":null,"note":"x","departmentId":"agua"}}}"#
        #expect(throws: JournalDecodingError(path: "fact.change.dueDate", problem: "missing")) {
            _ = try ChannelJournalCodec.decode(try JSON.parse(Array(missing.utf8)))
        }
    }

    @Test func everyChannelErrorCodeIsDocumented() throws {
        let text = try String(contentsOf: ProtocolDocumentTests.document, encoding: .utf8)
        for code in ChannelError.allCodes {
            #expect(text.contains("| `\(code)` |"), "docs/protocol.md lacks error code \(code)")
        }
    }
}

/// The example lines in docs/archive.md ("Channel journal") are exactly what the encoder
/// writes, and show both fact kinds.
@Suite struct ChannelJournalDocumentTests {
    @Test func documentedExamplesAreWhatTheEncoderWrites() throws {
        let text = try String(contentsOf: ProtocolDocumentTests.document.deletingLastPathComponent()
                                  .appendingPathComponent("archive.md"), encoding: .utf8)
        let after = try #require(text.components(separatedBy: "\n## Channel journal\n").last)
        let section = try #require(after.components(separatedBy: "\n## ").first)
        let lines = section.split(separator: "\n").filter { $0.hasPrefix(#"{"at":""#) }.map(String.init)
        var kinds: Set<String> = []
        for line in lines {
            let entry = try ChannelJournalCodec.decode(try JSON.parse(line))
            #expect(ChannelJournalCodec.encode(entry).text() == line)
            kinds.insert(try JSON.parse(line)["fact"]?["kind"]?.string ?? "")
        }
        #expect(kinds == ["petition_received", "petition_changed"])
    }
}
