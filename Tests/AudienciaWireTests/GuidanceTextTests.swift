import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaWire
import Testing

/// A `guidance` joined from the steps' text written once is the message jansson writes whole.
@Suite struct GuidanceTextTests {
    @Test func guidanceWithItsStepsWrittenOnceIsByteForByteTheWholeMessage() throws {
        let catalog = try SeedLoader.load(from: GuidanceSeedTests.seeds)
        let service = try #require(catalog.services.first { $0.steps.count >= 2 })
        let steps = service.steps.enumerated().map { index, step in
            StepProgress(title: step.title, detail: step.detail, state: index == 0 ? .current : .pending)
        }
        let text = ServerEncoder.guidanceStepsText(steps)
        let messages = [
            Guidance(folio: "AUD-2026-000002", key: .waiting, prompt: "Vas en el lugar 2 de la fila. «Año»",
                     steps: steps, position: 2, estimatedWaitMinutes: 6),
            Guidance(folio: "AUD-2026-000003", key: .checkedIn, prompt: "Registrado \"con\" comillas",
                     steps: steps, position: nil, estimatedWaitMinutes: nil),
        ]
        for guidance in messages {
            let whole = ServerEncoder.encode(.guidance(guidance)).serialized()
            let joined = ServerEncoder.guidance(guidance, stepsText: text)
            #expect(joined == whole)
            let parsed = try JSON.parse(joined)
            #expect(parsed["folio"] == .string(guidance.folio.rawValue))
            #expect(parsed["steps"]?.array?.count == steps.count)
            #expect(parsed["steps"]?.array?.first?["title"] == .string(steps[0].title))
            #expect(parsed["ahead"] == (guidance.position.map { JSON.int(Int64($0 - 1)) } ?? .null))
        }
    }

    @Test func noStepsJoinAsAnEmptyList() throws {
        let guidance = Guidance(folio: "AUD-2026-000004", key: .waiting, prompt: "p", steps: [],
                                position: 1, estimatedWaitMinutes: 0)
        let joined = ServerEncoder.guidance(guidance, stepsText: ServerEncoder.guidanceStepsText([]))
        #expect(joined == ServerEncoder.encode(.guidance(guidance)).serialized())
        #expect(try JSON.parse(joined)["steps"] == .array([]))
    }
}
