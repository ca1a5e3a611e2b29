import Foundation

/// A broken promise found while fuzzing: said on stderr, then the process aborts so libFuzzer
/// records the input that caused it as a crash.
enum FuzzFailure {
    static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("audiencia-fuzz: \(message)\n".utf8))
        abort()
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { stop(message()) }
    }
}
