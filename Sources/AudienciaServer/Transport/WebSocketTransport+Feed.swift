import AudienciaCore

/// The public feed's fast path. An event is appended once to the feed log; a viewer is a
/// cursor into it. Publishing wakes only the viewers that were caught up (each listed once,
/// when its last write left it with nothing to send; +FeedWave); a viewer that is behind
/// already has a writable callback pending and simply reads further when it comes. A stalled
/// viewer costs nothing per event: its cursor stays where it is until the once-a-second check
/// finds it past its allowance with its socket taking nothing, or past what the log keeps,
/// and closes it with 4001.
extension WebSocketTransport {
    /// How many allowances of feed the log keeps, once for every viewer: a burst publishes
    /// more than one allowance before any viewer's turn to write comes (2,000 check-ins are
    /// about 1.3 MB of feed), and a viewer that is reading must find it all still there.
    static let feedLogAllowances = 16

    /// Appends a feed event for every viewer on the feed. The caught-up viewers are not woken
    /// at once but when the coalescing interval that this event opens (if none is open) ends:
    /// each then gets every event of the interval in one write, one `send()` where there
    /// would have been one per event (see `Options.feedCoalesceMicroseconds`). Waking at once
    /// would make each of a busy server's passes over the viewers carry only the few events
    /// read during the last one (see docs/performance.md, "The loop").
    func publishToFeed(_ frame: OutgoingFrame) {
        feedLog.append(frame)
        guard !feedWaiting.isEmpty, !feedWakeScheduled else { return }
        if options.feedCoalesceMicroseconds > 0 {
            feedWakeScheduled = true
            scheduleFeedWake(after: options.feedCoalesceMicroseconds)
        } else {
            wakeFeedReaders()
        }
    }

    /// Puts a viewer on the feed: it gets every event published from now on, after whatever
    /// was already queued for it (its snapshot, a resume).
    func joinFeed(_ id: ConnectionID) {
        guard let slot = connections.slot(of: id) else { return }
        let connection = connections.connection(at: slot)
        guard connection.pointee.closeCode == nil, connection.pointee.feedCursor == nil else { return }
        connection.pointee.feedCursor = feedLog.end
        if connection.pointee.outbox.isEmpty { awaitFeed(connection, slot: slot) }
    }

    /// Lists a caught-up viewer to be woken by the next event; one already listed, or in the
    /// wave, is written to anyway.
    func awaitFeed(_ connection: UnsafeMutablePointer<TransportConnection>, slot: Int) {
        guard connection.pointee.feedWake == .unlisted, connection.pointee.feedCursor != nil,
              connection.pointee.closeCode == nil else { return }
        connection.pointee.feedWake = .listed
        feedWaiting.append(slot)
    }

    /// Feed bytes published and not yet written to this connection.
    func unreadFeedBytes(_ connection: UnsafeMutablePointer<TransportConnection>) -> Int {
        guard let cursor = connection.pointee.feedCursor else { return 0 }
        return feedLog.bytes(from: cursor)
    }

    /// Whether the connection fell behind what the log keeps, or is past its allowance and has
    /// waited for its socket through a whole tick and at least two passes of the loop. Being
    /// behind is not enough: a burst (2,000 check-ins at 10:00) publishes more than an
    /// allowance in one pass, before the server has had a turn to write to anyone, and viewers
    /// that read must not pay for it.
    func isTooSlow(_ connection: UnsafeMutablePointer<TransportConnection>) -> Bool {
        if let cursor = connection.pointee.feedCursor, cursor < feedLog.start { return true }
        guard connection.pointee.outbox.bytes + unreadFeedBytes(connection) > maxOutboxBytes,
              let asked = connection.pointee.writableAskedAt else { return false }
        // Two ticks since the ask: a whole tick has gone by, however late the ticks came (a
        // long pass delays one). Two passes: lws has had its chances to call back.
        return ticks - asked.tick >= 2 && passes - asked.pass >= 2
    }

    /// Drops what was waiting for it, feed included, and closes with 4001.
    func closeTooSlow(_ connection: UnsafeMutablePointer<TransportConnection>) {
        connection.pointee.outbox.clear()
        connection.pointee.feedCursor = nil
        counters.slowConsumerCloses += 1
        close(connection, code: CloseCode.slowConsumer, reason: "demasiado lento")
    }

    /// On the clock tick, with the idle sweep: viewers too far behind are closed, and the
    /// waiting list forgets connections closed since the last event.
    func sweepFeedReaders() {
        for slot in 0..<connections.highWater {
            let connection = connections.connection(at: slot)
            if !connection.pointee.isVacant, connection.pointee.closeCode == nil, isTooSlow(connection) {
                closeTooSlow(connection)
            }
        }
        feedWaiting.removeAll { slot in
            let connection = connections.connection(at: slot)
            guard connection.pointee.feedWake == .listed, connection.pointee.closeCode == nil else {
                if connection.pointee.feedWake == .listed { connection.pointee.feedWake = .unlisted }
                return true
            }
            return false
        }
    }

    /// The feed position up to which events leave before the connection's own next frame.
    private func feedLimit(_ connection: UnsafeMutablePointer<TransportConnection>) -> Int {
        min(connection.pointee.feedStop ?? feedLog.end, connection.pointee.outbox.firstFeedPosition)
    }

    /// The next frame due on `connection`, in order: its own frames queued before the feed
    /// event at its cursor, then that event, and so on.
    func nextFrame(_ connection: UnsafeMutablePointer<TransportConnection>) -> (frame: FrameView, fromFeed: Bool)? {
        if let cursor = connection.pointee.feedCursor, cursor >= feedLog.start, cursor < feedLimit(connection) {
            return (feedLog.view(at: cursor), true)
        }
        return connection.pointee.outbox.firstView.map { ($0, false) }
    }

    /// Moves past the frame `nextFrame` gave, once its bytes are written or copied.
    func advance(_ connection: UnsafeMutablePointer<TransportConnection>, fromFeed: Bool) {
        if fromFeed {
            connection.pointee.feedCursor? += 1
        } else {
            connection.pointee.outbox.removeFirst()
        }
    }

    /// Copies the feed events due before the connection's own next frame to `target`, as many
    /// as fit in `room`, and moves its cursor past them.
    func copyFeedRun(_ connection: UnsafeMutablePointer<TransportConnection>, to target: UnsafeMutableRawPointer,
                     room: Int) -> (frames: Int, bytes: Int) {
        guard let cursor = connection.pointee.feedCursor, cursor >= feedLog.start else { return (0, 0) }
        let limit = feedLimit(connection)
        guard cursor < limit else { return (0, 0) }
        let copied = feedLog.copyFrames(from: cursor, upTo: limit, to: target, room: room)
        connection.pointee.feedCursor = cursor + copied.frames
        return copied
    }

    /// Frames still due on `connection`, its own and the feed's.
    func pendingFrames(_ connection: UnsafeMutablePointer<TransportConnection>) -> Int {
        guard let cursor = connection.pointee.feedCursor, cursor >= feedLog.start else {
            return connection.pointee.outbox.count
        }
        return connection.pointee.outbox.count + max(0, (connection.pointee.feedStop ?? feedLog.end) - cursor)
    }
}
