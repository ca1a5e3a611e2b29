/// Joins the pieces lws delivers into whole messages. lws may split one frame over several
/// callbacks and a message over several frames; this keeps no more than the size limit of
/// any message, and drops a refused one to its end.
struct MessageAssembler {
    enum Outcome: Equatable {
        /// More pieces are needed.
        case incomplete
        case message([UInt8])
        /// The message was refused; its remaining pieces will be dropped silently.
        case refused(TransportRefusal)
        /// The last piece of a refused message.
        case dropped
    }

    let limit: Int
    private var incoming: [UInt8] = []
    /// Inside a message whose final piece has not arrived yet.
    private var receiving = false
    private var discarding = false

    init(limit: Int) { self.limit = limit }

    /// - Parameters:
    ///   - binary: whether the frame carrying this piece is binary (read at a message's start).
    ///   - final: whether this piece ends the message.
    mutating func add(_ bytes: UnsafeRawBufferPointer, binary: Bool, final: Bool) -> Outcome {
        var refusal: TransportRefusal?
        if !receiving {
            receiving = true
            incoming = []
            if binary {
                discarding = true
                refusal = .binary
            }
        }
        if !discarding {
            if incoming.count + bytes.count > limit {
                discarding = true
                incoming = []
                refusal = .tooLarge(limit: limit)
            } else {
                incoming.append(contentsOf: bytes)
            }
        }
        if final {
            receiving = false
            if discarding {
                discarding = false
                return refusal.map(Outcome.refused) ?? .dropped
            }
            defer { incoming = [] }
            return .message(incoming)
        }
        return refusal.map(Outcome.refused) ?? .incomplete
    }
}
