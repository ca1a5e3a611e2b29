public enum PriorityReasonTag {}
public typealias PriorityReasonID = Identifier<PriorityReasonTag>

/// A reason that entitles a citizen to the priority lane (a disability, old age, pregnancy).
/// The reason is sensitive personal data: it needs its own express consent, and it never
/// reaches the public feed or the public archive.
public struct PriorityReason: Sendable, Equatable {
    public var id: PriorityReasonID
    public var label: String

    public init(id: PriorityReasonID, label: String) {
        self.id = id
        self.label = label
    }
}

/// What the seeds say about sensitive data: which reasons open the priority lane, and the
/// text of the separate consent the citizen must give to share one.
public struct SensitiveDataPolicy: Sendable, Equatable {
    public var priorityReasons: [PriorityReason]
    /// Shown next to its own checkbox, apart from the general notice.
    public var consentText: String

    public init(priorityReasons: [PriorityReason] = [], consentText: String = "") {
        self.priorityReasons = priorityReasons
        self.consentText = consentText
    }

    public func reason(_ id: PriorityReasonID) -> PriorityReason? {
        priorityReasons.first { $0.id == id }
    }
}
