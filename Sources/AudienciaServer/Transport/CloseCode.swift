/// WebSocket close codes the server sends (RFC 6455 §7.4; 4000–4999 are the application's).
/// Every one means "reconnect" to a client, as docs/protocol.md says.
enum CloseCode {
    /// The server is stopping (§7.4.1).
    static let goingAway: UInt16 = 1001
    /// The client did not read its messages fast enough.
    static let slowConsumer: UInt16 = 4001
    /// No `hello` within the allowed time after connecting.
    static let helloTimeout: UInt16 = 4002
    /// An official's token expired while connected.
    static let tokenExpired: UInt16 = 4003
    /// Too many connections from the same address.
    static let tooManyConnections: UInt16 = 4004
    /// An official's token was revoked while connected.
    static let tokenRevoked: UInt16 = 4005
}
