import AudienciaCore
import AudienciaJSON

/// A client message for the permanent channel (docs/protocol.md, "The permanent channel").
public enum ChannelRequest: Sendable, Equatable {
    /// `channel.checkin`: the hearing's check-in form, outside the hearing.
    case checkIn(CheckInForm)
    /// `folio.status`: anyone; with the resume code, the notes too.
    case status(Folio, resumeCode: String?)
    /// `backlog.get` (officials).
    case backlog
    /// `petition.update` (officials).
    case update(Folio, ChannelUpdateForm)
}

extension ChannelError: CodedError {}

/// Reads the channel's client messages; `nil` for a type that is not the channel's.
enum ChannelDecoder {
    static func request(_ type: String, _ fields: Fields) throws(WireError) -> ChannelRequest? {
        switch type {
        case "channel.checkin": return .checkIn(try ClientDecoder.checkIn(fields))
        case "folio.status":
            return .status(Folio(try fields.string("folio", limit: 64)),
                           resumeCode: try fields.optionalString("resumeCode", limit: 256))
        case "backlog.get": return .backlog
        case "petition.update": return .update(Folio(try fields.string("folio", limit: 64)), try update(fields))
        default: return nil
        }
    }

    private static func update(_ fields: Fields) throws(WireError) -> ChannelUpdateForm {
        switch try fields.string("status") {
        case "in_process":
            guard let due = CivilDate(try fields.string("dueDate")) else { throw .invalidField("dueDate") }
            return .inProcess(commitment: try fields.string("commitment"), dueDate: due)
        case "answered":
            return .answered(answer: try fields.string("answer"))
        case "transferred":
            return .transferred(to: DepartmentID(try fields.string("departmentId")), note: try fields.string("note"))
        default:
            throw .invalidField("status")
        }
    }
}
