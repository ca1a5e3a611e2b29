import AudienciaCore

/// A client message after decoding: typed, but not yet checked against the hearing.
public enum ClientMessage: Sendable, Equatable {
    case hello(HelloRole)
    /// The adapter adds the resume token it mints before handing this to the core.
    case checkIn(CheckInForm)
    case leave
    /// ARCO about a folio, proven with its resume token.
    case arco(ArcoRequest, folio: Folio, resumeToken: String)
    case official(OfficialCommand)
    /// The permanent channel's messages.
    case channel(ChannelRequest)
    case ping
}

public enum HelloRole: Sendable, Equatable {
    /// `resumeFrom`: the last feed event the viewer saw, to receive only what it missed.
    case viewer(resumeFrom: FeedPosition?)
    case citizen(resumeToken: String?)
    case official(token: String)
}

/// A point in the public feed: the server run's epoch and an event's sequence number.
public struct FeedPosition: Sendable, Equatable {
    public var epoch: String
    public var seq: Int64

    public init(epoch: String, seq: Int64) {
        self.epoch = epoch
        self.seq = seq
    }
}

/// A decoded frame: the client's `ref` (echoed in the reply) and the message or why it
/// could not be read. The ref is kept even when the rest is bad, so the error can carry it.
public struct DecodedFrame: Sendable, Equatable {
    public var ref: String?
    public var result: Result<ClientMessage, WireError>

    public init(ref: String?, result: Result<ClientMessage, WireError>) {
        self.ref = ref
        self.result = result
    }
}
