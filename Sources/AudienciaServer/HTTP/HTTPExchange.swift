/// A GET request on one of the server's dynamic paths (`/healthz`, …), as the transport read it.
struct HTTPRequest: Equatable {
    /// The path without the query string, e.g. `/open311/v2/requests.json`.
    var path: String
    /// Query arguments, already URL-decoded; a repeated name keeps its first value.
    var query: [String: String] = [:]
}

/// What a route answers. Dynamic responses are never cached: they describe the live hearing.
struct HTTPResponse: Equatable {
    var status: UInt32
    var contentType: String
    var body: [UInt8]

    static func json(_ bytes: [UInt8], status: UInt32 = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: bytes)
    }

    static func text(_ text: String, status: UInt32 = 200,
                     contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, contentType: contentType, body: Array(text.utf8))
    }

    static let notFound = text("No encontrado.\n", status: 404)
    static let methodNotAllowed = text("Solo se admite GET.\n", status: 405)
}
