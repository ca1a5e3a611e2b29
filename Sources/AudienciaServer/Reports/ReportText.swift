import Foundation
import AudienciaCore

/// A report for the terminal (an aligned table) or for a spreadsheet (CSV, RFC 4180), in
/// Spanish: one line for the total, then one per department and one per colonia.
public enum ReportText {
    static let headers = ["ámbito", "nombre", "recibidas", "atendidas al momento", "en proceso",
                          "atendidas después", "vencidas", "tiempo medio de respuesta"]

    static func rows(_ report: PetitionReport) -> [(scope: String, name: String, figures: ReportFigures)] {
        [("total", "Total", report.totals)]
            + report.byDepartment.map { ("dependencia", $0.name, $0.figures) }
            + report.byColonia.map { ("colonia", $0.name, $0.figures) }
    }

    static func counts(_ f: ReportFigures) -> [String] {
        [f.received, f.answeredNow, f.inProcess, f.answeredLater, f.overdue].map(String.init)
    }

    /// CSV: the mean time to answer in whole seconds (empty when nothing was answered).
    public static func csv(_ report: PetitionReport) -> String {
        let lines = [headers.map(field)] + rows(report).map { row in
            [row.scope, row.name].map(field) + counts(row.figures) + [row.figures.meanSecondsToAnswer.map(String.init) ?? ""]
        }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The terminal table: the mean time as "2 d 3 h", "5 h 20 min" or "12 min".
    public static func table(_ report: PetitionReport) -> String {
        let title: String
        switch report.scope {
        case .session(let id): title = "Sesión \(id)"
        case .period(let from, let to): title = "Del \(from) al \(to)"
        }
        let body = [headers] + rows(report).map { row in
            [row.scope, row.name] + counts(row.figures) + [row.figures.meanSecondsToAnswer.map(duration) ?? "—"]
        }
        let widths = headers.indices.map { column in body.map { $0[column].count }.max() ?? 0 }
        let lines = body.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return ([title + " · vencidas al \(report.today)", ""] + lines).joined(separator: "\n") + "\n"
    }

    static func duration(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(rest) min" }
        return "\(rest) min"
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
