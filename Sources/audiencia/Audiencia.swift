import ArgumentParser

@main
struct Audiencia: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audiencia",
        abstract: "Audiencia pública digital: el servidor de la sala en vivo.",
        subcommands: [Serve.self, Token.self, ArchiveCommand.self, Arco.self, Purge.self, Seeds.self, Bench.self, Report.self],
        defaultSubcommand: Serve.self)
}
