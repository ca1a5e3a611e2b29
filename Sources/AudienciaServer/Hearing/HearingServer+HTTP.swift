import AudienciaJSON

/// The dynamic HTTP routes (`HTTPRoute`), answered on the service thread from the live state.
extension HearingServer {
    func httpRequest(_ request: HTTPRequest) -> HTTPResponse {
        switch HTTPRoute.owning(request.path) {
        case .health?: health(request)
        case .open311?: open311(request)
        case .reports?: report(request)
        case .metrics?: request.path == HTTPRoute.metrics.mountpoint ? metricsResponse() : .notFound
        case nil: .notFound
        }
    }

    /// Up, with the session's phase (or `none`) and the queue length: enough for a probe or a
    /// glance by the operator, and nothing about any person.
    private func health(_ request: HTTPRequest) -> HTTPResponse {
        guard request.path == HTTPRoute.health.mountpoint else { return .notFound }
        let body: JSON = .object([
            "status": "ok",
            "session": .string(hearing.session?.phase.rawValue ?? "none"),
            "queue": .int(Int64(hearing.queue.count)),
        ])
        return .json(body.serialized() + [0x0A])
    }
}
