import CLibWebSockets

/// Half-open connections (a phone that lost coverage, a laptop closed mid-hearing) send
/// nothing and never will; the kernel keeps them open for hours. A connection quiet for
/// `idlePingSeconds` is pinged, and one still quiet at `idleHangupSeconds` is dropped.
///
/// lws can do this itself (`retry_and_idle_policy`), but it keeps one timer per connection in
/// its single sorted timer list and re-inserts it, walking the list, whenever the connection
/// is confirmed valid: at 10,000 viewers that walk was 41.5 % of the server's time. Here a
/// receive costs one integer store, and one walk a second looks at every connection.
extension WebSocketTransport {
    /// On the clock tick: O(connections) once a second, whatever the traffic.
    func sweepIdle() {
        let pingAfter = options.idlePingSeconds * 1000
        let dropAfter = options.idleHangupSeconds * 1000
        for slot in 0..<connections.highWater {
            let connection = connections.connection(at: slot)
            guard !connection.pointee.isVacant, connection.pointee.closeCode == nil, !connection.pointee.dropped else {
                continue
            }
            let quiet = idleClock - connection.pointee.lastHeard
            if quiet >= dropAfter {
                // Gone, not slow: no close frame could reach it, so none is sent.
                connection.pointee.dropped = true
                audiencia_lws_drop(connection.pointee.wsi)
                counters.idleDrops += 1
            } else if quiet >= pingAfter, !connection.pointee.pinged {
                connection.pointee.pinged = true
                connection.pointee.pingDue = true
                requestWritable(connection)
            }
        }
    }
}
