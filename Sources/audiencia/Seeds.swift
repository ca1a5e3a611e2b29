import ArgumentParser
import AudienciaSeeds
import Foundation

struct Seeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revisa los datos del municipio.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Valida seeds/ y resume su contenido.")

        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"

        func run() throws {
            let catalog = try SeedLoader.load(from: URL(fileURLWithPath: seeds))
            print("""
                \(catalog.municipality.name), \(catalog.municipality.state): \
                \(catalog.departments.count) dependencias, \(catalog.officials.count) funcionarios, \
                \(catalog.services.count) trámites, \(catalog.colonias.count) colonias, \
                aviso de privacidad \(catalog.privacy.version), \
                \(catalog.privacy.sensitive.priorityReasons.count) motivos de atención prioritaria, \
                registros protegidos conservados \(catalog.privacy.retentionDays) días, \
                \(catalog.guidance.templates.count) textos de guía de la audiencia y \
                \(catalog.guidance.channel.count) del canal permanente \
                (\(catalog.schedule.permanentChannelHours)).
                """)
        }
    }
}
