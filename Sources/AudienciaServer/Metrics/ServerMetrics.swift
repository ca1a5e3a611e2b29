import Foundation

/// Running totals for `/metrics`, kept on the service thread. Only counts and durations:
/// nothing here names a person, a folio or an address.
struct ServerMetrics {
    /// Feed events published, and their copies queued to viewers (one per viewer per event).
    var feedEvents = 0
    var feedDeliveries = 0
    /// `error` replies sent, by code.
    var errors: [String: Int] = [:]
    var journalCommits = LatencyHistogram()

    mutating func countError(code: String) { errors[code, default: 0] += 1 }
}

/// A Prometheus histogram of durations in seconds: cumulative buckets, sum and count.
struct LatencyHistogram {
    /// Upper bounds, in seconds: an fsync on a good disk takes about a millisecond, on a busy
    /// virtual one a good part of a second.
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    private(set) var counts = [Int](repeating: 0, count: LatencyHistogram.bounds.count)
    private(set) var count = 0
    private(set) var sum = 0.0

    mutating func record(seconds: Double) {
        count += 1
        sum += seconds
        if let index = Self.bounds.firstIndex(where: { seconds <= $0 }) { counts[index] += 1 }
    }

    /// Observations at or below each bound, then all of them (`+Inf`).
    var cumulative: [(bound: String, count: Int)] {
        var total = 0
        var rows: [(String, Int)] = []
        for (bound, count) in zip(Self.bounds, counts) {
            total += count
            rows.append((PrometheusText.number(bound), total))
        }
        rows.append(("+Inf", self.count))
        return rows
    }
}

/// The Prometheus text exposition format (version 0.0.4): `# HELP` and `# TYPE` once per
/// metric, then one sample a line, labels quoted and escaped.
struct PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    private(set) var text = ""

    mutating func metric(_ name: String, _ type: String, _ help: String,
                         _ samples: [(labels: [(String, String)], value: Double)]) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for sample in samples { line(name, sample.labels, sample.value) }
    }

    mutating func metric(_ name: String, _ type: String, _ help: String, _ value: Double) {
        metric(name, type, help, [([], value)])
    }

    mutating func histogram(_ name: String, _ help: String, _ histogram: LatencyHistogram) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        for row in histogram.cumulative { line(name + "_bucket", [("le", row.bound)], Double(row.count)) }
        line(name + "_sum", [], histogram.sum)
        line(name + "_count", [], Double(histogram.count))
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
