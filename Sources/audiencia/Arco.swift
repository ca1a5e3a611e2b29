import ArgumentParser
import AudienciaCore
import AudienciaServer
import Foundation

/// ARCO on closed sessions' archives and the permanent channel, for officials attending a
/// request in person or through the Unidad de Transparencia. Each action is logged in
/// <data>/arco.jsonl.
struct Arco: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Derechos ARCO sobre sesiones archivadas y el canal permanente: exportar, rectificar o cancelar datos de un folio.",
        discussion: """
            Actúa en una sola solicitud sobre el archivo de la sesión cerrada y sobre el canal permanente \
            (channel.jsonl). Un folio de la sesión en curso se rechaza: la persona lo hace desde la página \
            ciudadana con su código de seguimiento. El canal permanente es del servidor mientras está en \
            marcha: para un folio que el canal tiene, detén el servidor antes (o la persona usa folio.html).
            """,
        subcommands: [Export.self, Rectify.self, Cancel.self])

    struct Common: ParsableArguments {
        @Option(help: "Folio, p. ej. AUD-2026-000123.") var folio: String
        @Option(help: "Id del funcionario que atiende la solicitud (queda registrado).") var official: String
        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
        @Option(help: "Carpeta de datos.") var data = "./data"

        func perform(_ request: ArcoRequest) throws {
            do {
                print(try ArchivedArco.perform(request, folio: Folio(folio), official: OfficialID(official),
                                               data: URL(fileURLWithPath: data), seeds: URL(fileURLWithPath: seeds),
                                               now: SystemClock.now()))
            } catch let error as HearingError {
                print("✘ \(error.message)")
                throw ExitCode.failure
            } catch {
                print("✘ \(error)")
                throw ExitCode.failure
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Imprime en JSON todo lo que se guarda del folio.")
        @OptionGroup var common: Common
        func run() throws { try common.perform(.export) }
    }

    struct Rectify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Corrige el nombre, el contacto o la descripción.")
        @OptionGroup var common: Common
        @Option(help: "Nombre corregido.") var name: String?
        @Option(help: "Contacto corregido (vacío lo elimina).") var contact: String?
        @Option(help: "Descripción corregida.") var description: String?

        func validate() throws {
            guard name != nil || contact != nil || description != nil else {
                throw ValidationError("Indica al menos --name, --contact o --description.")
            }
        }

        func run() throws {
            try common.perform(.rectify(CitizenCorrection(name: name, contact: contact, description: description)))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancela los datos personales del folio; queda el registro con seudónimo.")
        @OptionGroup var common: Common
        func run() throws { try common.perform(.cancel) }
    }
}
