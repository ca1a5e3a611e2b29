import AudienciaCore
import AudienciaSeeds
import AudienciaServer
import Foundation
import Glibc

/// `audiencia bench fanout`: a real server (a child process, or one already running) and a
/// load generator beside it. The viewers live on their own thread with one epoll; the driver
/// (moderator and citizens) on the calling thread. Steps: viewers join and idle (memory per
/// viewer), citizens check in (acknowledgement latency), then announcements go out at a
/// chosen rate or as fast as acknowledged, until every viewer has every event.
public enum FanoutBenchmark {
    public static func run(_ options: FanoutOptions, progress: (String) -> Void) throws -> FanoutFigures {
        FileLimit.raiseToHardLimit()
        let catalog = try SeedLoader.load(from: options.seeds)
        var server: ServerProcess?
        let data = options.directory.appendingPathComponent("audiencia-fanout-\(getpid())-\(Int(Monotonic.seconds()))")
        defer {
            server?.stop()
            try? FileManager.default.removeItem(at: data)
        }
        let port: Int, token: String
        if let target = options.port, let given = options.token {
            (port, token) = (target, given)
        } else {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            token = try TokenIssuer.issue(official: "moderacion", hours: 2, seeds: options.seeds, data: data)
            let started = try ServerProcess(binary: options.serverBinary, seeds: options.seeds, web: options.web, data: data,
                                            maxQueue: max(1000, options.citizens))
            server = started
            port = started.port
        }
        progress("servidor en 127.0.0.1:\(port)")

        var figures = FanoutFigures()
        figures.viewers = options.viewers
        figures.stalledViewers = options.stalledViewers
        figures.citizens = options.citizens
        figures.announcements = options.announcements
        figures.rate = options.rate
        figures.window = options.window

        let driver = SessionDriver(port: port, timeout: options.timeoutSeconds)
        defer { driver.close() }
        try driver.openSession(token: token)
        driver.idle(milliseconds: 300)
        figures.serverRSSBaseline = server?.residentBytes() ?? 0

        // No viewers: the check-ins alone, with the server's CPU time for them.
        guard options.viewers + options.stalledViewers > 0 else {
            try checkIns(options, catalog, driver, server, &figures, progress)
            return figures
        }
        let control = CrowdControl()
        let crowdFinished = DispatchSemaphore(value: 0)
        let (viewers, stalled, sample) = (options.viewers, options.stalledViewers, options.sampleEvery)
        let joiningAtOnce = options.joiningAtOnce
        let thread = Thread {
            ViewerCrowd(port: port, control: control, joiningAtOnce: joiningAtOnce)
                .run(count: viewers, stalled: stalled, sampleEvery: sample)
            crowdFinished.signal()
        }
        thread.name = "audiencia-bench-viewers"
        thread.start()
        defer {
            control.orders.withLock { $0.stop = true }
            crowdFinished.wait()
        }
        let joined = wait(driver, options.timeoutSeconds) {
            let now = control.progress.withLock { $0 }
            return now.connected && now.joined + now.connectFailures >= viewers
        }
        let afterJoin = control.progress.withLock { $0 }
        figures.viewersConnected = afterJoin.joined
        figures.connectFailures = afterJoin.connectFailures
        progress("\(afterJoin.joined) visores conectados\(joined ? "" : " (tiempo agotado)")"
                 + (afterJoin.endings.isEmpty ? "" : "; cerrados por el servidor: \(afterJoin.endings.sorted { $0.key < $1.key })"))
        _ = wait(driver, options.idleSeconds) { false }
        figures.serverRSSIdle = server?.residentBytes() ?? 0

        try checkIns(options, catalog, driver, server, &figures, progress)

        let startSeq = try driver.currentSeq()
        try everyone(reaches: startSeq, control, driver, options.timeoutSeconds)
        let startSum = control.progress.withLock { $0.lastSeqSum }
        let cpuStart = server?.cpuSeconds() ?? 0, generatorStart = Self.ownCPUSeconds()
        let startedAt = Monotonic.nanoseconds()
        progress("avisos: \(options.announcements)")
        figures.announcementErrors = try driver.announce(count: options.announcements, rate: options.rate,
                                                         window: options.window)
        let finalSeq = try driver.currentSeq()
        let reached = try? everyone(reaches: finalSeq, control, driver, options.timeoutSeconds)
        let end = control.progress.withLock { $0 }
        figures.serverCPUSeconds = (server?.cpuSeconds() ?? 0) - cpuStart
        figures.generatorCPUSeconds = Self.ownCPUSeconds() - generatorStart
        figures.seconds = Double((end.completedAt ?? Monotonic.nanoseconds()) - startedAt) / 1e9
        figures.feedEvents = finalSeq - startSeq
        figures.deliveriesExpected = Int64(end.joined) * (finalSeq - startSeq)
        figures.deliveriesReceived = end.lastSeqSum - startSum
        if reached == nil { progress("no todos los visores recibieron todo a tiempo") }

        control.orders.withLock { $0.stop = true }
        crowdFinished.wait()
        if let result = control.result.withLock({ $0 }) {
            figures.latency = Percentiles(nanoseconds: result.latenciesNanos)
            figures.outOfOrder = result.outOfOrder
            figures.stalledClosed = result.stalledClosed
            figures.viewersClosedEarly = result.closedEarly
            figures.closeCodes = result.closeCodes
        }
        crowdFinished.signal()
        return figures
    }

    /// The citizens check in, as fast as acknowledged; their latencies and the server's CPU time.
    private static func checkIns(_ options: FanoutOptions, _ catalog: Catalog, _ driver: SessionDriver,
                                 _ server: ServerProcess?, _ figures: inout FanoutFigures,
                                 _ progress: (String) -> Void) throws {
        let cpuStart = server?.cpuSeconds() ?? 0
        let checkIns = try driver.checkIns(count: options.citizens, catalog: catalog)
        figures.checkInServerCPUSeconds = (server?.cpuSeconds() ?? 0) - cpuStart
        figures.checkInsAccepted = checkIns.accepted
        figures.checkIn = Percentiles(nanoseconds: checkIns.nanos)
        let (p50, p99) = (figures.checkIn.milliseconds(50) ?? 0, figures.checkIn.milliseconds(99) ?? 0)
        progress("\(checkIns.accepted) registros de turno aceptados; confirmación p50 \(p50) ms, p99 \(p99) ms")
    }

    /// Pumps the driver until `done` or `seconds`; whether `done` held.
    private static func wait(_ driver: SessionDriver, _ seconds: Double, until done: () -> Bool) -> Bool {
        let deadline = Monotonic.seconds() + seconds
        while !done() {
            guard Monotonic.seconds() < deadline else { return false }
            driver.idle(milliseconds: 10)
        }
        return true
    }

    private static func everyone(reaches seq: Int64, _ control: CrowdControl, _ driver: SessionDriver,
                                 _ seconds: Double) throws {
        control.progress.withLock { $0.completedAt = nil; $0.complete = 0 }
        control.orders.withLock { $0.target = seq }
        let done = wait(driver, seconds) {
            control.progress.withLock { $0.countedFor == seq && $0.completedAt != nil && $0.complete >= $0.joined }
        }
        if !done { throw FanoutBenchmarkError.step("visores sin completar el seq \(seq)") }
    }

    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
