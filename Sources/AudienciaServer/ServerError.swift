/// Failures of the server layer, mapped once at the edge with the detail that explains them.
public enum ServerError: Error, CustomStringConvertible {
    /// A libwebsockets call failed; the associated text names it.
    case transport(String)
    case storage(path: String, reason: String)
    case crypto(String)
    /// Options that cannot work together.
    case configuration(String)

    public var description: String {
        switch self {
        case .transport(let call): "libwebsockets: falló \(call)"
        case .storage(let path, let reason): "\(path): \(reason)"
        case .crypto(let call): "OpenSSL: falló \(call)"
        case .configuration(let problem): problem
        }
    }
}
