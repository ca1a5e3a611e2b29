import AudienciaCore
import CLibWebSockets

/// The write side of the one lws owner: what a writable connection gets.
extension WebSocketTransport {
    /// Queues `frame` for a connection; written when lws says the socket is writable, or, when
    /// queued between passes, at once before the next pass (+WritesAtOnce). A connection that
    /// lets more than `maxOutboxBytes` pile up is not reading: its queue is dropped and it is
    /// closed (4001), so one stalled client cannot grow the server's memory.
    func send(_ frame: OutgoingFrame, to id: ConnectionID) {
        assertOnServiceThread()
        guard let slot = connections.slot(of: id) else { return }
        let connection = connections.connection(at: slot)
        guard connection.pointee.closeCode == nil else { return }
        let wasIdle = connection.pointee.outbox.isEmpty
        guard connection.pointee.outbox.push(frame, feedPosition: feedLog.end), !isTooSlow(connection) else {
            closeTooSlow(connection)
            return
        }
        guard wasIdle else { return }
        if mayWriteAtOnce { dueAtOnce.append(slot) } else { requestWritable(connection) }
    }

    /// Closes after the frames already queued; `reason` travels in the close frame.
    func close(_ id: ConnectionID, code: UInt16, reason: String = "") {
        assertOnServiceThread()
        guard let slot = connections.slot(of: id) else { return }
        close(connections.connection(at: slot), code: code, reason: reason)
    }

    func close(_ connection: UnsafeMutablePointer<TransportConnection>, code: UInt16, reason: String) {
        guard connection.pointee.closeCode == nil else { return }
        connection.pointee.closeCode = code
        connection.pointee.feedStop = feedLog.end
        connection.pointee.closeReason = Array(reason.utf8.prefix(120))
        requestWritable(connection)
        // A peer that reads nothing never makes room for the close frame: drop it after a while.
        lws_set_timeout(connection.pointee.wsi, PENDING_TIMEOUT_CLOSE_SEND, Self.closeGraceSeconds)
    }

    static let closeGraceSeconds: Int32 = 5

    /// Frames joined into one write: about the kernel send buffer, so a batch usually leaves
    /// whole and lws rarely has to keep a remainder.
    static let writeBatchBytes = 64 * 1024

    /// One `lws_write` per writable callback, re-armed while frames remain (lws's
    /// README.coding.md: "only send data when the socket is writable", one write each time),
    /// or per write made at once between passes when lws holds nothing back (+WritesAtOnce).
    /// That one write carries every pending frame that fits in `writeBatchBytes`: the frames
    /// are already framed once for all (OutgoingFrame, the feed log), so they are joined and
    /// written raw. A connection behind by a thousand events costs a few system calls, not a
    /// thousand. lws's own minimal-ws-server examples write several frames per callback too
    /// (looping while `!lws_send_pipe_choked`); one joined write does the same with one `send`.
    func writeNext(_ connection: UnsafeMutablePointer<TransportConnection>, slot: Int) -> Int32 {
        let wsi = connection.pointee.wsi
        connection.pointee.writableAskedAt = nil
        if connection.pointee.closeCode == nil, isTooSlow(connection) {
            closeTooSlow(connection)
        }
        let pending = pendingFrames(connection)
        if pending == 0, let code = connection.pointee.closeCode {
            connection.pointee.closeReason.withUnsafeMutableBufferPointer { reason in
                lws_close_reason(wsi, lws_close_status(rawValue: UInt32(code)), reason.baseAddress, reason.count)
            }
            return -1
        }
        if connection.pointee.pingDue {
            connection.pointee.pingDue = false
            if audiencia_lws_write_ping(wsi) < 0 { return -1 }
            // Caught up, it waits for the next wake like any other: on no list it would get
            // nothing more until its next ping.
            if pending > 0 || connection.pointee.closeCode != nil {
                requestWritable(connection)
            } else {
                awaitFeed(connection, slot: slot)
            }
            return 0
        }
        guard let (first, fromFeed) = nextFrame(connection) else {
            awaitFeed(connection, slot: slot)
            return 0
        }
        // Written before the frame is let go of: the view is only a pointer into it.
        let ok: Bool
        if !connection.pointee.writesFrames {
            let written = lws_write(wsi, first.payload.assumingMemoryBound(to: UInt8.self), first.count, LWS_WRITE_TEXT)
            ok = written >= first.count
            advance(connection, fromFeed: fromFeed)
            counters.wrote(frames: 1, bytes: first.framedCount)
        } else if pending == 1 || first.framedCount > Self.writeBatchBytes / 2 {
            // Straight from the shared frame: no copy at all.
            let written = audiencia_lws_write_frames(wsi, first.framed.assumingMemoryBound(to: UInt8.self),
                                                     first.framedCount)
            ok = written >= first.framedCount
            advance(connection, fromFeed: fromFeed)
            counters.wrote(frames: 1, bytes: first.framedCount)
        } else {
            ok = writeJoined(connection)
        }
        if !ok { return -1 }
        if pendingFrames(connection) > 0 || connection.pointee.closeCode != nil {
            requestWritable(connection)
        } else {
            awaitFeed(connection, slot: slot)
        }
        return 0
    }

    /// Asks lws for a writable callback (lws is only called from the transport's own files),
    /// noting when the oldest unanswered ask was made (see `isTooSlow`).
    func requestWritable(_ connection: UnsafeMutablePointer<TransportConnection>) {
        if connection.pointee.writableAskedAt == nil { connection.pointee.writableAskedAt = (ticks, passes) }
        lws_callback_on_writable(connection.pointee.wsi)
    }

    /// Copies the pending frames that fit into the batch buffer, in order, and writes them:
    /// runs of feed events straight from the log, the connection's own frames one by one.
    private func writeJoined(_ connection: UnsafeMutablePointer<TransportConnection>) -> Bool {
        guard let base = writeBatch.baseAddress?.advanced(by: audiencia_lws_pre()) else { return false }
        var used = 0, frames = 0
        while true {
            let run = copyFeedRun(connection, to: base + used, room: Self.writeBatchBytes - used)
            used += run.bytes
            frames += run.frames
            // Next is the connection's own frame, or a feed event that did not fit.
            guard let (own, fromFeed) = nextFrame(connection), !fromFeed,
                  used + own.framedCount <= Self.writeBatchBytes else { break }
            (base + used).copyMemory(from: own.framed, byteCount: own.framedCount)
            used += own.framedCount
            frames += 1
            connection.pointee.outbox.removeFirst()
        }
        counters.wrote(frames: frames, bytes: used)
        let written = audiencia_lws_write_frames(connection.pointee.wsi, base.assumingMemoryBound(to: UInt8.self), used)
        return written >= used
    }
}
