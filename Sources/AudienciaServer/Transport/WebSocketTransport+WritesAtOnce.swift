import CLibWebSockets

/// Writes made at once, without waiting for lws's writable callback.
///
/// lws's README.coding.md asks for writes only from `LWS_CALLBACK_SERVER_WRITEABLE`, so that
/// what is sent follows the peer's readiness instead of piling up in lws's buffer. Under epoll
/// each ask costs an `epoll_ctl` to arm the writable watcher, one more when lws disarms it after
/// the write, and a dispatch through lws's service: at 50 feed events a second to 10,000
/// viewers, about a fifth of the server's time and a whole pass of the loop of delay
/// (docs/performance.md, "Writes at once"). So a connection is written to at once when the
/// rule's reason already holds, and asks for the callback otherwise:
/// - lws holds nothing from its last write (`lws_partial_buffered`): the socket took all of it.
///   What the socket does not take of this one (at most `writeBatchBytes`), lws keeps and sends
///   first from its own writable callback (`lws_issue_raw`), exactly as for a write cut short
///   inside the callback; and nothing else is written at once while lws holds it;
/// - the service thread is between two passes of the loop, or in the loop's own feed timer:
///   never inside an lws callback, where lws may be half-way through this connection or another;
/// - its frames go whole on its own socket (`writesFrames`): a WebSocket carried in an HTTP/2
///   stream waits for the stream's credit;
/// - it owes no ping, is not closing and is not too slow: those keep the callback's path.
extension WebSocketTransport {
    /// Writes to `connection` now if it may (above): false when it must wait for the callback.
    /// A write that fails drops the connection, as the callback's -1 would.
    func writeAtOnce(_ connection: UnsafeMutablePointer<TransportConnection>, slot: Int) -> Bool {
        let wsi = connection.pointee.wsi
        guard mayWriteAtOnce, connection.pointee.writesFrames, connection.pointee.closeCode == nil,
              !connection.pointee.pingDue, !isTooSlow(connection), lws_partial_buffered(wsi) == 0 else {
            return false
        }
        counters.writesAtOnce += 1
        if writeNext(connection, slot: slot) < 0 { audiencia_lws_drop(wsi) }
        return true
    }

    /// Writes to every connection that was given frames since the last pass (listed by `send`),
    /// the replies a commit of the journal let go, before the next pass reads anything.
    func writeListedAtOnce() {
        let listed = writeListed
        writeListed.removeAll(keepingCapacity: true)
        for slot in listed {
            let connection = connections.connection(at: slot)
            guard !connection.pointee.isVacant else { continue }
            if !writeAtOnce(connection, slot: slot) { requestWritable(connection) }
        }
    }

    /// Runs `body` where frames may be written at once: between passes, or in the loop's own timer.
    func writingAtOnce(_ body: () -> Void) {
        mayWriteAtOnce = true
        body()
        mayWriteAtOnce = false
    }
}
