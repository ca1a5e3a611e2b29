import CLibWebSockets

/// When and how the caught-up viewers hear of new feed events.
///
/// Publishing lists nothing new: the viewers that were caught up are already listed
/// (`feedWaiting`, +Feed). The first event of an interval schedules a wake-up; the wake moves
/// the listed viewers onto the wave (`feedWave`), and the wave is written between passes of
/// the loop, a slice at a time, each viewer getting every event published so far in one write.
/// Between two slices the loop makes a pass that does not wait: an announcement or a check-in
/// that comes meanwhile is read after one slice, not after the whole wave, and the rest of the
/// wave already carries its event.
extension WebSocketTransport {
    /// Puts every viewer listed as caught up that has something new on the wave. One written to
    /// since it was listed (in a wave that already carried the event, or after its ping) stays
    /// listed for the next event. A listed slot whose state is not `.listed` was closed (and
    /// perhaps taken again) since, or was moved by an earlier entry for the same slot: dropped.
    func wakeFeedReaders() {
        feedWakeScheduled = false
        var stillWaiting = 0
        for index in feedWaiting.indices {
            let slot = feedWaiting[index]
            let connection = connections.connection(at: slot)
            guard connection.pointee.feedWake == .listed else { continue }
            if pendingFrames(connection) == 0 {
                feedWaiting[stillWaiting] = slot
                stillWaiting += 1
            } else {
                connection.pointee.feedWake = .inWave
                feedWave.append(slot)
            }
        }
        feedWaiting.removeLast(feedWaiting.count - stillWaiting)
    }

    /// Whether some of the wave is still to be written: the next pass must not wait.
    var feedWaveRemains: Bool { feedWaveNext < feedWave.count }

    /// Writes to the next slice of the wave, at once where it may (+WritesAtOnce), or asks its
    /// writable callback. A viewer written to lists itself again, for the next wake.
    func writeFeedWaveSlice() {
        guard feedWaveRemains else { return }
        counters.feedWaveSlices += 1
        // 10,000 viewers take about 50 ms of `send()`s on this kind of machine; a slice of
        // 1,000 (the default) keeps what arrives meanwhile waiting about 5 ms.
        let slice = max(options.feedWaveSlice, 1)
        let end = min(feedWave.count, feedWaveNext + slice)
        while feedWaveNext < end {
            let slot = feedWave[feedWaveNext]
            feedWaveNext += 1
            let connection = connections.connection(at: slot)
            guard connection.pointee.feedWake == .inWave else { continue }
            connection.pointee.feedWake = .unlisted
            writeNowOrAsk(connection, slot: slot)
        }
        if !feedWaveRemains {
            feedWave.removeAll(keepingCapacity: true)
            feedWaveNext = 0
        } else if feedWaveNext >= 4 * slice && feedWaveNext * 2 >= feedWave.count {
            // Wakes keep adding to a wave that has not ended (a server kept busy): what has been
            // written is let go, at most once per half of the list, so the list stays the size
            // of the viewers waiting.
            feedWave.removeFirst(feedWaveNext)
            feedWaveNext = 0
        }
    }

    /// Wakes the caught-up viewers `microseconds` from now, on the service thread: the loop's
    /// own timer, since this is set between passes (see `audiencia_loop_timer`).
    func scheduleFeedWake(after microseconds: Int64) {
        guard let loop else { return }
        feedWakeDueAt = SystemClock.monotonicSeconds() + Double(microseconds) / 1e6
        audiencia_loop_timer_start(loop, timers.feedWake, microseconds)
    }

    /// Between passes: the wake-up, if its time came during the pass, without waiting for the
    /// timer to fire in the next one. The timer stays for an idle loop.
    func wakeFeedReadersIfDue() {
        guard feedWakeScheduled, let loop, SystemClock.monotonicSeconds() >= feedWakeDueAt else { return }
        audiencia_loop_timer_stop(loop, timers.feedWake)
        wakeFeedReaders()
    }
}

/// The feed's wake-up, on the loop's own timer: the context is the transport's, as lws's is.
func feedWakeFired(_ user: UnsafeMutableRawPointer?) {
    WebSocketTransport.from(user: user)?.wakeFeedReaders()
}
