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

    /// Tallies `petitions`; `turnSeconds` are the measured turn lengths. Used for the
    /// per-department tallies of the archive; the live room keeps a running `Tally`.
    public init<S: Sequence>(petitions: S, turnSeconds: [Int64]) where S.Element == Petition {
        var tally = Tally()
        var waiting = 0
        for petition in petitions {
            tally.checkedIn += 1
            tally.transferred += petition.transfers.count
            if petition.stage == .waiting { waiting += 1 }
            if let called = petition.firstCalledAt { tally.addWait(called.seconds(since: petition.checkedInAt)) }
            if let resolution = petition.resolution { tally.add(resolution) }
        }
        for seconds in turnSeconds { tally.addTurn(seconds) }
        self.init(tally: tally, waiting: waiting)
    }

    init(tally: Tally, waiting: Int) {
        checkedIn = tally.checkedIn
        self.waiting = waiting
        answeredNow = tally.answeredNow
        inProcess = tally.inProcess
        transferred = tally.transferred
        noShows = tally.noShows
        left = tally.left
        carriedForward = tally.carriedForward
        attended = answeredNow + inProcess
        if attended > 0 {
            answeredNowPercent = Double((answeredNow * 1000 + attended / 2) / attended) / 10
        }
        meanWaitSeconds = tally.waitCount > 0 ? Int(tally.waitSum / Int64(tally.waitCount)) : nil
        meanTurnSeconds = tally.turnCount > 0 ? Int(tally.turnSum / Int64(tally.turnCount)) : nil
    }
}

/// Running totals from which `Counters` are derived.
public struct Tally: Sendable, Equatable {
    public var checkedIn = 0
    public var answeredNow = 0
    public var inProcess = 0
    public var transferred = 0
    public var noShows = 0
    public var left = 0
    public var carriedForward = 0
    public var waitSum: Int64 = 0
    public var waitCount = 0
    public var turnSum: Int64 = 0
    public var turnCount = 0

    public init() {}

    mutating func add(_ resolution: Resolution) {
        switch resolution {
        case .answeredNow: answeredNow += 1
        case .inProcess: inProcess += 1
        case .noShow: noShows += 1
        case .left: left += 1
        case .carriedForward: carriedForward += 1
        }
    }

    mutating func addWait(_ seconds: Int64) {
        waitSum += seconds
        waitCount += 1
    }

    mutating func addTurn(_ seconds: Int64) {
        turnSum += seconds
        turnCount += 1
    }
}
