import AudienciaCore

/// The public feed's fast path. An event is appended once to the feed log; a viewer is a
/// cursor into it. Publishing wakes only the viewers that were caught up (each listed once,
/// when its last write left it with nothing to send); a viewer that is behind already has a
/// writable callback pending and simply reads further when it comes. A stalled viewer costs
/// nothing per event: its cursor stays where it is until the once-a-second check finds it
/// past its allowance or past what the log keeps, and closes it with 4001.
extension WebSocketTransport {
    /// Appends a feed event for every viewer on the feed. The caught-up viewers are not woken
    /// at once but when the coalescing interval that this event opens (if none is open) ends:
    /// each then gets every event of the interval in one write, one `send()` where there
    /// would have been one per event (see `Options.feedCoalesceMicroseconds`).
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

    /// Asks a write for every viewer listed as caught up: they all have something now.
    func wakeFeedReaders() {
        feedWakeScheduled = false
        for connection in feedWaiting {
            connection.awaitingFeed = false
            if !connection.isClosed { requestWritable(connection) }
        }
        feedWaiting.removeAll(keepingCapacity: true)
    }

    /// Puts a viewer on the feed: it gets every event published from now on, after whatever
    /// was already queued for it (its snapshot, a resume).
    func joinFeed(_ id: ConnectionID) {
        guard let connection = connections[id], connection.closeCode == nil, connection.feedCursor == nil else { return }
        connection.feedCursor = feedLog.end
        if connection.outbox.isEmpty { awaitFeed(connection) }
    }

    /// Lists a caught-up viewer to be woken by the next event.
    func awaitFeed(_ connection: TransportConnection) {
        guard !connection.awaitingFeed, connection.feedCursor != nil, connection.closeCode == nil else { return }
        connection.awaitingFeed = true
        feedWaiting.append(connection)
    }

    /// Feed bytes published and not yet written to this connection.
    func unreadFeedBytes(_ connection: TransportConnection) -> Int {
        guard let cursor = connection.feedCursor else { return 0 }
        return feedLog.bytes(from: cursor)
    }

    /// Whether the connection fell behind what the log keeps or past its allowance.
    func isTooSlow(_ connection: TransportConnection) -> Bool {
        guard let cursor = connection.feedCursor else { return false }
        return cursor < feedLog.start || connection.outbox.bytes + feedLog.bytes(from: cursor) > maxOutboxBytes
    }

    /// Drops what was waiting for it, feed included, and closes with 4001.
    func closeTooSlow(_ connection: TransportConnection, _ id: ConnectionID) {
        connection.outbox.clear()
        connection.feedCursor = nil
        counters.slowConsumerCloses += 1
        close(id, code: CloseCode.slowConsumer, reason: "demasiado lento")
    }

    /// On the clock tick, with the idle sweep: viewers too far behind are closed, and the
    /// waiting list forgets connections closed since the last event.
    func sweepFeedReaders() {
        for (id, connection) in connections where connection.closeCode == nil && isTooSlow(connection) {
            closeTooSlow(connection, id)
        }
        if feedWaiting.contains(where: { $0.isClosed || $0.closeCode != nil }) {
            feedWaiting.removeAll { connection in
                guard connection.isClosed || connection.closeCode != nil else { return false }
                connection.awaitingFeed = false
                return true
            }
        }
    }

    /// The next frame due on `connection`, in order: its own frames queued before the feed
    /// event at its cursor, then that event, and so on.
    func nextFrame(_ connection: TransportConnection) -> (frame: OutgoingFrame, fromFeed: Bool)? {
        if let cursor = connection.feedCursor, cursor >= feedLog.start, cursor < (connection.feedStop ?? feedLog.end),
           connection.outbox.firstFeedPosition > cursor {
            return (feedLog[cursor], true)
        }
        return connection.outbox.first.map { ($0, false) }
    }

    /// Moves past the frame `nextFrame` gave.
    func advance(_ connection: TransportConnection, fromFeed: Bool) {
        if fromFeed {
            connection.feedCursor? += 1
        } else {
            _ = connection.outbox.pop()
        }
    }

    /// Frames still due on `connection`, its own and the feed's.
    func pendingFrames(_ connection: TransportConnection) -> Int {
        guard let cursor = connection.feedCursor, cursor >= feedLog.start else { return connection.outbox.count }
        return connection.outbox.count + max(0, (connection.feedStop ?? feedLog.end) - cursor)
    }
}
