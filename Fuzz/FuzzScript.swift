/// How a fuzz case's bytes become a sequence of frames, so one case explores a sequence of
/// inputs rather than a single message.
///
/// The bytes are split at newlines; each line is one step:
/// - `t` followed by digits: the clock moves that many minutes (at most 999) and ticks, so the
///   schedule may open, start or close the session;
/// - a digit `0`…`9` followed by a frame: connection 0…9 sends that frame (connections 0, 1 and
///   2 are the moderator, the mayor and the water director, already signed in; 3…9 start
///   anonymous and must say `hello`);
/// - anything else: connection 3 sends the whole line.
/// Every frame also moves the clock on seven seconds.
enum FuzzScript {
    enum Line: Equatable {
        case tick(minutes: Int)
        case frame(connection: Int, bytes: ArraySlice<UInt8>)
    }

    static let defaultConnection = 3
    static let connectionCount = 10

    static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        Array(bytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(line)
    }

    static func line(_ raw: ArraySlice<UInt8>) -> Line {
        guard let first = raw.first else { return .frame(connection: defaultConnection, bytes: raw) }
        if first == UInt8(ascii: "t") {
            let digits = raw.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            if !digits.isEmpty {
                let minutes = digits.prefix(3).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                return .tick(minutes: minutes)
            }
        }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
            return .frame(connection: Int(first - UInt8(ascii: "0")), bytes: raw.dropFirst())
        }
        return .frame(connection: defaultConnection, bytes: raw)
    }
}
