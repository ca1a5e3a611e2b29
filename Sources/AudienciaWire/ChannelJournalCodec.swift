import AudienciaCore
import AudienciaJSON

/// The permanent channel's journal lines (docs/archive.md, "Channel journal"): as strict as
/// the session journal's, every member written, `null` included, and insisted on when read.
public enum ChannelJournalCodec {
    public static func encode(_ entry: ChannelJournalEntry) -> JSON {
        .object(["at": JSON(entry.at), "fact": fact(entry.fact)])
    }

    /// Decodes a line read straight from jansson (how the journal is read back).
    public static func decode(_ json: JSONView) throws(JournalDecodingError) -> ChannelJournalEntry {
        let line = try JournalFields(json, path: "")
        return ChannelJournalEntry(at: try line.instant("at"), fact: try fact(try line.object("fact")))
    }

    public static func decode(_ json: JSON) throws(JournalDecodingError) -> ChannelJournalEntry {
        try JournalFields.throughView(json, decode)
    }

    static func fact(_ fact: ChannelFact) -> JSON {
        switch fact {
        case .petitionReceived(let p):
            return .object(["kind": "petition_received", "petition": petition(p)])
        case .petitionChanged(let folio, let c):
            return .object(["kind": "petition_changed", "folio": .string(folio.rawValue), "change": change(c)])
        case .personalDataRectified(let folio, let data, let by):
            return .object(["kind": "personal_data_rectified", "folio": .string(folio.rawValue),
                            "citizen": citizen(data), "by": JSON(by?.rawValue)])
        case .personalDataCancelled(let folio, let by):
            return .object(["kind": "personal_data_cancelled", "folio": .string(folio.rawValue),
                            "by": JSON(by?.rawValue)])
        }
    }

    static func fact(_ f: JournalFields) throws(JournalDecodingError) -> ChannelFact {
        let kind = try f.string("kind")
        switch kind {
        case "petition_received": return .petitionReceived(try petition(try f.object("petition")))
        case "petition_changed":
            return .petitionChanged(Folio(try f.string("folio")), try change(try f.object("change")))
        case "personal_data_rectified":
            return .personalDataRectified(Folio(try f.string("folio")), try citizen(try f.object("citizen")),
                                          by: try f.optionalString("by").map { OfficialID($0) })
        case "personal_data_cancelled":
            return .personalDataCancelled(Folio(try f.string("folio")),
                                          by: try f.optionalString("by").map { OfficialID($0) })
        default: throw f.invalid("kind", "unknown fact kind \"\(kind)\"")
        }
    }

    static func petition(_ p: ChannelPetition) -> JSON {
        let origin: JSON
        switch p.origin {
        case .channel: origin = .object(["kind": "channel", "sessionId": .null, "outcome": .null])
        case .hearing(let session, let outcome):
            origin = .object(["kind": "hearing", "sessionId": .string(session), "outcome": .string(outcome)])
        }
        return .object([
            "folio": .string(p.folio.rawValue), "resumeToken": .string(p.resumeToken),
            "citizen": citizen(p.citizen),
            "coloniaId": .string(p.coloniaID.rawValue), "serviceId": .string(p.serviceID.rawValue),
            "consent": .object(["noticeVersion": .string(p.consent.noticeVersion), "at": JSON(p.consent.at)]),
            "receivedAt": JSON(p.receivedAt), "origin": origin,
            "history": .array(p.history.map(change)),
        ])
    }

    static func petition(_ f: JournalFields) throws(JournalDecodingError) -> ChannelPetition {
        let citizen = try f.object("citizen")
        let consent = try f.object("consent")
        let originFields = try f.object("origin")
        let origin: ChannelOrigin
        switch try originFields.string("kind") {
        case "channel": origin = .channel
        case "hearing":
            origin = .hearing(sessionID: try originFields.string("sessionId"), outcome: try originFields.string("outcome"))
        case let other: throw originFields.invalid("kind", "unknown origin \"\(other)\"")
        }
        var history: [ChannelChange] = []
        for element in try f.objects("history") { history.append(try change(element)) }
        guard !history.isEmpty else { throw f.invalid("history", "expected at least the reception") }
        return ChannelPetition(
            folio: Folio(try f.string("folio")), resumeToken: try f.string("resumeToken"),
            citizen: try self.citizen(citizen),
            coloniaID: ColoniaID(try f.string("coloniaId")), serviceID: ServiceID(try f.string("serviceId")),
            consent: Consent(noticeVersion: try consent.string("noticeVersion"), at: try consent.instant("at")),
            receivedAt: try f.instant("receivedAt"), origin: origin, history: history)
    }

    /// The personal block (docs/archive.md, "Channel journal"): the only member of a channel
    /// line holding a person's data, hashed as its seal like the session journal's, so a
    /// cancellation or a purge replaces it with `{"sealed": …}` and the chain still verifies.
    /// The priority reason, sensitive data, is never handed over to the channel.
    static func citizen(_ data: CitizenData) -> JSON {
        .object(["name": .string(data.name), "contact": JSON(data.contact),
                 "description": .string(data.description), "salt": .string(data.salt)])
    }

    /// A sealed block reads back as cancelled data. Lines written before the salt was kept
    /// have none; they read with an empty one.
    static func citizen(_ f: JournalFields) throws(JournalDecodingError) -> CitizenData {
        if f.object[JournalCodec.sealedMember] != nil {
            _ = try f.string(JournalCodec.sealedMember)
            return .cancelled
        }
        return CitizenData(name: try f.string("name"), contact: try f.optionalString("contact"),
                           description: try f.string("description"),
                           salt: f.object["salt"] == nil ? "" : try f.string("salt"))
    }

    static func change(_ c: ChannelChange) -> JSON {
        .object([
            "at": JSON(c.at), "kind": .string(c.kind.rawValue), "by": JSON(c.by?.rawValue),
            "note": .string(c.note), "departmentId": .string(c.departmentID.rawValue), "dueDate": JSON(c.dueDate),
        ])
    }

    static func change(_ f: JournalFields) throws(JournalDecodingError) -> ChannelChange {
        let kindName = try f.string("kind")
        guard let kind = ChannelChange.Kind(rawValue: kindName) else {
            throw f.invalid("kind", "unknown change \"\(kindName)\"")
        }
        let dueDate: CivilDate? = f.object["dueDate"]?.isNull == true ? nil : try f.date("dueDate")
        return ChannelChange(at: try f.instant("at"), kind: kind, by: try f.optionalString("by").map { OfficialID($0) },
                             note: try f.string("note"), departmentID: DepartmentID(try f.string("departmentId")),
                             dueDate: dueDate)
    }
}
