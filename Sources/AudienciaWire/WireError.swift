import AudienciaCore

/// Errors with a stable code for programs and a Spanish message for people.
public protocol CodedError: Error {
    var code: String { get }
    var message: String { get }
}

extension HearingError: CodedError {}

/// Why a frame was refused before it reached the hearing.
public enum WireError: CodedError, Sendable, Equatable {
    case malformedJSON(line: Int, column: Int)
    case notAnObject
    case unknownType
    case missingField(String)
    case invalidField(String)
    case binaryNotSupported
    case messageTooLarge(limit: Int)
    case helloRequired
    case alreadyIdentified
    case wrongRole
    case invalidToken
    case tokenExpired
    /// The token was revoked (`audiencia token revoke`).
    case tokenRevoked
    /// The server could not do its part (e.g. no random bytes for a resume token).
    case serverError
    /// More messages than the connection's allowance; this one was dropped.
    case rateLimited
    /// Too many check-ins from the same address within an hour.
    case tooManyCheckIns
    /// The queue holds as many citizens as it can today.
    case queueFull

    /// One of each kind, for listings such as the error table in docs/protocol.md.
    public static let everyKind: [WireError] = [
        .malformedJSON(line: 1, column: 1), .notAnObject, .unknownType, .missingField("type"),
        .invalidField("type"), .binaryNotSupported, .messageTooLarge(limit: 16 * 1024), .helloRequired,
        .alreadyIdentified, .wrongRole, .invalidToken, .tokenExpired, .tokenRevoked, .serverError, .rateLimited,
        .tooManyCheckIns, .queueFull,
    ]

    public var code: String {
        switch self {
        case .malformedJSON: "malformed_json"
        case .notAnObject: "not_an_object"
        case .unknownType: "unknown_type"
        case .missingField: "missing_field"
        case .invalidField: "invalid_field"
        case .binaryNotSupported: "binary_not_supported"
        case .messageTooLarge: "message_too_large"
        case .helloRequired: "hello_required"
        case .alreadyIdentified: "already_identified"
        case .wrongRole: "wrong_role"
        case .invalidToken: "invalid_token"
        case .tokenExpired: "token_expired"
        case .tokenRevoked: "token_revoked"
        case .serverError: "server_error"
        case .rateLimited: "rate_limited"
        case .tooManyCheckIns: "too_many_checkins"
        case .queueFull: "queue_full"
        }
    }

    public var message: String {
        switch self {
        case .malformedJSON(let line, let column):
            "El mensaje no es JSON válido (línea \(line), columna \(column))."
        case .notAnObject: "El mensaje debe ser un objeto JSON."
        case .unknownType: "Tipo de mensaje desconocido."
        case .missingField(let field): "Falta el campo «\(field)»."
        case .invalidField(let field): "El campo «\(field)» no tiene un valor válido."
        case .binaryNotSupported: "Solo se aceptan mensajes de texto."
        case .messageTooLarge(let limit): "El mensaje supera el máximo de \(limit / 1024) KiB."
        case .helloRequired: "Primero envía «hello» para identificarte."
        case .alreadyIdentified: "Esta conexión ya se identificó."
        case .wrongRole: "Esta conexión no puede enviar ese mensaje."
        case .invalidToken: "La credencial no es válida."
        case .tokenExpired: "La credencial expiró; solicita una nueva."
        case .tokenRevoked: "La credencial fue revocada; solicita una nueva."
        case .serverError: "Ocurrió un error en el servidor; intenta de nuevo."
        case .rateLimited: "Demasiados mensajes seguidos; espera un momento."
        case .tooManyCheckIns: "Se registraron demasiados turnos desde esta red en la última hora; intenta más tarde o usa la atención ciudadana permanente."
        case .queueFull: "La fila de hoy está completa. Tu petición puede presentarse en la atención ciudadana permanente, de lunes a viernes."
        }
    }
}
