import AudienciaJSON
import AudienciaServer
import Foundation
import Testing

/// `audiencia archive verify`: archives are exactly what their journal produces, and any
/// change to either is found and located.
@Suite struct ArchiveVerifierTests {
    /// A closed session's three files, copied to a folder the test may damage.
    private func closedSession() throws -> (directory: URL, seeds: URL, id: String) {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")
        for (index, service) in ["agua-fuga", "bacheo"].enumerated() {
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            try citizen.send(.object([
                "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                "name": .string("Persona \(index)"), "coloniaId": "barrio-de-san-mateo",
                "serviceId": .string(service), "description": "Petición",
            ]))
            _ = try citizen.expect("checkin.accepted")
        }
        try moderator.order("queue.callNext")
        try moderator.order("announce", ["text": "Aviso"])
        try moderator.order("session.close")
        let archive = server.data.appendingPathComponent("archive")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-verify-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: archive, to: copy)
        let id = try #require(try server.archive("public").json["session"]?["id"]?.string)
        return (copy, server.seeds, id)
    }

    @Test func aClosedSessionVerifies() throws {
        let (directory, seeds, id) = try closedSession()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["\(id).public.json", "\(id).protected.json", "\(id).journal.jsonl"] {
            let report = ArchiveVerifier.verify(directory.appendingPathComponent(name), seeds: seeds)
            #expect(report.passed, "\(name): \(report.failure ?? "")")
            #expect(!report.findings.isEmpty)
        }
    }

    @Test func aChangedJournalLineIsFoundByNumber() throws {
        let (directory, seeds, id) = try closedSession()
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("\(id).journal.jsonl")
        var lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "Persona 1", with: "Persona 9")
        try (lines.joined(separator: "\n") + "\n").write(to: journal, atomically: true, encoding: .utf8)
        let report = ArchiveVerifier.verify(journal, seeds: seeds)
        #expect(report.failure?.contains("línea 3") == true, "\(report.failure ?? "")")
        let viaArchive = ArchiveVerifier.verify(directory.appendingPathComponent("\(id).public.json"), seeds: seeds)
        #expect(viaArchive.failure?.contains("línea 3") == true)
    }

    @Test func aRemovedJournalLineBreaksTheChainThere() throws {
        let (directory, seeds, id) = try closedSession()
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("\(id).journal.jsonl")
        var lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(to: journal, atomically: true, encoding: .utf8)
        #expect(ArchiveVerifier.verify(journal, seeds: seeds).failure?.contains("línea 2") == true)
    }

    @Test func anEditedArchiveNoLongerMatchesItsJournal() throws {
        let (directory, seeds, id) = try closedSession()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("\(id).public.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"checkedIn\": 2", with: "\"checkedIn\": 3")
            .write(to: file, atomically: true, encoding: .utf8)
        let report = ArchiveVerifier.verify(file, seeds: seeds)
        #expect(report.failure?.contains("counters") == true, "\(report.failure ?? "")")
    }
}
