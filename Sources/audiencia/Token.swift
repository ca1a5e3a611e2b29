import ArgumentParser
import AudienciaServer
import Foundation

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Credenciales de funcionarios.", subcommands: [Issue.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Emite una credencial firmada para un funcionario (id de officials.json).")

        @Option(help: "Id del funcionario, p. ej. moderacion, presidenta, dir-agua.") var official: String
        @Option(help: "Horas de validez.") var hours = 12
        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
        @Option(help: "Carpeta de datos (guarda el secreto de firma).") var data = "./data"

        func validate() throws {
            guard (1...24 * 31).contains(hours) else {
                throw ValidationError("--hours debe estar entre 1 y 744.")
            }
        }

        func run() throws {
            let token = try TokenIssuer.issue(official: official, hours: hours,
                                              seeds: URL(fileURLWithPath: seeds),
                                              data: URL(fileURLWithPath: data))
            print(token)
        }
    }
}
