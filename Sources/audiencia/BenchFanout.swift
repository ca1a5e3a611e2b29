import ArgumentParser
import AudienciaLoad
import Foundation

extension Bench {
    struct Fanout: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Difusión del canal público: visores, ciudadanía y avisos contra un servidor real.",
            discussion: """
                Arranca `audiencia serve` (este mismo ejecutable; use la compilación release) en un \
                puerto libre de 127.0.0.1 con una carpeta de datos nueva, o apunta a uno en marcha con \
                --port y --token (credencial de moderación). Conecta --viewers visores desde un \
                generador de carga con epoll en un hilo propio, registra --citizens turnos y publica \
                --announcements avisos a --rate por segundo (0: tan rápido como se confirman, con \
                --window pendientes). Con --viewers 0 (y sin --stalled) solo se registran los turnos. \
                Imprime una línea JSON; el avance va a la salida de errores.
                """)

        @Option(help: "Visores del canal público (0: solo registro de turnos).") var viewers = 1000
        @Option(help: "Visores que dicen hello y nunca leen.") var stalled = 0
        @Option(help: "Personas que registran turno.") var citizens = 100
        @Option(help: "Avisos a publicar.") var announcements = 1000
        @Option(help: "Avisos por segundo (0: tan rápido como sea posible).") var rate = 0.0
        @Option(help: "Avisos pendientes de confirmar a la vez (con --rate 0).") var window = 64
        @Option(help: "Uno de cada N visores mide la latencia.") var sampleEvery = 10
        @Option(help: "Visores entrando a la vez como máximo (conexión y hello sin respuesta; 0: todos de golpe).")
        var joining = 128
        @Option(help: "Segundos máximos de cada espera.") var timeout = 120.0
        @Option(help: "Puerto de un servidor en marcha en 127.0.0.1 (en lugar de arrancar uno).") var port: Int?
        @Option(help: "Credencial de moderación para --port.") var token: String?
        @Option(help: "Ejecutable del servidor (por omisión, este).") var serverBinary: String?
        @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
        @Option(help: "Carpeta con las páginas.") var web = "./web"
        @Option(help: "Dónde crear la carpeta de datos temporal (se borra al terminar).")
        var directory = FileManager.default.temporaryDirectory.path

        func validate() throws {
            guard (0...19_990).contains(viewers) else { throw ValidationError("--viewers debe estar entre 0 y 19990.") }
            guard (0...100).contains(stalled) else { throw ValidationError("--stalled debe estar entre 0 y 100.") }
            guard viewers > 0 || stalled == 0 else { throw ValidationError("--stalled necesita al menos un visor.") }
            guard (0...5000).contains(citizens) else { throw ValidationError("--citizens debe estar entre 0 y 5000.") }
            guard (1...1_000_000).contains(announcements) else {
                throw ValidationError("--announcements debe estar entre 1 y 1000000.")
            }
            guard (0...100_000).contains(rate) else { throw ValidationError("--rate debe estar entre 0 y 100000.") }
            guard (1...4096).contains(window) else { throw ValidationError("--window debe estar entre 1 y 4096.") }
            guard (0...20_000).contains(joining) else { throw ValidationError("--joining debe estar entre 0 y 20000.") }
            guard (1...100_000).contains(sampleEvery) else { throw ValidationError("--sample-every debe ser positivo.") }
            guard (1...3600).contains(timeout) else { throw ValidationError("--timeout debe estar entre 1 y 3600.") }
            guard (port == nil) == (token == nil) else { throw ValidationError("--port y --token van juntos.") }
        }

        func run() throws {
            var options = FanoutOptions()
            options.viewers = viewers
            options.stalledViewers = stalled
            options.citizens = citizens
            options.announcements = announcements
            options.rate = rate
            options.window = window
            options.sampleEvery = sampleEvery
            options.joiningAtOnce = joining
            options.timeoutSeconds = timeout
            options.port = port
            options.token = token
            options.serverBinary = serverBinary.map { URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            options.seeds = URL(fileURLWithPath: seeds)
            options.web = URL(fileURLWithPath: web)
            options.directory = URL(fileURLWithPath: directory)
            let figures = try FanoutBenchmark.run(options) { FileHandle.standardError.write(Data("bench: \($0)\n".utf8)) }
            print(figures.jsonLine)
        }
    }
}
