import AudienciaCore
import AudienciaJSON

/// Reads protocol v1 client frames (docs/protocol.md, "Client messages").
public enum ClientDecoder {
    public static let maxRefLength = 64

    /// Read straight from jansson's parsed tree (`JSONView`): a check-in is read once, field
    /// by field, and a Swift copy of the whole document first would cost as much again.
    public static func decode(_ bytes: some Collection<UInt8>) -> DecodedFrame {
        let parsed = bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0)) }
        return parsed ?? Array(bytes).withUnsafeBytes { decode($0) }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> DecodedFrame {
        do {
            return try JSON.withParsed(bytes) { json in
                guard json.isObject else { return DecodedFrame(ref: nil, result: .failure(.notAnObject)) }
                return decode(Fields(json))
            }
        } catch {
            return DecodedFrame(ref: nil, result: .failure(.malformedJSON(line: error.line, column: error.column)))
        }
    }

    private static func decode(_ fields: Fields) -> DecodedFrame {
        let ref: String?
        do {
            ref = try fields.optionalString("ref", limit: maxRefLength)
        } catch {
            return DecodedFrame(ref: nil, result: .failure(error))
        }
        do {
            return DecodedFrame(ref: ref, result: .success(try message(fields)))
        } catch {
            return DecodedFrame(ref: ref, result: .failure(error))
        }
    }

    private static func message(_ fields: Fields) throws(WireError) -> ClientMessage {
        guard let type = fields["type"]?.string else { throw .unknownType }
        switch type {
        case "hello": return .hello(try hello(fields))
        case "checkin": return .checkIn(try checkIn(fields))
        case "leave": return .leave
        case "arco.export", "arco.rectify", "arco.cancel": return try arco(type, fields)
        case "ping": return .ping
        case "session.open": return .official(.openSession)
        case "session.close": return .official(.closeSession)
        case "queue.callNext":
            return .official(.callNext(officialID: try fields.optionalString("officialId").map { OfficialID($0) }))
        case "queue.noShow": return .official(.markNoShow(folio: Folio(try fields.string("folio"))))
        case "queue.move":
            guard let position = fields["position"]?.int else {
                throw fields["position"] == nil ? .missingField("position") : .invalidField("position")
            }
            return .official(.movePetition(folio: Folio(try fields.string("folio")), toPosition: Int(clamping: position)))
        case "queue.transfer":
            return .official(.transferPetition(folio: Folio(try fields.string("folio")),
                                               to: DepartmentID(try fields.string("departmentId"))))
        case "floor.take": return .official(.takeFloor)
        case "outcome.record":
            return .official(.recordOutcome(folio: Folio(try fields.string("folio")), try outcome(fields)))
        case "announce": return .official(.announce(text: try fields.string("text")))
        default:
            guard let request = try ChannelDecoder.request(type, fields) else { throw .unknownType }
            return .channel(request)
        }
    }

    private static func hello(_ fields: Fields) throws(WireError) -> HelloRole {
        switch try fields.string("role") {
        case "viewer":
            let epoch = try fields.optionalString("epoch", limit: 64)
            switch (epoch, fields["seq"]) {
            case (nil, nil): return .viewer(resumeFrom: nil)
            case (nil, _?): throw .missingField("epoch")
            case (_?, nil): throw .missingField("seq")
            case (let epoch?, let seq?):
                guard let seq = seq.int, seq >= 0 else { throw .invalidField("seq") }
                return .viewer(resumeFrom: FeedPosition(epoch: epoch, seq: seq))
            }
        case "citizen": return .citizen(resumeToken: try fields.optionalString("resumeToken", limit: 256))
        case "official": return .official(token: try fields.string("token", limit: 2048))
        default: throw .invalidField("role")
        }
    }

    static func checkIn(_ fields: Fields) throws(WireError) -> CheckInForm {
        guard let consent = fields["consent"] else { throw .missingField("consent") }
        guard consent.isObject else { throw .invalidField("consent") }
        let consentFields = Fields(consent)
        return CheckInForm(
            consentAccepted: try consentFields.bool("accepted", path: "consent.accepted"),
            noticeVersion: try consentFields.string("noticeVersion", path: "consent.noticeVersion"),
            name: try fields.string("name"),
            coloniaID: ColoniaID(try fields.string("coloniaId")),
            contact: try fields.optionalString("contact"),
            serviceID: ServiceID(try fields.string("serviceId")),
            description: try fields.string("description"),
            priority: try priority(fields))
    }

    /// `priority` is absent (or null) for the ordinary queue; when present it names the
    /// reason and carries the separate consent, which must be a boolean.
    private static func priority(_ fields: Fields) throws(WireError) -> PriorityRequest? {
        guard let value = fields["priority"], !value.isNull else { return nil }
        guard value.isObject else { throw .invalidField("priority") }
        let priority = Fields(value)
        return PriorityRequest(
            reasonID: PriorityReasonID(try priority.string("reasonId", path: "priority.reasonId", limit: 64)),
            expressConsent: try priority.bool("consentAccepted", path: "priority.consentAccepted"))
    }

    private static func arco(_ type: String, _ fields: Fields) throws(WireError) -> ClientMessage {
        let folio = Folio(try fields.string("folio", limit: 64))
        let token = try fields.string("resumeToken", limit: 256)
        switch type {
        case "arco.export":
            return .arco(.export, folio: folio, resumeToken: token)
        case "arco.rectify":
            let correction = CitizenCorrection(name: try fields.optionalString("name"),
                                               contact: try fields.optionalString("contact"),
                                               description: try fields.optionalString("description"))
            guard !correction.isEmpty else { throw .missingField("name") }
            return .arco(.rectify(correction), folio: folio, resumeToken: token)
        default:
            return .arco(.cancel, folio: folio, resumeToken: token)
        }
    }

    private static func outcome(_ fields: Fields) throws(WireError) -> OutcomeForm {
        switch try fields.string("outcome") {
        case "answered_now":
            return .answeredNow(answer: try fields.string("answer"))
        case "in_process":
            let dueText = try fields.string("dueDate")
            guard let due = CivilDate(dueText) else { throw .invalidField("dueDate") }
            return .inProcess(commitment: try fields.string("commitment"),
                              departmentID: try fields.optionalString("departmentId").map { DepartmentID($0) },
                              dueDate: due)
        case "transferred":
            return .transferred(to: DepartmentID(try fields.string("departmentId")))
        default:
            throw .invalidField("outcome")
        }
    }
}

/// Typed access to an object's members that names the offending field on failure. A view
/// into jansson's tree: valid only while the document is (inside `JSON.withParsed`).
struct Fields {
    /// Longest text any field may carry; the hearing applies the tighter per-field limits.
    static let defaultLimit = 4096

    let object: JSONView

    init(_ object: JSONView) { self.object = object }

    subscript(key: String) -> JSONView? { object[key] }

    func string(_ key: String, path: String? = nil, limit: Int = defaultLimit) throws(WireError) -> String {
        guard let value = object[key], !value.isNull else { throw .missingField(path ?? key) }
        guard let text = value.string, text.utf8.count <= limit else { throw .invalidField(path ?? key) }
        return text
    }

    func optionalString(_ key: String, limit: Int = defaultLimit) throws(WireError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.string, text.utf8.count <= limit else { throw .invalidField(key) }
        return text
    }

    func bool(_ key: String, path: String? = nil) throws(WireError) -> Bool {
        guard let value = object[key], !value.isNull else { throw .missingField(path ?? key) }
        guard let flag = value.bool else { throw .invalidField(path ?? key) }
        return flag
    }
}
