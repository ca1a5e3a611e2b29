import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// Who is connected, for the officials' consoles (`console.presence`).
extension HearingServer {
    /// Called once per pass of the service loop, after whatever waited for the journal has
    /// gone out, so a console's `welcome` always comes before its first presence.
    func sharePresence() {
        guard let update = presence.update(version: registry.presenceVersion,
                                           consoles: registry.connections(for: .officials),
                                           build: currentPresence) else { return }
        let frame = transport.makeFrame(ServerEncoder.consolePresence(update.presence).serialized())
        for console in update.to { transport.send(frame, to: console) }
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
