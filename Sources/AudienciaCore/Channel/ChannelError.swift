/// Why the channel refused an order. A refused order changes nothing.
public enum ChannelError: Error, Sendable, Equatable {
    /// The check-in form was refused for the same reason the hearing would refuse it.
    case checkIn(HearingError)
    case unknownFolio
    case wrongResumeCode
    case petitionAnswered
    case notYourDepartment
    case forbidden
    case invalidNote
    case invalidAnswer
    case invalidCommitment
    case invalidDueDate
    case unknownDepartment
    case sameDepartment

    public static let allCodes = ["unknown_folio", "wrong_resume_code", "petition_answered",
                                  "not_your_department", "invalid_note"]

    public var code: String {
        switch self {
        case .checkIn(let error): error.code
        case .unknownFolio: "unknown_folio"
        case .wrongResumeCode: "wrong_resume_code"
        case .petitionAnswered: "petition_answered"
        case .notYourDepartment: "not_your_department"
        case .forbidden: HearingError.forbidden.code
        case .invalidNote: "invalid_note"
        case .invalidAnswer: HearingError.invalidAnswer.code
        case .invalidCommitment: HearingError.invalidCommitment.code
        case .invalidDueDate: HearingError.invalidDueDate.code
        case .unknownDepartment: HearingError.unknownDepartment.code
        case .sameDepartment: HearingError.sameDepartment.code
        }
    }

    public var message: String {
        switch self {
        case .checkIn(let error): error.message
        case .unknownFolio: "No encontramos ese folio."
        case .wrongResumeCode: "El código no corresponde a ese folio."
        case .petitionAnswered: "Esa petición ya fue respondida."
        case .notYourDepartment: "Esa petición está a cargo de otra dependencia."
        case .forbidden: HearingError.forbidden.message
        case .invalidNote: "Explica el motivo del cambio (de 1 a 1000 caracteres)."
        case .invalidAnswer: HearingError.invalidAnswer.message
        case .invalidCommitment: HearingError.invalidCommitment.message
        case .invalidDueDate: HearingError.invalidDueDate.message
        case .unknownDepartment: HearingError.unknownDepartment.message
        case .sameDepartment: HearingError.sameDepartment.message
        }
    }
}
