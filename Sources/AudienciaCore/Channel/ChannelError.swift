/// Why the channel refused an order. A refused order changes nothing.
public enum ChannelError: Error, Sendable, Equatable {
    /// The check-in form was refused for the same reason the hearing would refuse it.
    case checkIn(HearingError)
    case unknownFolio
    case wrongResumeCode
    case petitionAnswered
    /// A director acting on another department's petition (the hearing's own code).
    case forbiddenDepartment
    case forbidden
    case invalidNote
    case invalidAnswer
    case invalidCommitment
    case invalidDueDate
    case unknownDepartment
    case sameDepartment
    /// An ARCO request refused for the same reason the hearing would refuse it.
    case arco(HearingError)

    /// The codes only the channel uses; the rest are the hearing's.
    public static let allCodes = ["unknown_folio", "wrong_resume_code", "petition_answered", "invalid_note"]

    public var code: String {
        switch self {
        case .checkIn(let error): error.code
        case .unknownFolio: "unknown_folio"
        case .wrongResumeCode: "wrong_resume_code"
        case .petitionAnswered: "petition_answered"
        case .forbiddenDepartment: HearingError.forbiddenDepartment.code
        case .forbidden: HearingError.forbidden.code
        case .invalidNote: "invalid_note"
        case .invalidAnswer: HearingError.invalidAnswer.code
        case .invalidCommitment: HearingError.invalidCommitment.code
        case .invalidDueDate: HearingError.invalidDueDate.code
        case .unknownDepartment: HearingError.unknownDepartment.code
        case .sameDepartment: HearingError.sameDepartment.code
        case .arco(let error): error.code
        }
    }

    public var message: String {
        switch self {
        case .checkIn(let error): error.message
        case .unknownFolio: "No encontramos ese folio."
        case .wrongResumeCode: "El código no corresponde a ese folio."
        case .petitionAnswered: "Esa petición ya fue respondida."
        case .forbiddenDepartment: "Esa petición está a cargo de otra dependencia."
        case .forbidden: HearingError.forbidden.message
        case .invalidNote: "Explica el motivo del cambio (de 1 a 1000 caracteres)."
        case .invalidAnswer: HearingError.invalidAnswer.message
        case .invalidCommitment: HearingError.invalidCommitment.message
        case .invalidDueDate: HearingError.invalidDueDate.message
        case .unknownDepartment: HearingError.unknownDepartment.message
        case .sameDepartment: HearingError.sameDepartment.message
        case .arco(let error): error.message
        }
    }
}
