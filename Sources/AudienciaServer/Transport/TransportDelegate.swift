import AudienciaCore

/// What the WebSocket transport reports, always on its one service thread.
protocol TransportDelegate: AnyObject {
    /// `address` is the peer's IP address, as text.
    func connectionOpened(_ id: ConnectionID, from address: String)
    /// One complete message (all fragments joined).
    func messageReceived(_ id: ConnectionID, _ bytes: [UInt8])
    /// The client sent something the transport refused before decoding.
    func messageRefused(_ id: ConnectionID, _ reason: TransportRefusal)
    func connectionClosed(_ id: ConnectionID)
    /// About once a second, so the schedule can move the session along.
    func clockTicked()
    /// The service loop finished handling whatever was ready; a good moment to batch work.
    func serviceLoopIdle()
    /// The service loop is stopping: the last moment to hand anything over, synchronously.
    func serviceLoopStopping()
    /// A GET on one of `Options.dynamicMountpoints`.
    func httpRequest(_ request: HTTPRequest) -> HTTPResponse
}

enum TransportRefusal: Equatable {
    case binary
    case tooLarge(limit: Int)
}
