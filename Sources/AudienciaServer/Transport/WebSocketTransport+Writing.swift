import AudienciaCore
import CLibWebSockets

/// The write side of the one lws owner: what a writable connection gets.
extension WebSocketTransport {
    /// Frames joined into one write: about the kernel send buffer, so a batch usually leaves
    /// whole and lws rarely has to keep a remainder.
    static let writeBatchBytes = 64 * 1024

    /// One `lws_write` per writable callback, re-armed while frames remain (lws's
    /// README.coding.md: "only send data when the socket is writable", one write each time).
    /// That one write carries every pending frame that fits in `writeBatchBytes`: the frames
    /// are already framed once for all (OutgoingFrame, the feed log), so they are joined and
    /// written raw. A connection behind by a thousand events costs a few system calls, not a
    /// thousand. lws's own minimal-ws-server examples write several frames per callback too
    /// (looping while `!lws_send_pipe_choked`); one joined write does the same with one `send`.
    func writeNext(_ connection: TransportConnection, id: ConnectionID) -> Int32 {
        if connection.closeCode == nil, isTooSlow(connection) {
            closeTooSlow(connection, id)
        }
        let pending = pendingFrames(connection)
        if pending == 0, let code = connection.closeCode {
            connection.closeReason.withUnsafeMutableBufferPointer { reason in
                lws_close_reason(connection.wsi, lws_close_status(rawValue: UInt32(code)),
                                 reason.baseAddress, reason.count)
            }
            return -1
        }
        if connection.pingDue {
            connection.pingDue = false
            if audiencia_lws_write_ping(connection.wsi) < 0 { return -1 }
            if pending > 0 || connection.closeCode != nil { lws_callback_on_writable(connection.wsi) }
            return 0
        }
        guard let (first, fromFeed) = nextFrame(connection) else {
            awaitFeed(connection)
            return 0
        }
        let ok: Bool
        if !connection.writesFrames {
            advance(connection, fromFeed: fromFeed)
            let written = lws_write(connection.wsi, first.payload.assumingMemoryBound(to: UInt8.self),
                                    first.count, LWS_WRITE_TEXT)
            ok = written >= first.count
            counters.wrote(frames: 1, bytes: first.framedCount)
        } else if pending == 1 || first.framedCount > Self.writeBatchBytes / 2 {
            // Straight from the shared frame: no copy at all.
            advance(connection, fromFeed: fromFeed)
            let written = audiencia_lws_write_frames(connection.wsi, first.framed.assumingMemoryBound(to: UInt8.self),
                                                     first.framedCount)
            ok = written >= first.framedCount
            counters.wrote(frames: 1, bytes: first.framedCount)
        } else {
            ok = writeJoined(connection)
        }
        if !ok { return -1 }
        if pendingFrames(connection) > 0 || connection.closeCode != nil {
            lws_callback_on_writable(connection.wsi)
        } else {
            awaitFeed(connection)
        }
        return 0
    }

    /// Asks lws for a writable callback (lws is only called from the transport's own files).
    func requestWritable(_ connection: TransportConnection) {
        lws_callback_on_writable(connection.wsi)
    }

    /// Wakes the caught-up viewers `microseconds` from now, on the service thread (one entry
    /// of lws's timer list, inserted at most once per interval).
    func scheduleFeedWake(after microseconds: Int64) {
        audiencia_timer_schedule(feedWakeTimer, feedWakeFired, microseconds)
    }

    /// Copies the pending frames that fit into the batch buffer, in order, and writes them.
    private func writeJoined(_ connection: TransportConnection) -> Bool {
        let start = audiencia_lws_pre()
        guard let base = writeBatch.baseAddress else { return false }
        var used = 0, frames = 0
        while let (frame, fromFeed) = nextFrame(connection), used + frame.framedCount <= Self.writeBatchBytes {
            (base + start + used).copyMemory(from: frame.framed, byteCount: frame.framedCount)
            used += frame.framedCount
            frames += 1
            advance(connection, fromFeed: fromFeed)
        }
        counters.wrote(frames: frames, bytes: used)
        let written = audiencia_lws_write_frames(connection.wsi, (base + start).assumingMemoryBound(to: UInt8.self), used)
        return written >= used
    }
}

private func feedWakeFired(_ sul: UnsafeMutablePointer<lws_sorted_usec_list_t>?) {
    guard let sul else { return }
    WebSocketTransport.from(audiencia_timer_context(sul))?.wakeFeedReaders()
}
