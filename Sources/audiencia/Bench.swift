import ArgumentParser
import AudienciaLoad
import AudienciaServer
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mediciones de rendimiento (docs/performance.md).", subcommands: [Durability.self, Fanout.self])

    struct Durability: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reproducción del diario y escritura del archivo, con el código real.",
            discussion: """
                Simula sesiones de cuatro horas con el núcleo (Hearing.handle) hasta juntar --events \
                hechos, los escribe con el diario del servidor en una carpeta temporal y mide \
                (reloj monótono, --runs veces) leerlos, verificar la cadena de hashes y restaurar la \
                sala, y escribir el archivo de una sesión de --petitions peticiones. Imprime una \
                línea JSON en la salida estándar; el avance va a la salida de errores.
                """)

        @Option(help: "Hechos del diario a reproducir.") var events = 50_000
        @Option(help: "Peticiones por sesión simulada (y del archivo medido).") var petitions = 400
        @Option(help: "Repeticiones de cada medición.") var runs = 5
        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
        @Option(help: "Dónde crear la carpeta temporal (se borra al terminar).")
        var directory = FileManager.default.temporaryDirectory.path

        func validate() throws {
            guard (1...1_000_000).contains(events) else { throw ValidationError("--events debe estar entre 1 y 1000000.") }
            guard (1...5_000).contains(petitions) else { throw ValidationError("--petitions debe estar entre 1 y 5000.") }
            guard (1...50).contains(runs) else { throw ValidationError("--runs debe estar entre 1 y 50.") }
        }

        func run() throws {
            let figures = try DurabilityBenchmark.run(
                events: events, petitions: petitions, repetitions: runs, seeds: URL(fileURLWithPath: seeds),
                directory: URL(fileURLWithPath: directory),
                progress: { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) })
            print(figures.jsonLine)
        }
    }
}
