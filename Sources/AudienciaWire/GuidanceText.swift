import AudienciaCore
import AudienciaJSON

/// A `guidance` message in two parts: what is the citizen's own (folio, prompt, position,
/// wait), and the steps, which are the same for every citizen of a service at the same stage,
/// so the server has jansson write them once (`EncodedObject`) and joins them to each head.
extension ServerEncoder {
    /// A `guidance` with the steps' text from `guidanceStepsText(_:)`: the same bytes as
    /// `encode(.guidance(…)).serialized()`.
    public static func guidance(_ guidance: Guidance, stepsText: EncodedObject) -> [UInt8] {
        stepsText.appended(to: guidanceHead(guidance))
    }

    public static func guidanceStepsText(_ steps: [StepProgress]) -> EncodedObject {
        EncodedObject(guidanceSteps(steps))
    }

    static func guidanceHead(_ g: Guidance) -> JSONObject {
        [
            "type": "guidance", "folio": .string(g.folio.rawValue), "key": .string(g.key.rawValue),
            "prompt": .string(g.prompt),
            "position": JSON(g.position), "ahead": JSON(g.position.map { $0 - 1 }),
            "estimatedWaitMinutes": JSON(g.estimatedWaitMinutes),
        ]
    }

    static func guidanceSteps(_ steps: [StepProgress]) -> JSONObject {
        ["steps": .array(steps.map { step in
            .object(["title": .string(step.title), "detail": .string(step.detail),
                     "state": .string(step.state.rawValue)])
        })]
    }
}
