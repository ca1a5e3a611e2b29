import Synchronization

/// What other threads may ask of the service loop: to stop, or just to wake (the journal's
/// queue, when a commit is over). lws allows exactly one cross-thread call, `lws_cancel_service`, so the
/// waker is that call, made while holding the lock so the context cannot vanish meanwhile.
final class StopRequest: Sendable {
    private struct State {
        var requested = false
        var wake: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    var isRequested: Bool { state.withLock { $0.requested } }

    func request() {
        state.withLock { state in
            state.requested = true
            state.wake?()
        }
    }

    /// Wakes the loop without asking it to stop: work another thread finished (a journal
    /// commit) is then picked up at the end of the pass.
    func wakeLoop() {
        state.withLock { $0.wake?() }
    }

    /// Set while the context lives; cleared before it is destroyed.
    func setWaker(_ wake: (@Sendable () -> Void)?) {
        state.withLock { $0.wake = wake }
    }
}
