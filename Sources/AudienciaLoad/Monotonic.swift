import Glibc

/// CLOCK_MONOTONIC in nanoseconds. The same clock in every process of the machine, so a time
/// written into an announcement by the driver can be compared with a viewer's receive time.
enum Monotonic {
    static func nanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    static func seconds() -> Double { Double(nanoseconds()) / 1e9 }
}
