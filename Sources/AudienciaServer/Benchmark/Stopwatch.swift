/// Milliseconds on the monotonic clock (`ContinuousClock`), and the summaries the benchmark
/// reports: a wall clock that steps would make figures lie.
enum Stopwatch {
    static func milliseconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, (clock.now - start).milliseconds)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// The minimum and median of repeated timings; the minimum is the least disturbed run.
public struct Timing: Sendable, Equatable {
    public var min: Double
    public var median: Double
    public var runs: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        min = sorted.first ?? 0
        median = sorted.isEmpty ? 0 : sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        runs = samples.count
    }
}
