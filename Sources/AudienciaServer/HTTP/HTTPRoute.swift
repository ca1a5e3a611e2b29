/// The dynamic part of the HTTP space. Each route owns a mountpoint (a path prefix); the
/// transport mounts exactly these, so every other path stays with the static file mounts of
/// `web/` and the notices.
enum HTTPRoute: CaseIterable {
    /// `/healthz`: is the server up and serving its hearing (for probes and the operator).
    case health
    /// `/open311/v2/…`: the permanent channel's petitions as Open311 GeoReport v2 (read only).
    case open311
    /// `/reports/…`: petitions' figures per session or per period (counts only).
    case reports
    /// `/metrics`: counters and gauges in Prometheus text format (no personal data).
    case metrics

    var mountpoint: String {
        switch self {
        case .health: "/healthz"
        case .open311: "/open311"
        case .reports: "/reports"
        case .metrics: "/metrics"
        }
    }

    static var mountpoints: [String] { allCases.map(\.mountpoint) }

    /// The route that owns `path`: a mountpoint answers itself and every path below it
    /// (`/open311` would own `/open311/v2/services.json`); the longest wins, as in lws.
    static func owning(_ path: String) -> HTTPRoute? {
        allCases.filter { path == $0.mountpoint || path.hasPrefix($0.mountpoint + "/") }
            .max { $0.mountpoint.count < $1.mountpoint.count }
    }
}
