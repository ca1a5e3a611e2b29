import AudienciaCore
import AudienciaJSON

/// The journal's JSON form of an accepted fact (docs/archive.md, "Journal"): one compact line
/// per `JournalEntry`, written before the fact's effects leave the server, so a restart can
/// replay the room exactly.
///
/// Every value the fact carries is written, `null` included, and decoding insists on all of
/// them: a journal line that does not read back to the very fact written is a corrupt journal,
/// and replaying a guess would rebuild a different room.
public enum JournalCodec {
    public static func encode(_ entry: JournalEntry) -> JSON {
        .object(["at": JSON(entry.at), "fact": fact(entry.fact)])
    }

    /// Decodes a line read straight from jansson (how the journal is read back).
    public static func decode(_ json: JSONView) throws(JournalDecodingError) -> JournalEntry {
        let line = try JournalFields(json, path: "")
        return JournalEntry(at: try line.instant("at"), fact: try fact(try line.object("fact")))
    }

    public static func decode(_ json: JSON) throws(JournalDecodingError) -> JournalEntry {
        try JournalFields.throughView(json, decode)
    }

    // MARK: Facts

    static func fact(_ fact: Fact) -> JSON {
        switch fact {
        case .sessionOpened(let info):
            return .object(["kind": "session_opened", "session": session(info)])
        case .sessionWentLive(let by):
            return .object(["kind": "session_went_live", "by": JSON(by?.rawValue)])
        case .citizenCheckedIn(let petition):
            return .object(["kind": "citizen_checked_in", "petition": Self.petition(petition)])
        case .citizenCalled(let folio, let officialID):
            return .object(["kind": "citizen_called", "folio": .string(folio.rawValue),
                            "officialId": .string(officialID.rawValue)])
        case .floorTaken(let by):
            return .object(["kind": "floor_taken", "by": .string(by.rawValue)])
        case .petitionResolved(let folio, let resolution):
            return .object(["kind": "petition_resolved", "folio": .string(folio.rawValue),
                            "resolution": Self.resolution(resolution)])
        case .petitionTransferred(let folio, let transfer):
            return .object(["kind": "petition_transferred", "folio": .string(folio.rawValue),
                            "transfer": Self.transfer(transfer)])
        case .petitionReassigned(let folio, let transfer):
            return .object(["kind": "petition_reassigned", "folio": .string(folio.rawValue),
                            "transfer": Self.transfer(transfer)])
        case .petitionMoved(let folio, let position):
            return .object(["kind": "petition_moved", "folio": .string(folio.rawValue),
                            "toPosition": JSON(position)])
        case .announcementPosted(let announcement):
            return .object(["kind": "announcement_posted", "number": JSON(announcement.number),
                            "at": JSON(announcement.at), "text": .string(announcement.text)])
        case .sessionClosed(let by, let due):
            return .object(["kind": "session_closed", "by": JSON(by?.rawValue),
                            "carriedForwardDue": JSON(due)])
        case .personalDataRectified(let folio, let data, let by):
            return .object(["kind": "personal_data_rectified", "folio": .string(folio.rawValue),
                            "citizen": citizen(data), "by": JSON(by?.rawValue)])
        case .personalDataCancelled(let folio, let by):
            return .object(["kind": "personal_data_cancelled", "folio": .string(folio.rawValue),
                            "by": JSON(by?.rawValue)])
        }
    }

    static func fact(_ f: JournalFields) throws(JournalDecodingError) -> Fact {
        let kind = try f.string("kind")
        switch kind {
        case "session_opened":
            return .sessionOpened(try session(try f.object("session")))
        case "session_went_live":
            return .sessionWentLive(by: try f.optionalString("by").map { OfficialID($0) })
        case "citizen_checked_in":
            return .citizenCheckedIn(try petition(try f.object("petition")))
        case "citizen_called":
            return .citizenCalled(Folio(try f.string("folio")),
                                  officialID: OfficialID(try f.string("officialId")))
        case "floor_taken":
            return .floorTaken(by: OfficialID(try f.string("by")))
        case "petition_resolved":
            return .petitionResolved(Folio(try f.string("folio")), try resolution(try f.object("resolution")))
        case "petition_transferred":
            return .petitionTransferred(Folio(try f.string("folio")), try transfer(try f.object("transfer")))
        case "petition_reassigned":
            return .petitionReassigned(Folio(try f.string("folio")), try transfer(try f.object("transfer")))
        case "petition_moved":
            return .petitionMoved(Folio(try f.string("folio")), toPosition: try f.int("toPosition"))
        case "announcement_posted":
            return .announcementPosted(Announcement(number: try f.int("number"), at: try f.instant("at"),
                                                    text: try f.string("text")))
        case "session_closed":
            return .sessionClosed(by: try f.optionalString("by").map { OfficialID($0) },
                                  carriedForwardDue: try f.date("carriedForwardDue"))
        case "personal_data_rectified":
            return .personalDataRectified(Folio(try f.string("folio")), try citizen(try f.object("citizen")),
                                          by: try f.optionalString("by").map { OfficialID($0) })
        case "personal_data_cancelled":
            return .personalDataCancelled(Folio(try f.string("folio")),
                                          by: try f.optionalString("by").map { OfficialID($0) })
        default:
            throw f.invalid("kind", "unknown fact kind \"\(kind)\"")
        }
    }
}
