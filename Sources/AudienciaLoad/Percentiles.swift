/// Nearest-rank percentiles of a sample, in milliseconds.
struct Percentiles {
    let sorted: [Int64]

    init(nanoseconds: [Int64]) { sorted = nanoseconds.sorted() }

    func milliseconds(_ percent: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return Double(sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]) / 1e6
    }

    var max: Double? { sorted.last.map { Double($0) / 1e6 } }
}
