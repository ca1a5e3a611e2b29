import CLibWebSockets

/// Writes made at once, without waiting for lws's writable callback.
///
/// lws's README.coding.md asks for writes only from `LWS_CALLBACK_SERVER_WRITEABLE`, so that
/// what is sent follows the peer's readiness instead of piling up in lws's buffer. Under epoll
/// each ask costs an `epoll_ctl` to arm the writable watcher, one more when lws disarms it after
/// the write, a dispatch through lws's service, and a pass of the loop before the write
/// (docs/performance.md, "Writes at once"). So a connection is written to at once when the
/// rule's reason already holds, and asks for the callback otherwise:
/// - lws holds nothing from its last write (`lws_partial_buffered`): the socket took all of
///   it. What the socket does not take of this one (one batch, `writeBatchBytes`, or one
///   frame), lws keeps and sends first from its own writable callback (`lws_issue_raw`),
///   exactly as for a write cut short inside the callback; nothing more is written at once
///   while lws holds it;
/// - the service thread is between two passes of the loop: never inside an lws callback,
///   where lws may be half-way through this connection or another;
/// - its frames go whole on its own socket (`writesFrames`): a WebSocket carried in an HTTP/2
///   stream waits for the stream's credit;
/// - it owes no ping, is not closing and is not too slow: those keep the callback's path.
extension WebSocketTransport {
    /// Writes to `connection` now if it may (above), else asks lws for the writable callback.
    func writeNowOrAsk(_ connection: UnsafeMutablePointer<TransportConnection>, slot: Int) {
        if !writeAtOnce(connection, slot: slot) { requestWritable(connection) }
    }

    /// Writes to `connection` now if it may (above): false when it must wait for the callback.
    private func writeAtOnce(_ connection: UnsafeMutablePointer<TransportConnection>, slot: Int) -> Bool {
        let wsi = connection.pointee.wsi
        guard mayWriteAtOnce, connection.pointee.writesFrames, connection.pointee.closeCode == nil,
              !connection.pointee.dropped, !connection.pointee.pingDue, !isTooSlow(connection),
              lws_partial_buffered(wsi) == 0 else {
            return false
        }
        let writesBefore = counters.writes
        let failed = writeNext(connection, slot: slot) < 0
        counters.writesAtOnce += counters.writes - writesBefore
        if failed {
            // In the callback lws would close on -1. Past the guard the only -1 is a failed
            // write: a peer that is gone, dropped at the next service without a close frame.
            connection.pointee.dropped = true
            audiencia_lws_drop(wsi)
        }
        return true
    }

    /// Writes to every connection that was given frames since the last pass (listed by `send`):
    /// the replies a commit of the journal let go, before the next pass reads anything. Nothing
    /// is listed meanwhile: `send` is not called from a write.
    func writeDueAtOnce() {
        for index in dueAtOnce.indices {
            let slot = dueAtOnce[index]
            let connection = connections.connection(at: slot)
            guard !connection.pointee.isVacant else { continue }
            writeNowOrAsk(connection, slot: slot)
        }
        dueAtOnce.removeAll(keepingCapacity: true)
    }
}
