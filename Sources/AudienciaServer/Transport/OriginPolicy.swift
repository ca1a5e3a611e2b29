/// Which web pages may open a WebSocket here. Browsers always send `Origin` on an upgrade;
/// a page from another site must not drive a citizen's or an official's session (cross-site
/// WebSocket hijacking), so a browser's upgrade is accepted only from the server's own
/// origin (the `Host` it was reached at) or one listed. Programs that send no `Origin` (the
/// load generator, a kiosk) are not browsers and are let through.
struct OriginPolicy: Sendable, Equatable {
    /// Extra origins, e.g. `https://audiencia.metepec.gob.mx`, exactly as browsers send them.
    var allowed: Set<String>

    func accepts(origin: String?, host: String?) -> Bool {
        guard let origin, !origin.isEmpty else { return true }
        if allowed.contains(origin) { return true }
        guard let host, !host.isEmpty else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}
