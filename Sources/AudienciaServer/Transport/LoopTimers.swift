import CLibWebSockets

/// The loop's own timers (`audiencia_loop_timer`, not lws's: lws 4.1 re-reads its timer list
/// only after it has handled some I/O): the clock tick, the feed's wake-up, and a pass the
/// delegate asked for. Each fires once per start, on the service thread, with the transport as
/// its context, as lws's callbacks have. A class: it owns their memory, freed once, after the
/// transport has stopped them and destroyed the loop.
final class LoopTimers {
    let tick = UnsafeMutablePointer<audiencia_loop_timer>.allocate(capacity: 1)
    let feedWake = UnsafeMutablePointer<audiencia_loop_timer>.allocate(capacity: 1)
    let pass = UnsafeMutablePointer<audiencia_loop_timer>.allocate(capacity: 1)

    private var all: [UnsafeMutablePointer<audiencia_loop_timer>] { [tick, feedWake, pass] }

    init() {
        for timer in all { timer.initialize(to: audiencia_loop_timer()) }
    }

    /// Gives each timer its callback and the context it is called with.
    func attach(context: UnsafeMutableRawPointer?, tick tickFire: @escaping @convention(c) (UnsafeMutableRawPointer?) -> Void,
                feedWake feedWakeFire: @escaping @convention(c) (UnsafeMutableRawPointer?) -> Void) {
        for timer in all { timer.pointee.context = context }
        tick.pointee.fire = tickFire
        feedWake.pointee.fire = feedWakeFire
        // The pass it ends is the point: `serviceLoopIdle` runs after it.
        pass.pointee.fire = { _ in }
    }

    func stopAll(on loop: UnsafeMutableRawPointer) {
        for timer in all { audiencia_loop_timer_stop(loop, timer) }
    }

    deinit {
        for timer in all { timer.deallocate() }
    }
}
