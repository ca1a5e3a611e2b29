import AudienciaJSON

/// `/metrics`: what an operator graphs during a hearing, in Prometheus text format. Counts,
/// durations and roles only: no name, folio, token or address ever appears.
extension HearingServer {
    func countIfError(_ json: JSON) {
        if json["type"]?.string == "error", let code = json["code"]?.string { metrics.countError(code: code) }
    }

    func metricsResponse() -> HTTPResponse {
        var text = PrometheusText()
        var roles = ["anonymous": 0, "viewer": 0, "citizen": 0, "official": 0]
        for role in registry.roles.values {
            switch role {
            case .anonymous: roles["anonymous", default: 0] += 1
            case .joiningViewer, .viewer: roles["viewer", default: 0] += 1
            case .citizen: roles["citizen", default: 0] += 1
            case .official: roles["official", default: 0] += 1
            }
        }
        text.metric("audiencia_connections", "gauge", "Open WebSocket connections by role (anonymous: no hello yet).",
                    roles.sorted { $0.key < $1.key }.map { ([("role", $0.key)], Double($0.value)) })
        text.metric("audiencia_queue_length", "gauge", "Citizens waiting in the queue.", Double(hearing.queue.count))
        text.metric("audiencia_feed_seq", "gauge", "Sequence number of the last public feed event.", Double(hearing.feedSeq))
        text.metric("audiencia_feed_events_total", "counter", "Public feed events published since the server started.",
                    Double(metrics.feedEvents))
        text.metric("audiencia_feed_deliveries_total", "counter",
                    "Feed events owed to viewers (one per viewer on the feed per event).", Double(metrics.feedDeliveries))
        let counters = transport.counters
        text.metric("audiencia_frames_out_total", "counter", "WebSocket frames written to clients.", Double(counters.framesOut))
        text.metric("audiencia_bytes_out_total", "counter", "WebSocket bytes written to clients, frame headers included.",
                    Double(counters.bytesOut))
        text.metric("audiencia_writes_total", "counter", "Writes that carried those frames (several frames per write).",
                    Double(counters.writes))
        text.metric("audiencia_writes_at_once_total", "counter",
                    "Of those writes, the ones made as soon as their frames were due, without waiting for a writable callback.",
                    Double(counters.writesAtOnce))
        text.metric("audiencia_feed_wave_slices_total", "counter",
                    "Slices of viewers woken by the feed, written between two passes of the service loop.",
                    Double(counters.feedWaveSlices))
        text.metric("audiencia_slow_consumer_closes_total", "counter",
                    "Connections closed with 4001 because their queue passed its limit.", Double(counters.slowConsumerCloses))
        text.metric("audiencia_idle_drops_total", "counter",
                    "Connections dropped because nothing was heard from them, not even a pong.", Double(counters.idleDrops))
        text.histogram("audiencia_journal_fsync_seconds", "Time to write and fsync the journal's new lines, once per commit.",
                       metrics.journalCommits)
        text.metric("audiencia_errors_total", "counter", "Error replies sent to clients, by code.",
                    metrics.errors.sorted { $0.key < $1.key }.map { ([("code", $0.key)], Double($0.value)) })
        return .text(text.text, contentType: PrometheusText.contentType)
    }
}
