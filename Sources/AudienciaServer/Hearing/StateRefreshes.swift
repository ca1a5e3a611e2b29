import AudienciaCore

/// Refreshes of a whole state sent to officials' consoles (`console`, `console.presence`),
/// latest state wins. A console carries the whole queue and changes with every check-in, and
/// presence with every phone that connects: during a burst, one refresh a pass would pile up in
/// a moderator's outbox faster than a phone or a busy laptop reads it, until the connection is
/// closed as too slow (4001). Instead a console whose last refresh has not left its outbox yet
/// gets none queued behind it: it is owed one, built from the room as it stands once the
/// waiting one has gone. Each refresh replaces the previous one whole, so nothing is lost.
///
/// "Has left" needs nothing from the transport: each console gets its own frame, and a frame
/// lives only while an outbox holds it, so a weak reference that turned nil means it was
/// handed to the socket (or dropped with its closed connection).
struct StateRefreshes {
    private struct Sent {
        weak var frame: OutgoingFrame?
    }

    private var sent: [ConnectionID: Sent] = [:]
    private var owed: Set<ConnectionID> = []

    var isOwing: Bool { !owed.isEmpty }

    /// The state changed: these consoles are owed a refresh.
    mutating func owe(_ consoles: [ConnectionID]) {
        owed.formUnion(consoles)
    }

    /// The consoles owed a refresh whose previous one has left the outbox, taken off the owed
    /// list (the caller sends them one now); the rest stay owed. Consoles no longer connected
    /// are forgotten.
    mutating func takeReady(connected consoles: [ConnectionID]) -> [ConnectionID] {
        let connected = Set(consoles)
        owed.formIntersection(connected)
        sent = sent.filter { connected.contains($0.key) && $0.value.frame != nil }
        let ready = owed.filter { sent[$0] == nil }.sorted { $0.value < $1.value }
        owed.subtract(ready)
        return ready
    }

    /// `frame` was queued for `console` and is its latest refresh.
    mutating func queued(_ frame: OutgoingFrame, for console: ConnectionID) {
        sent[console] = Sent(frame: frame)
    }
}
