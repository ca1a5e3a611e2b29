import Synchronization

/// A message's bytes, encoded off the service thread. Replies, guidance and feed events held
/// for the journal wait for its fsync anyway; encoding them meanwhile on the journal's queue
/// (`SessionRecorder.prepare`) leaves the service thread free to read the next messages of a
/// burst. If the service thread needs the bytes before the queue got to them, it encodes them
/// itself and the queue's copy is dropped.
final class PreparedBytes: Sendable {
    private enum State {
        case pending
        case ready([UInt8])
        case taken
    }

    private let state = Mutex(State.pending)
    private let encode: @Sendable () -> [UInt8]

    init(_ encode: @escaping @Sendable () -> [UInt8]) {
        self.encode = encode
    }

    /// On the journal's queue: encodes, unless the bytes were taken already.
    func prepare() {
        let wanted = state.withLock { state in
            if case .pending = state { true } else { false }
        }
        guard wanted else { return }
        let bytes = encode()
        state.withLock { state in
            if case .pending = state { state = .ready(bytes) }
        }
    }

    /// On the service thread, once: the bytes, encoded here if they are not ready.
    func take() -> [UInt8] {
        let ready: [UInt8]? = state.withLock { state in
            defer { state = .taken }
            if case .ready(let bytes) = state { return bytes }
            return nil
        }
        return ready ?? encode()
    }
}
