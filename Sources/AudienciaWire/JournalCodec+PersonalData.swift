import AudienciaCore
import AudienciaJSON

/// The journal's personal-data block, `citizen`: the only member of a line that holds a
/// person's data. The journal file hashes a line with this block sealed (AudienciaServer's
/// `PersonalSeal`; docs/archive.md, "Cancellation"), so cancelling replaces it with
/// `{"sealed": "<digest>"}` and the chain still verifies; a sealed block reads back as
/// cancelled data.
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

    /// The folio a line is about, for the lines that carry personal data.
    public static func folio(ofLine line: JSONObject) -> Folio? {
        guard let fact = line["fact"] else { return nil }
        return (fact["folio"]?.string ?? fact["petition"]?["folio"]?.string).map { Folio($0) }
    }
}
