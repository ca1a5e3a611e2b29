import Foundation
import Glibc

/// A one-shot HTTP/1.1 client for live tests: loopback only, `Connection: close`, every read
/// bounded by a deadline.
enum TestHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One sample of `/metrics`, by its name and labels as written (e.g.
    /// `audiencia_connections{role="viewer"}`); nil when it is not there.
    static func metric(port: Int, _ sample: String) throws -> Double? {
        try metrics(port: port)[sample]
    }

    /// Reads `sample` until it equals `value` or `seconds` have passed; returns the last reading.
    static func metric(port: Int, _ sample: String, reaching value: Double, within seconds: TimeInterval) throws -> Double? {
        let deadline = Date().addingTimeInterval(seconds)
        var reading = try metric(port: port, sample)
        while reading != value, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            reading = try metric(port: port, sample)
        }
        return reading
    }

    /// Every sample of one reading of `/metrics`, by name and labels as written.
    static func metrics(port: Int) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in try request(port: port, "/metrics").body.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { samples[String(parts[0])] = value }
        }
        return samples
    }

    static func request(port: Int, _ path: String, method: String = "GET", timeout: TimeInterval = 5) throws -> Response {
        let fd = try LoopbackSocket.connect(port: port)
        defer { close(fd) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let head = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        guard head.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == head.count else {
            throw Failure(description: "write")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            received += chunk[0..<count]
            if let response = parse(received), response.body.utf8.count >= Int(response.headers["content-length"] ?? "0") ?? 0 {
                return response
            }
        }
        guard let response = parse(received) else { throw Failure(description: "no response to \(method) \(path)") }
        return response
    }

    private static func parse(_ bytes: [UInt8]) -> Response? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1."),
              let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
