import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// The steps' part of `guidance` messages as jansson wrote it (`ServerEncoder.guidanceStepsText`),
/// kept per list of steps: every citizen of a service at the same stage gets the same steps,
/// so a burst of 2,000 check-ins writes each list once instead of 4,000 times.
struct GuidanceStepsTexts {
    /// A catalog has a few dozen services with a handful of stages each; a catalog that
    /// somehow produced more lists than this starts the cache over rather than grow it.
    static let capacity = 1024
    private var texts: [Key: EncodedObject] = [:]

    mutating func text(for steps: [StepProgress]) -> EncodedObject {
        let key = Key(steps: steps)
        if let text = texts[key] { return text }
        if texts.count >= Self.capacity { texts.removeAll(keepingCapacity: true) }
        let text = ServerEncoder.guidanceStepsText(steps)
        texts[key] = text
        return text
    }

    /// Compared whole (cheap: the steps' texts are the catalog's own strings, equal by
    /// identity); hashed by the titles' lengths and the states only. Hashing a Spanish title
    /// normalises its accents first, and the lists are few: a collision costs a comparison.
    /// (Two titles equal only up to Unicode normalisation may hash apart: at worst the same
    /// text is cached twice.)
    private struct Key: Hashable {
        let steps: [StepProgress]

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.steps == rhs.steps }

        func hash(into hasher: inout Hasher) {
            hasher.combine(steps.count)
            for step in steps {
                hasher.combine(step.title.utf8.count)
                hasher.combine(step.state)
            }
        }
    }
}
