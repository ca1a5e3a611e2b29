/// The figures of a set of petitions.
public struct ReportFigures: Sendable, Equatable {
    public var received = 0
    public var answeredNow = 0
    /// Still open: received or in process, in the permanent channel.
    public var inProcess = 0
    public var answeredLater = 0
    /// Open past their due date (part of `inProcess`).
    public var overdue = 0
    /// Mean time from reception to answer over the answered ones, whole seconds (rounded
    /// down); nil when none is answered.
    public var meanSecondsToAnswer: Int64?

    public init() {}
}

/// One line of a breakdown: a department or a colonia.
public struct ReportRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var figures: ReportFigures
}

/// What a report covers.
public enum ReportScope: Sendable, Equatable {
    /// The petitions checked in to one hearing session.
    case session(String)
    /// The petitions received (hearing or channel) between two local dates, both included.
    case period(from: CivilDate, to: CivilDate)
}

/// Received, answered now, in process, answered later, overdue and mean time to answer, in
/// total, by department and by colonia. Public: counts and catalog names only.
public struct PetitionReport: Sendable, Equatable {
    public var scope: ReportScope
    /// The date overdue is judged on.
    public var today: CivilDate
    public var totals: ReportFigures
    /// Departments (the one answering for each petition now) and colonias with petitions,
    /// in the seeds' order.
    public var byDepartment: [ReportRow]
    public var byColonia: [ReportRow]

    public init(_ petitions: [ReportPetition], scope: ReportScope, catalog: Catalog, today: CivilDate) {
        let chosen = petitions.filter { petition in
            switch scope {
            case .session(let id): return petition.sessionID == id
            case .period(let from, let to):
                let date = catalog.clock.date(of: petition.receivedAt)
                return from <= date && date <= to
            }
        }
        self.scope = scope
        self.today = today
        totals = Self.figures(chosen, today: today)
        byDepartment = catalog.departments.compactMap { department in
            let mine = chosen.filter { $0.departmentID == department.id }
            return mine.isEmpty ? nil : ReportRow(id: department.id.rawValue, name: department.shortName,
                                                  figures: Self.figures(mine, today: today))
        }
        byColonia = catalog.colonias.compactMap { colonia in
            let mine = chosen.filter { $0.coloniaID == colonia.id }
            return mine.isEmpty ? nil : ReportRow(id: colonia.id.rawValue, name: colonia.name,
                                                  figures: Self.figures(mine, today: today))
        }
    }

    static func figures(_ petitions: [ReportPetition], today: CivilDate) -> ReportFigures {
        var figures = ReportFigures()
        var answerSeconds: [Int64] = []
        for petition in petitions {
            figures.received += 1
            switch petition.outcome {
            case .answeredNow(let at):
                figures.answeredNow += 1
                answerSeconds.append(at.seconds(since: petition.receivedAt))
            case .answeredLater(let at):
                figures.answeredLater += 1
                answerSeconds.append(at.seconds(since: petition.receivedAt))
            case .unanswered(let due):
                figures.inProcess += 1
                if let due, due < today { figures.overdue += 1 }
            }
        }
        if !answerSeconds.isEmpty {
            figures.meanSecondsToAnswer = answerSeconds.reduce(0, +) / Int64(answerSeconds.count)
        }
        return figures
    }
}
