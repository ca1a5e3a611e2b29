import ArgumentParser
import AudienciaServer
import Foundation

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Credenciales de funcionarios.", subcommands: [Issue.self, Revoke.self])

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
            let issued = try TokenIssuer.issueWithID(official: official, hours: hours,
                                                     seeds: URL(fileURLWithPath: seeds),
                                                     data: URL(fileURLWithPath: data))
            // The token alone on stdout, for scripts; its id (to revoke it) on stderr.
            print(issued.token)
            FileHandle.standardError.write(Data(
                "Credencial \(issued.id) para \(official); vence \(issued.expiresAt).\n".utf8))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoca credenciales: una (--id o --token) o todas las de un funcionario (--official). Un servidor en marcha cierra las consolas que las usan en menos de un segundo.")

        @Option(help: "Id de la credencial (lo imprime «token issue»).") var id: String?
        @Option(help: "La credencial completa.") var token: String?
        @Option(help: "Id del funcionario: revoca todas sus credenciales emitidas hasta ahora.") var official: String?
        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
        @Option(help: "Carpeta de datos (guarda la lista de revocación).") var data = "./data"

        func validate() throws {
            guard [id, token, official].compactMap({ $0 }).count == 1 else {
                throw ValidationError("Indica exactamente uno de --id, --token u --official.")
            }
        }

        func run() throws {
            let target: TokenRevoker.Target
            if let id { target = .tokenID(id) } else if let token { target = .token(token) } else {
                target = .official(official ?? "")
            }
            print(try TokenRevoker.revoke(target, seeds: URL(fileURLWithPath: seeds), data: URL(fileURLWithPath: data)))
        }
    }
}
