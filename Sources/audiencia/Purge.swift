import ArgumentParser
import AudienciaCore
import AudienciaSeeds
import AudienciaServer
import Foundation

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Borra los registros protegidos (archivo protegido y diario) de sesiones más antiguas que el plazo.",
        discussion: """
            Los registros públicos se conservan. En el canal permanente se sellan los datos personales de \
            las peticiones respondidas antes del plazo (el servidor debe estar detenido); las que siguen \
            en trámite los conservan. Se rechaza un plazo menor que el de conservación \
            de seeds/privacy.json (retentionDays).
            """)

    @Option(help: "Antigüedad mínima, en días, de las sesiones a purgar.") var olderThan: Int
    @Flag(help: "Solo lista lo que se borraría.") var dryRun = false
    @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
    @Option(help: "Carpeta de datos.") var data = "./data"

    func run() throws {
        let catalog = try SeedLoader.load(from: URL(fileURLWithPath: seeds))
        let plan: RetentionPurge.Plan
        do {
            plan = try RetentionPurge.plan(data: URL(fileURLWithPath: data), olderThan: olderThan,
                                           retentionDays: catalog.privacy.retentionDays,
                                           today: catalog.clock.date(of: SystemClock.now()), catalog: catalog)
        } catch let error as RetentionPurge.Failure {
            print("✘ \(error)")
            throw ExitCode.failure
        }
        if !dryRun {
            do {
                try RetentionPurge.execute(plan)
            } catch let error as RetentionPurge.Failure {
                print("✘ \(error)")
                throw ExitCode.failure
            }
        }
        for file in plan.files { print("\(dryRun ? "se borraría" : "borrado"): \(file.path)") }
        for folio in plan.channelFolios {
            print("\(dryRun ? "se sellarían" : "sellados"): datos personales de \(folio) (canal permanente)")
        }
        print("\(plan.sessions.count) sesiones, \(plan.files.count) archivos, \(plan.channelFolios.count) peticiones del canal\(dryRun ? " (simulación: no se borró nada)" : "").")
    }
}
