/// ARCO rights (access, rectification, cancellation, opposition) over one's own petition.

/// What a person asks for about their data.
public enum ArcoRequest: Sendable, Equatable {
    /// Everything held about the folio.
    case export
    case rectify(CitizenCorrection)
    /// Remove the personal data; the pseudonymous record (turno, colonia, topic, outcome) stays.
    case cancel
}

/// The fields a rectification changes; nil leaves one as it is. An empty contact removes it.
public struct CitizenCorrection: Sendable, Equatable {
    public var name: String?
    public var contact: String?
    public var description: String?
    /// Minted by the adapter, like a check-in's (see `CitizenData.salt`).
    public var salt: String

    public init(name: String? = nil, contact: String? = nil, description: String? = nil, salt: String = "") {
        self.name = name
        self.contact = contact
        self.description = description
        self.salt = salt
    }

    public var isEmpty: Bool { name == nil && contact == nil && description == nil }
}

/// A rectification or cancellation as the records keep it: who (nil for the citizen
/// themself) and when.
public struct ArcoAction: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case rectified, cancelled
    }

    public var kind: Kind
    public var by: OfficialID?
    public var at: Instant

    public init(kind: Kind, by: OfficialID?, at: Instant) {
        self.kind = kind
        self.by = by
        self.at = at
    }
}

/// Everything held about one folio, for the person it belongs to (or an official acting on
/// their request): the petition with its personal data and the names people read.
public struct PersonalDataExport: Sendable, Equatable {
    public var sessionID: String?
    public var petition: Petition
    public var labels: PetitionLabels
    public var priorityReason: String?
    public var position: Int?

    public init(sessionID: String?, petition: Petition, labels: PetitionLabels, priorityReason: String?,
                position: Int?) {
        self.sessionID = sessionID
        self.petition = petition
        self.labels = labels
        self.priorityReason = priorityReason
        self.position = position
    }
}

extension CitizenData {
    /// The data with `correction` applied, each field checked against the check-in's rules,
    /// for the hearing and the permanent channel alike.
    public func rectified(with correction: CitizenCorrection) throws(HearingError) -> CitizenData {
        var result = self
        if let name = correction.name {
            guard let name = name.trimmed(within: TextRules.name) else { throw .invalidName }
            result.name = name
        }
        if let contact = correction.contact?.trimmed {
            guard TextRules.contact.contains(contact.count) else { throw .invalidContact }
            result.contact = contact.isEmpty ? nil : contact
        }
        if let description = correction.description {
            guard let description = description.trimmed(within: TextRules.description) else {
                throw .invalidDescription
            }
            result.description = description
        }
        result.salt = correction.salt
        return result
    }
}
