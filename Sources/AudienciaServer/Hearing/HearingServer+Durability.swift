import Glibc

/// When held deliveries may leave. The session's journal is sealed and written by its own
/// queue (see `ChainedJournal`). At the end of a pass that appended many lines (a burst) they
/// are handed to the queue for one write and one fsync, and the service thread goes on with
/// the next pass while the queue works; when the commit is over the queue wakes the loop, and
/// the deliveries whose lines are all on disk leave, in order. A pass that appended a few
/// lines waits for their fsync at its end instead, so they leave in the same pass, and so
/// does a pass ending a stretch of `longestUndurableSeconds` without a durable end (a long
/// rush): what only runs once nothing waits (consoles, presence, checkpoints) is never
/// starved. Either way several inputs share one fsync.
extension HearingServer {
    /// Whether every line appended is on disk and nothing waits.
    var isAllDurable: Bool {
        !recorder.hasPending && !channelRecorder.hasPending && held.isEmpty
    }

    /// The service loop finished a pass: ask for the journal to be made durable, let go of
    /// what already is, then, once nothing waits, tell the consoles who is connected. If the
    /// disk refuses a write, everything stays held (nothing unrecorded is acknowledged) and
    /// the write is tried again after the next clock tick.
    func serviceLoopIdle() {
        // Reads logged during this pass, whatever else it did, are on disk by its end.
        defer { accessLog.sync() }
        var released = 0
        if !isAllDurable {
            guard releaseDurable(count: &released) else {
                if undurableSince == nil { undurableSince = SystemClock.monotonicSeconds() }
                return
            }
        }
        undurableSince = nil
        // Everything in the room is durable here: consoles owed since their last one left.
        // A console carries the whole queue, and building it for 2,000 waiting takes tens of
        // milliseconds: after a pass that let a burst's replies go, it waits one pass, so the
        // replies are written first. That pass is asked for: once the burst has been read,
        // nothing may come to end the loop's wait before the next clock tick.
        if consoleRefreshes.isOwing {
            if released >= Self.burstDeliveries && !consoleWaitedAPass {
                consoleWaitedAPass = true
                transport.requestPass(after: 0)
            } else {
                consoleWaitedAPass = false
                sendOwedConsoles()
            }
        }
        sharePresence()
        // After the pass's replies are handed over: only the copy happens here.
        recorder.checkpointIfDue(hearing, quiet: SystemClock.monotonicSeconds() - lastInputAt >= Self.quietSeconds)
    }

    /// The loop is stopping: whatever was accepted is made durable and delivered now, before
    /// the goodbyes.
    func serviceLoopStopping() {
        defer { accessLog.sync() }
        handOverPreparations()
        guard noteCommitOutcome(), commitBoth() else { return }
        held.takeReleased(durable: recorder.durable).forEach(perform)
        recorder.sealCancelledIfDurable()
        refreshBacklogsIfStale()
        retryPendingArchive()
        if consoleRefreshes.isOwing { sendOwedConsoles() }
    }

    /// How long without input counts as a quiet moment for the room's checkpoint: longer than
    /// the gaps inside a burst, short next to the service loop's one-second tick, which is the
    /// pass that usually finds it.
    static let quietSeconds = 0.1

    /// At most this many lines are committed at the end of their own pass, the service thread
    /// waiting for the fsync; more are left to the queue, and the service thread reads on.
    static let linesCommittedHere = 8

    /// The longest the loop goes on without a pass that ends with everything durable: then
    /// one commits at its end, whatever the count (consoles lag a rush by about this much).
    static let longestUndurableSeconds = 0.25

    /// Deliveries let go in one pass that make it a burst's (see `serviceLoopIdle`).
    static let burstDeliveries = 64

    /// Whether everything held has been performed and every line appended is on disk.
    private func releaseDurable(count released: inout Int) -> Bool {
        handOverPreparations()
        guard noteCommitOutcome() else { return false }
        if channelRecorder.hasPending {
            // Rare (a petition handed over, a channel request): both journals are committed
            // here, the hearing's first, which is the order a restart repairs (recoverChannel).
            guard commitBoth() else { return false }
        } else if !journalRetryWaits {
            // A few lines (an announcement, a call) are committed here: waiting for the queue's
            // wake would cost a pass, which on an idle loop is a wait. Not while the feed's wave
            // is being written: its passes do not wait, the next one, a slice later, finds the
            // queue's commit done, and an fsync here would stall the wave.
            let few = !recorder.isCommitInFlight && recorder.journal.pending <= Self.linesCommittedHere
                && !transport.feedWaveRemains
            let overdue = undurableSince.map { SystemClock.monotonicSeconds() - $0 >= Self.longestUndurableSeconds } ?? false
            if recorder.hasPending && (few || overdue) {
                // So are the lines of a rush that has gone on long enough (`serviceLoopIdle`).
                guard commitBoth() else { return false }
            } else {
                recorder.requestCommit(then: { [stop = transport.stop] in stop.wakeLoop() })
            }
        }
        let deliveries = held.takeReleased(durable: recorder.durable)
        deliveries.forEach(perform)
        released = deliveries.count
        recorder.sealCancelledIfDurable()
        guard isAllDurable else { return false }
        refreshBacklogsIfStale()
        retryPendingArchive()
        return true
    }

    /// Both journals made durable on this thread, waiting for the journal's queue: a pass
    /// with few lines, one ending a long rush, one that changed the channel, the stop.
    private func commitBoth() -> Bool {
        let started = recorder.hasPending ? SystemClock.monotonicSeconds() : nil
        do {
            try recorder.commit()
            try channelRecorder.commit()
            if let started { metrics.journalCommits.record(seconds: SystemClock.monotonicSeconds() - started) }
            return true
        } catch {
            return commitFailed(error)
        }
    }

    /// Records the commits made off this thread; false if one failed.
    private func noteCommitOutcome() -> Bool {
        let outcome = recorder.takeCommitOutcome()
        for seconds in outcome.seconds { metrics.journalCommits.record(seconds: seconds) }
        guard let failure = outcome.failure else { return true }
        if case .writeFailed(let cause) = failure, !recorder.hasPending {
            // A later commit wrote it all: nothing waits for the failed one any more.
            logger.warning("Una escritura del diario falló y un reintento la completó: \(cause)")
            return true
        }
        return commitFailed(failure)
    }

    private func commitFailed(_ error: JournalCommitError) -> Bool {
        switch error {
        case .writeFailed(let cause):
            logger.error("El diario no se pudo escribir; se reintenta y no se confirma nada mientras tanto: \(cause)")
            // Tried again on the next clock tick, not at once: a full disk stays full for a while.
            journalRetryWaits = true
            return false
        case .syncFailed(let cause):
            // Nothing held was acknowledged; what is on disk is what a restart recovers.
            logger.critical("El disco no confirmó el diario (fsync): el servidor se detiene sin confirmar nada más. \(cause)")
            exit(74)  // EX_IOERR
        }
    }

    /// The service loop has stopped: a last checkpoint, so the next start reads no journal.
    func stopped() {
        guard !recorder.hasPending, held.isEmpty else { return }
        recorder.checkpointNow(hearing)
    }
}
