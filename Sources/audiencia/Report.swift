import ArgumentParser
import AudienciaCore
import AudienciaServer
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reporte de peticiones por periodo o por sesión: recibidas, atendidas, en proceso, vencidas.",
        discussion: """
            Lee los diarios de la carpeta de datos (las sesiones y el canal permanente) sin modificarlos; \
            puede correr junto al servidor. Una tabla en la terminal, o CSV con --csv.
            """)

    @Option(help: "Primer día (AAAA-MM-DD), incluido.") var from: String?
    @Option(help: "Último día (AAAA-MM-DD), incluido.") var to: String?
    @Option(help: "Una sesión (p. ej. 2026-12-01) en lugar de un periodo.") var session: String?
    @Flag(help: "CSV (RFC 4180) en lugar de la tabla.") var csv = false
    @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
    @Option(help: "Carpeta de datos del servidor.") var data = "./data"

    func validate() throws {
        if session != nil {
            guard from == nil, to == nil else { throw ValidationError("Use --session o --from/--to, no ambos.") }
            return
        }
        guard let from = from.flatMap(CivilDate.init), let to = to.flatMap(CivilDate.init) else {
            throw ValidationError("Indique --from y --to como fechas AAAA-MM-DD (o --session).")
        }
        guard from <= to else { throw ValidationError("--from no puede ser posterior a --to.") }
    }

    func run() throws {
        let scope: ReportScope
        if let session {
            scope = .session(session)
        } else if let from = from.flatMap(CivilDate.init), let to = to.flatMap(CivilDate.init) {
            scope = .period(from: from, to: to)
        } else {
            throw ExitCode.validationFailure
        }
        let report = try ReportSource.report(data: URL(fileURLWithPath: data), seeds: URL(fileURLWithPath: seeds),
                                             scope: scope, today: nil)
        print(csv ? ReportText.csv(report) : ReportText.table(report), terminator: "")
    }
}
