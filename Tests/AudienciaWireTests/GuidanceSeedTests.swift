import AudienciaCore
import AudienciaSeeds
import Foundation
import Testing

/// `seeds/guidance.json` holds the hearing's prompts and the permanent channel's texts; the
/// loader behind `audiencia seeds check` refuses a missing text, an unknown key and a
/// placeholder that is unknown or missing, naming the file and the key.
@Suite struct GuidanceSeedTests {
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    @Test func theRepositorySeedsCarryEveryChannelText() throws {
        let catalog = try SeedLoader.load(from: Self.seeds)
        for key in ChannelPromptKey.allCases {
            #expect(!(catalog.guidance.channel[key] ?? "").isEmpty, "no channel text \(key)")
        }
        #expect(catalog.guidance.render(.reviewOn, ["date": "lunes 30 de noviembre", "time": "9:00"])
                == "el lunes 30 de noviembre a partir de las 9:00")
        #expect(catalog.schedule.permanentChannelHours == "lunes a viernes de 9:00 a 18:00")
    }

    @Test(arguments: [
        ("\"answeredPublic\":", "\"answeredPublik\":", "channel.answeredPublic: missing (every text in channel must be in the seeds)"),
        ("\"channel\": {", "\"channel\": {\n    \"closedNote\": \"Cerrada.\",",
         "channel.closedNote: not a channel text (expected one of \(ChannelPromptKey.allCases.map(\.rawValue).joined(separator: ", ")))"),
        ("que la revisará {review}. Fecha compromiso de respuesta", "que la revisará {revision}. Fecha compromiso de respuesta",
         "channel.received: unknown placeholder {revision} (expected one of channelHours, department, dueDate, folio, review)"),
        ("por {department}: «{answer}»", "por {department}: «»", "channel.answered: missing placeholder {answer}"),
        ("está en proceso con {department}. Fecha compromiso", "está en proceso con {department}: {commitment}. Fecha compromiso",
         "channel.inProcessPublic: unknown placeholder {commitment} (expected one of department, dueDate, folio)"),
        ("\"hearingNote\": \"Petición", "\"hearingNote\": \"{folio} Petición",
         "channel.hearingNote: unknown placeholder {folio} (this text takes none)"),
        ("Tu turno es el {turno}", "Tu turno es el {turn}",
         "checkedIn: unknown placeholder {turn} (expected one of \(GuidanceKey.placeholders.sorted().joined(separator: ", ")))"),
    ])
    func aBrokenGuidanceFileIsRefusedNamingFileAndKey(original: String, broken: String, problem: String) throws {
        let directory = try Self.copyOfSeeds(replacing: original, with: broken)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SeedError(file: "guidance.json", problem: problem)) {
            try SeedLoader.load(from: directory)
        }
    }

    /// The repository's seeds in a scratch folder, with one text of guidance.json changed.
    static func copyOfSeeds(replacing original: String, with broken: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("audiencia-seeds-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: seeds, to: directory)
        let file = directory.appendingPathComponent("guidance.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.components(separatedBy: original).count == 2, "\(original) must occur once in guidance.json")
        try text.replacingOccurrences(of: original, with: broken).write(to: file, atomically: true, encoding: .utf8)
        return directory
    }
}
