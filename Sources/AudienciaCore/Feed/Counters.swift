/// The live and archived tallies of a session. Derived from the petitions every time, so they
/// can never drift from what actually happened.
public struct Counters: Sendable, Equatable {
    public var checkedIn = 0
    public var waiting = 0
    /// Turns concluded on the floor with an answer or a commitment.
    public var attended = 0
    public var answeredNow = 0
    public var inProcess = 0
    /// Transfers between departments (a petition may be transferred more than once).
    public var transferred = 0
    public var noShows = 0
    public var left = 0
    public var carriedForward = 0
    /// Share of attended petitions answered on the spot, to one decimal; nil before any.
    public var answeredNowPercent: Double?
    /// From check-in to first reaching the floor.
    public var meanWaitSeconds: Int?
    /// From reaching the floor to the outcome.
    public var meanTurnSeconds: Int?

    public init() {}

    /// Tallies `petitions`; `turnSeconds` are the measured turn lengths.
    public init<S: Sequence>(petitions: S, turnSeconds: [Int64]) where S.Element == Petition {
        var waits: [Int64] = []
        for petition in petitions {
            checkedIn += 1
            transferred += petition.transfers.count
            if petition.stage == .waiting { waiting += 1 }
            if let called = petition.firstCalledAt { waits.append(called.seconds(since: petition.checkedInAt)) }
            switch petition.resolution {
            case .answeredNow: answeredNow += 1
            case .inProcess: inProcess += 1
            case .noShow: noShows += 1
            case .left: left += 1
            case .carriedForward: carriedForward += 1
            case nil: break
            }
        }
        attended = answeredNow + inProcess
        if attended > 0 {
            answeredNowPercent = Double((answeredNow * 1000 + attended / 2) / attended) / 10
        }
        meanWaitSeconds = Self.mean(waits)
        meanTurnSeconds = Self.mean(turnSeconds)
    }

    static func mean(_ values: [Int64]) -> Int? {
        values.isEmpty ? nil : Int(values.reduce(0, +) / Int64(values.count))
    }
}
