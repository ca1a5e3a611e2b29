import AudienciaCore
import AudienciaWire

/// Folds every change of who is connected during one pass of the service loop into at most
/// one `console.presence` per console: a burst of a thousand viewers costs each console one
/// message, not a thousand.
struct PresenceBroadcast {
    /// The registry's `presenceVersion` last looked at.
    private var seenVersion: Int?
    /// The presence consoles were last told, or are owed.
    private(set) var last: ConsolePresence?
    /// Consoles that hold `last`.
    private var informed: Set<ConnectionID> = []

    /// What to send and to whom, or nil when every console already shows who is here.
    /// `build` runs only when something may have changed.
    mutating func update(version: Int, consoles: [ConnectionID],
                         build: () -> ConsolePresence) -> (presence: ConsolePresence, to: [ConnectionID])? {
        guard version != seenVersion else { return nil }
        seenVersion = version
        let consoles = Set(consoles)
        guard !consoles.isEmpty else {
            last = nil
            informed = []
            return nil
        }
        let presence = build()
        // Unchanged presence still goes to a console that has never had it (a quick reconnect).
        let targets = presence == last ? consoles.subtracting(informed) : consoles
        last = presence
        informed = consoles
        return targets.isEmpty ? nil : (presence, Array(targets))
    }
}
