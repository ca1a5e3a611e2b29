import AudienciaCore
import AudienciaJSON

/// The journal's personal-data block, `citizen`: the only member of a line that holds a
/// person's data. The line's chain hash covers a SHA-256 digest of this block, not the block
/// (docs/archive.md, "Cancellation"), so cancelling replaces it with `{"sealed": "<digest>"}`
/// and the chain still verifies.
extension JournalCodec {
    /// The member a sealed block keeps.
    public static let sealedMember = "sealed"

    static func citizen(_ data: CitizenData) -> JSON {
        .object(["name": .string(data.name), "contact": JSON(data.contact),
                 "description": .string(data.description),
                 "priorityReasonId": JSON(data.priorityReason?.rawValue), "salt": .string(data.salt)])
    }

    /// A sealed block reads back as cancelled data: what was there is gone for good.
    static func citizen(_ f: JournalFields) throws(JournalDecodingError) -> CitizenData {
        if f.object[sealedMember] != nil {
            _ = try f.string(sealedMember)
            return .cancelled
        }
        return CitizenData(name: try f.string("name"), contact: try f.optionalString("contact"),
                           description: try f.string("description"),
                           priorityReason: try f.optionalString("priorityReasonId").map { PriorityReasonID($0) },
                           salt: try f.string("salt"))
    }

    static func arcoAction(_ action: ArcoAction) -> JSON {
        .object(["kind": .string(action.kind.rawValue), "by": JSON(action.by?.rawValue), "at": JSON(action.at)])
    }

    static func arcoAction(_ f: JournalFields) throws(JournalDecodingError) -> ArcoAction {
        let kindName = try f.string("kind")
        guard let kind = ArcoAction.Kind(rawValue: kindName) else {
            throw f.invalid("kind", "unknown ARCO action \"\(kindName)\"")
        }
        return ArcoAction(kind: kind, by: try f.optionalString("by").map { OfficialID($0) }, at: try f.instant("at"))
    }

    /// Where a line (`{"n":…,"fact":{…}}`) keeps personal-data blocks: a check-in's petition
    /// and a rectification. Returns the line with every unsealed block replaced by its seal,
    /// or nil when there is none to seal. `digest` is SHA-256 as lowercase hex (the caller
    /// owns the cryptography).
    public static func sealingPersonalData(_ line: JSONObject, digest: ([UInt8]) -> String) -> JSONObject? {
        guard case .object(var fact)? = line["fact"] else { return nil }
        var changed = false
        func seal(_ block: JSON?) -> JSON? {
            guard case .object(let members)? = block, members[sealedMember] == nil else { return nil }
            changed = true
            return .object([sealedMember: .string(digest(JSON.object(members).serialized()))])
        }
        if case .object(var petition)? = fact["petition"], let sealed = seal(petition["citizen"]) {
            petition["citizen"] = sealed
            fact["petition"] = .object(petition)
        }
        if let sealed = seal(fact["citizen"]) { fact["citizen"] = sealed }
        guard changed else { return nil }
        var result = line
        result["fact"] = .object(fact)
        return result
    }

    /// The folio a line is about, for the lines that carry personal data.
    public static func folio(ofLine line: JSONObject) -> Folio? {
        guard let fact = line["fact"] else { return nil }
        return (fact["folio"]?.string ?? fact["petition"]?["folio"]?.string).map { Folio($0) }
    }
}
