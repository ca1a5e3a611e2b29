import AudienciaCore
import AudienciaJSON

/// Reports as JSON (docs/protocol.md, "Reports"): counts and catalog names only.
public enum ReportEncoder {
    public static func report(_ report: PetitionReport) -> JSON {
        let scope: JSON
        switch report.scope {
        case .session(let id):
            scope = .object(["kind": "session", "sessionId": .string(id), "from": .null, "to": .null])
        case .period(let from, let to):
            scope = .object(["kind": "period", "sessionId": .null, "from": JSON(from), "to": JSON(to)])
        }
        return .object([
            "format": "audiencia.report/1",
            "scope": scope,
            "today": JSON(report.today),
            "totals": figures(report.totals),
            "byDepartment": .array(report.byDepartment.map { row(departmentKey: "departmentId", $0) }),
            "byColonia": .array(report.byColonia.map { row(departmentKey: "coloniaId", $0) }),
        ])
    }

    public static func figures(_ f: ReportFigures) -> JSON {
        .object([
            "received": JSON(f.received), "answeredNow": JSON(f.answeredNow), "inProcess": JSON(f.inProcess),
            "answeredLater": JSON(f.answeredLater), "overdue": JSON(f.overdue),
            "meanSecondsToAnswer": f.meanSecondsToAnswer.map(JSON.int) ?? .null,
        ])
    }

    private static func row(departmentKey key: String, _ row: ReportRow) -> JSON {
        .object([key: .string(row.id), "name": .string(row.name), "figures": figures(row.figures)])
    }
}
