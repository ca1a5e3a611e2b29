import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// Who is connected, for the officials' consoles (`console.presence`).
extension HearingServer {
    /// Called at the end of each pass of the service loop that ends with nothing waiting for
    /// the journal, so a console's `welcome` always comes before its first presence.
    /// A console whose last presence is still in its outbox gets the newest one once that
    /// has left (StateRefreshes), not one more behind it.
    func sharePresence() {
        let consoles = registry.connections(for: .officials)
        if let update = presence.update(version: registry.presenceVersion, consoles: consoles, build: currentPresence) {
            presenceRefreshes.owe(update.to)
        }
        guard presenceRefreshes.isOwing, let latest = presence.last else { return }
        let ready = presenceRefreshes.takeReady(connected: consoles)
        guard !ready.isEmpty else { return }
        let bytes = ServerEncoder.consolePresence(latest).serialized()
        for console in ready {
            let frame = transport.makeFrame(bytes)
            presenceRefreshes.queued(frame, for: console)
            transport.send(frame, to: console)
        }
    }

    private func currentPresence() -> ConsolePresence {
        let consoles = registry.officialConsoles
        let catalog = hearing.catalog
        let present = catalog.officials.compactMap { official -> ConsolePresence.Present? in
            guard let count = consoles[official.id] else { return nil }
            let department = official.departmentID.flatMap { catalog.department($0)?.shortName }
            return ConsolePresence.Present(official: official, department: department, consoles: count)
        }
        return ConsolePresence(officials: present, citizens: registry.citizenConnections,
                               viewers: registry.viewers.count)
    }
}
