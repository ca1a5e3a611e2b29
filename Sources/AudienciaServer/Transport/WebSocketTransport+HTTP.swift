import CLibWebSockets

/// The HTTP side of the one lws owner: the static mounts are lws's own; the dynamic mounts
/// (`Options.dynamicMountpoints`) are answered here by asking the delegate, on the service thread.
extension WebSocketTransport {
    func http(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                          _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        let key = UInt(bitPattern: wsi)
        switch reason {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            return -1  // an upgrade without `audiencia.v1` would sit unanswered here
        case LWS_CALLBACK_HTTP:
            let response = httpRequest(wsi).map { delegate?.httpRequest($0) ?? .notFound } ?? .methodNotAllowed
            if audiencia_http_write_headers(wsi, response.status, response.contentType, response.body.count) != 0 {
                return -1
            }
            httpBodies[key] = HTTPBodyCursor(response.body)
            lws_callback_on_writable(wsi)
            return 0
        case LWS_CALLBACK_HTTP_WRITEABLE:
            guard var cursor = httpBodies[key] else { break }
            let (piece, isLast) = cursor.next()
            let failed = piece.withUnsafeBufferPointer {
                audiencia_http_write_body(wsi, $0.baseAddress, $0.count, isLast ? 1 : 0) != 0
            }
            if failed { httpBodies[key] = nil; return -1 }
            if !isLast { httpBodies[key] = cursor; lws_callback_on_writable(wsi); return 0 }
            httpBodies[key] = nil
            return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
        case LWS_CALLBACK_CLOSED_HTTP:
            httpBodies[key] = nil
        default:
            break
        }
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }

    /// The GET request lws parsed, or nil for any other method.
    private func httpRequest(_ wsi: OpaquePointer) -> HTTPRequest? {
        guard lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0 else { return nil }
        var request = HTTPRequest(path: header(wsi, WSI_TOKEN_GET_URI) ?? "")
        var buffer = [CChar](repeating: 0, count: 512)
        for index: Int32 in 0..<32 {
            let count = lws_hdr_copy_fragment(wsi, &buffer, Int32(buffer.count), WSI_TOKEN_HTTP_URI_ARGS, index)
            guard count >= 0 else { break }
            let pair = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let name = String(pair.prefix { $0 != "=" })
            if request.query[name] == nil { request.query[name] = String(pair.dropFirst(name.count + 1)) }
        }
        return request
    }
}

extension WebSocketTransport {
    /// A request header, or nil when absent (or longer than any sane origin or host).
    func header(_ wsi: OpaquePointer, _ token: lws_token_indexes) -> String? {
        let length = Int(lws_hdr_total_length(wsi, token))
        guard length > 0, length < 512 else { return nil }
        var buffer = [CChar](repeating: 0, count: length + 1)
        guard lws_hdr_copy(wsi, &buffer, Int32(buffer.count), token) >= 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// protocols[0] serves files and the dynamic routes; see `WebSocketTransport.http`.
func httpProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let transport = WebSocketTransport.from(lws_get_context(wsi)) else {
        return reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION ? -1 : 0
    }
    return transport.http(wsi, reason, user, input, length)
}
