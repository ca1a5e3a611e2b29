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
        let revocations = try RevocationWatch(file: dataFolder.revocationFile)
        let tls = try configuration.tlsFiles()

        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<(Int, StopRequest), any Error>?>(nil)
        let epoch = Hex.encode(try Crypto.randomBytes(6))
        // Everything the service thread owns is created, run and released inside `serve`, so
        // that nothing of it is still being torn down once `finished` lets the process exit.
        @Sendable func serve() {
            // Before any journal is read: a second server on the folder would cut this one's
            // journal back to what it had read, or seal and move it, before anything else
            // refused it. Held until the service thread has released everything it owns.
            let folderLock: DataFolderLock
            do {
                try dataFolder.prepare()
                folderLock = try DataFolderLock.acquire(dataFolder)
            } catch {
                let held = error is DataFolderLock.Failure
                    ? ServerError.configuration("\(error). Detén el otro proceso antes de arrancar el servidor.") : error
                outcome.withLock { $0 = .failure(held) }
                started.signal()
                return
            }
            defer { withExtendedLifetime(folderLock) {} }
            let transport: WebSocketTransport
            let server: HearingServer
            do {
                let (recorder, restored) = try recover(catalog: catalog, history: history, dataFolder: dataFolder,
                                                       checkpointEvery: configuration.checkpointEvery, logger: logger)
                var hearing = restored
                let (channelRecorder, channel) = try recoverChannel(catalog: catalog, hearing: &hearing, dataFolder: dataFolder,
                                                                    now: configuration.clock(), logger: logger)
                transport = try WebSocketTransport(options: .init(
                    host: configuration.host, port: configuration.port,
                    mounts: [("/aviso", configuration.seeds.appendingPathComponent("aviso").path),
                             ("/", configuration.web.path)],
                    dynamicMountpoints: HTTPRoute.mountpoints,
                    maxMessageBytes: configuration.maxMessageBytes,
                    maxOutboxBytes: configuration.maxOutboxBytes,
                    originPolicy: OriginPolicy(allowed: configuration.allowedOrigins), tls: tls,
                    idlePingSeconds: configuration.idlePingSeconds,
                    idleHangupSeconds: configuration.idleHangupSeconds,
                    feedCoalesceMicroseconds: Int64(max(configuration.feedCoalesceMilliseconds, 0)) * 1000,
                    feedWaveSlice: max(configuration.feedWaveSlice, 1)))
                server = HearingServer(
                    hearing: hearing, channel: channel, channelRecorder: channelRecorder,
                    transport: transport, recorder: recorder,
                    feedHistory: FeedHistory(epoch: epoch, capacity: configuration.feedHistoryEvents),
                    tokens: tokens, revocations: revocations,
                    accessLog: try AccessLog(url: dataFolder.accessLogFile), clock: configuration.clock,
                    helloTimeoutSeconds: configuration.helloTimeoutSeconds, limits: configuration.limits,
                    logger: logger)
            } catch {
                outcome.withLock { $0 = .failure(error) }
                started.signal()
                return
            }
            transport.delegate = server
            outcome.withLock { $0 = .success((transport.listeningPort, transport.stop)) }
            started.signal()
            transport.run()
            server.stopped()
        }
        let thread = Thread {
            serve()
            Crypto.releaseThreadState()
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

    /// The room as the journal left it: after a crash or a stop, the same queue, floor,
    /// outcomes, folios and turnos. From the checkpoint and the lines after it when it can be
    /// trusted, else from the journal's first line. A session whose close was journaled but
    /// not yet archived is archived now.
    static func recover(catalog: Catalog, history: HearingHistory, dataFolder: DataFolder,
                        checkpointEvery: Int, logger: Logger) throws -> (SessionRecorder, Hearing) {
        let (recorder, found) = try SessionRecorder.open(dataFolder, baseHistory: history,
                                                        checkpointEvery: checkpointEvery, logger: logger)
        let entries = found.entries
        if found.tornTail {
            logger.warning("El diario terminaba en una línea incompleta (escritura interrumpida, nunca confirmada); se descartó.")
        }
        if let doubt = found.doubt, case .missing = doubt {} else if let doubt = found.doubt {
            logger.warning("Se relee el diario completo: \(doubt).")
        }
        let hearing: Hearing
        if let snapshot = found.checkpoint {
            var restored = Hearing(catalog: catalog, snapshot: snapshot)
            restored.replay(entries)
            hearing = restored
            logger.info("Sala recuperada del punto de control (\(recorder.checkpoints.covered) hechos) y \(entries.count) hechos más del diario, \(hearing.queue.count) en la fila.")
        } else {
            // Between sessions the room still knows the last one, so its citizens can resume
            // and read their outcome until the next session opens, across restarts too.
            var closed: [JournalEntry] = []
            if entries.first?.opensSession != true, let id = history.lastSessionID {
                let journal = dataFolder.archiveFiles(for: id).journal
                if FileManager.default.fileExists(atPath: journal.path) {
                    closed = try JournalReader.read(journal).entries
                }
            }
            hearing = Hearing.restored(catalog: catalog, history: history, journal: closed + entries)
            if !entries.isEmpty {
                logger.info("Sala recuperada del diario: \(entries.count) hechos, \(hearing.queue.count) en la fila.")
            }
        }
        // A checkpoint is only taken of a session opened in this journal, so a closed session
        // there was closed in it too.
        let closesASession = found.checkpoint != nil ? hearing.session?.phase == .closed
            : entries.contains { if case .sessionClosed = $0.fact { true } else { false } }
        if closesASession, let archive = hearing.archiveOfClosedSession {
            _ = try recorder.closeSession(archive)
            logger.info("Sesión \(archive.session.id) archivada al reiniciar.")
        }
        return (recorder, hearing)
    }
}
