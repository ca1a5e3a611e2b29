import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// `/reports/sessions/{id}.json` and `/reports/period.json?from=…&to=…`: public figures
/// (counts and catalog names only), read from the journals on disk and the live channel.
extension HearingServer {
    func report(_ request: HTTPRequest) -> HTTPResponse {
        let scope: ReportScope
        let sessionPrefix = "/reports/sessions/"
        if request.path == "/reports/period.json" {
            guard let from = request.query["from"].flatMap(CivilDate.init),
                  let to = request.query["to"].flatMap(CivilDate.init), from <= to else {
                return .text("Indique from y to como fechas AAAA-MM-DD, from no posterior a to.\n", status: 400)
            }
            scope = .period(from: from, to: to)
        } else if request.path.hasPrefix(sessionPrefix), request.path.hasSuffix(".json") {
            let id = String(request.path.dropFirst(sessionPrefix.count).dropLast(".json".count))
            guard !id.isEmpty, !id.contains("/") else { return .notFound }
            scope = .session(id)
        } else {
            return .notFound
        }
        let petitions: [ReportPetition]
        do {
            petitions = try ReportSource.petitions(dataFolder: channelRecorder.dataFolder, channel: channel)
        } catch {
            logger.error("No se pudo leer un diario para el reporte: \(error)")
            return .text("No se pudo leer un diario; consulte el registro del servidor.\n", status: 500)
        }
        let catalog = hearing.catalog
        let report = PetitionReport(petitions, scope: scope, catalog: catalog, today: catalog.clock.date(of: clock()))
        return .json(ReportEncoder.report(report).serialized(.indented) + [0x0A])
    }
}
