import AudienciaCore
import AudienciaSeeds
import Foundation
import Logging
import Synchronization

/// A server started on its own service thread. Sendable: any thread may stop it.
public final class RunningServer: Sendable {
    public let port: Int
    private let stopRequest: StopRequest
    private let finished: DispatchSemaphore

    fileprivate init(port: Int, stopRequest: StopRequest, finished: DispatchSemaphore) {
        self.port = port
        self.stopRequest = stopRequest
        self.finished = finished
    }

    /// Asks the service thread to close every connection (1001) and stop; returns at once.
    public func stop() { stopRequest.request() }

    /// Blocks until the service thread has stopped.
    public func waitUntilStopped() {
        finished.wait()
        finished.signal()
    }
}

public enum AudienciaServer {
    /// Loads the seeds and the data folder, opens the listening socket and starts serving on a
    /// new thread, which then owns libwebsockets and the hearing for the server's whole life.
    public static func start(_ configuration: ServerConfiguration, logger: Logger) throws -> RunningServer {
        let catalog = try SeedLoader.load(from: configuration.seeds)
        let dataFolder = DataFolder(root: configuration.data)
        let tokens = OfficialTokens(secret: try dataFolder.secret())
        let history = try dataFolder.history()

        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<(Int, StopRequest), any Error>?>(nil)
        let thread = Thread {
            let transport: WebSocketTransport
            do {
                transport = try WebSocketTransport(options: .init(
                    host: configuration.host, port: configuration.port,
                    mounts: [("/aviso", configuration.seeds.appendingPathComponent("aviso").path),
                             ("/", configuration.web.path)],
                    maxMessageBytes: configuration.maxMessageBytes,
                    maxOutboxBytes: configuration.maxOutboxBytes))
            } catch {
                outcome.withLock { $0 = .failure(error) }
                started.signal()
                finished.signal()
                return
            }
            let server = HearingServer(
                hearing: Hearing(catalog: catalog, history: history), transport: transport,
                tokens: tokens, dataFolder: dataFolder, clock: configuration.clock,
                helloTimeoutSeconds: configuration.helloTimeoutSeconds, logger: logger)
            transport.delegate = server
            outcome.withLock { $0 = .success((transport.listeningPort, transport.stop)) }
            started.signal()
            transport.run()
            finished.signal()
        }
        thread.name = "audiencia-service"
        thread.start()
        started.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let (port, stop)):
            return RunningServer(port: port, stopRequest: stop, finished: finished)
        case .failure(let error):
            throw error
        case nil:
            throw ServerError.transport("arranque")
        }
    }
}
