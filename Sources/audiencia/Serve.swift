import ArgumentParser
import AudienciaServer
import Dispatch
import Foundation
import Logging
import Synchronization

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sirve la audiencia: páginas web y WebSocket (subprotocolo audiencia.v1).")

    @Option(help: "Dirección en la que escuchar.") var host = "127.0.0.1"
    @Option(help: "Puerto (0 elige uno libre).") var port = 7681
    @Option(help: "Carpeta con los datos del municipio.") var seeds = "./seeds"
    @Option(help: "Carpeta de datos: secreto de credenciales y archivos de sesión.") var data = "./data"
    @Option(help: "Carpeta con las páginas.") var web = "./web"
    @Option(help: "Origen web adicional que puede abrir WebSockets (p. ej. https://audiencia.metepec.gob.mx); se puede repetir.")
    var allowOrigin: [String] = []
    @Option(help: "Mensajes por segundo que puede enviar cada conexión que no sea de un funcionario.")
    var messagesPerSecond = AbuseLimits().messagesPerSecond
    @Option(help: "Conexiones abiertas a la vez desde una misma dirección.")
    var maxConnectionsPerAddress = AbuseLimits().connectionsPerAddress
    @Option(help: "Registros de turno por hora desde una misma dirección.")
    var maxCheckinsPerAddress = AbuseLimits().checkInsPerAddressPerHour
    @Option(help: "Personas en la fila a la vez.")
    var maxQueue = AbuseLimits().maxQueue
    @Option(help: "Líneas del diario entre dos puntos de control de la sala (el reinicio lee solo las posteriores).")
    var checkpointEvery = ServerConfiguration().checkpointEvery
    @Option(help: "Milisegundos que espera el público al día tras un evento, para recibir en un solo envío todos los de ese intervalo (0: cada evento al momento).")
    var feedCoalesceMs = ServerConfiguration().feedCoalesceMilliseconds
    @Option(help: "Certificado TLS (PEM): sirve HTTPS y WSS en lugar de HTTP y WS. Va con --tls-key.")
    var tlsCert: String?
    @Option(help: "Llave privada TLS (PEM, sin contraseña) del certificado de --tls-cert.")
    var tlsKey: String?

    func validate() throws {
        guard (0...1000).contains(feedCoalesceMs) else {
            throw ValidationError("--feed-coalesce-ms va de 0 a 1000 milisegundos")
        }
    }

    func run() throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        // Every viewer is a descriptor: allow as many as the hard limit does.
        FileLimit.raiseToHardLimit()
        let logger = Logger(label: "audiencia")
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.seeds = URL(fileURLWithPath: seeds)
        configuration.data = URL(fileURLWithPath: data)
        configuration.web = URL(fileURLWithPath: web)
        configuration.allowedOrigins = Set(allowOrigin)
        configuration.limits.messagesPerSecond = messagesPerSecond
        configuration.limits.messageBurst = max(messagesPerSecond * 3, 1)
        configuration.limits.connectionsPerAddress = maxConnectionsPerAddress
        configuration.limits.checkInsPerAddressPerHour = maxCheckinsPerAddress
        configuration.limits.maxQueue = maxQueue
        configuration.checkpointEvery = checkpointEvery
        configuration.feedCoalesceMilliseconds = feedCoalesceMs
        configuration.tlsCertificate = tlsCert.map { URL(fileURLWithPath: $0) }
        configuration.tlsPrivateKey = tlsKey.map { URL(fileURLWithPath: $0) }

        // Signals are caught before the address is printed: whoever reads that line may stop
        // the server at once, and the stop must not be lost or kill the process outright.
        let stopAsked = StopLatch()
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                logger.info("Deteniendo: se cierran las conexiones (1001) y se libera el puerto.")
                stopAsked.trigger()
            }
            source.resume()
            return source
        }

        let server: RunningServer
        do {
            server = try AudienciaServer.start(configuration, logger: logger)
        } catch {
            throw ValidationError("No se pudo iniciar: \(error)")
        }
        stopAsked.onTrigger { server.stop() }
        let secure = tlsCert != nil
        let url = "\(secure ? "https" : "http")://\(host):\(server.port)"
        FileHandle.standardOutput.write(Data("""
            Audiencia escuchando en \(url)  (WebSocket \(secure ? "wss" : "ws")://\(host):\(server.port)/ws, subprotocolo audiencia.v1)
              ciudadanía: \(url)/ciudadano.html · consola: \(url)/consola.html · público: \(url)/publico.html
              datos en \(configuration.data.path) · Ctrl-C para detener

            """.utf8))

        server.waitUntilStopped()
        signals.forEach { $0.cancel() }
        logger.info("Audiencia detenida.")
    }
}

/// Remembers a stop asked for before the server existed, and runs the stop once it does.
final class StopLatch: Sendable {
    private let state = Mutex<(triggered: Bool, action: (@Sendable () -> Void)?)>((false, nil))

    func trigger() {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            state.triggered = true
            return state.action
        }
        action?()
    }

    func onTrigger(_ action: @escaping @Sendable () -> Void) {
        let already = state.withLock { state -> Bool in
            state.action = action
            return state.triggered
        }
        if already { action() }
    }
}
