import AudienciaJSON

/// What one run measured, printed as one JSON line.
public struct FanoutFigures: Sendable {
    var viewers = 0
    var viewersConnected = 0
    var connectFailures = 0
    var stalledViewers = 0
    var stalledClosed = 0
    var citizens = 0
    var checkInsAccepted = 0
    var announcements = 0
    var announcementErrors = 0
    var feedEvents: Int64 = 0
    var deliveriesExpected: Int64 = 0
    var deliveriesReceived: Int64 = 0
    var viewersClosedEarly = 0
    var closeCodes: [String: Int] = [:]
    var outOfOrder = 0
    var seconds = 0.0
    var latency = Percentiles(nanoseconds: [])
    var checkIn = Percentiles(nanoseconds: [])
    var serverRSSBaseline = 0
    var serverRSSIdle = 0
    var serverCPUSeconds = 0.0
    /// The server's CPU time while the citizens checked in (0 against a server already running).
    var checkInServerCPUSeconds = 0.0
    var generatorCPUSeconds = 0.0
    var rate = 0.0
    var window = 0

    /// Every viewer got every event; with no viewers (check-ins only) there is nothing to miss.
    public var complete: Bool { deliveriesExpected == deliveriesReceived && (deliveriesExpected > 0 || viewers == 0) }

    private var closeCodesObject: JSONObject {
        var object = JSONObject()
        for (how, count) in closeCodes.sorted(by: { $0.key < $1.key }) { object[how] = .int(Int64(count)) }
        return object
    }

    public var jsonLine: String {
        func number(_ value: Double?) -> JSON { value.map { .double(($0 * 1000).rounded() / 1000) } ?? .null }
        func spread(_ p: Percentiles) -> JSON {
            .object(["p50": number(p.milliseconds(50)), "p99": number(p.milliseconds(99)), "max": number(p.max),
                     "samples": .int(Int64(p.sorted.count))])
        }
        let perViewer = viewersConnected > 0 ? (serverRSSIdle - serverRSSBaseline) / viewersConnected : 0
        let object: JSONObject = [
            "benchmark": "fanout",
            "viewers": .int(Int64(viewers)), "viewersConnected": .int(Int64(viewersConnected)),
            "connectFailures": .int(Int64(connectFailures)),
            "stalledViewers": .int(Int64(stalledViewers)), "stalledClosed": .int(Int64(stalledClosed)),
            "citizens": .int(Int64(citizens)), "checkInsAccepted": .int(Int64(checkInsAccepted)),
            "announcements": .int(Int64(announcements)), "announcementErrors": .int(Int64(announcementErrors)),
            "rate": rate > 0 ? number(rate) : "max", "window": .int(Int64(window)),
            "feedEvents": .int(feedEvents),
            "deliveriesExpected": .int(deliveriesExpected), "deliveriesReceived": .int(deliveriesReceived),
            "complete": .bool(complete), "viewersClosedEarly": .int(Int64(viewersClosedEarly)),
            "closeCodes": .object(closeCodesObject),
            "outOfOrder": .int(Int64(outOfOrder)),
            "seconds": number(seconds),
            "deliveriesPerSecond": seconds > 0 ? .int(Int64(Double(deliveriesReceived) / seconds)) : .null,
            "latencyMs": spread(latency), "checkinAckMs": spread(checkIn),
            "serverRssBaselineBytes": .int(Int64(serverRSSBaseline)), "serverRssIdleBytes": .int(Int64(serverRSSIdle)),
            "rssPerIdleViewerBytes": .int(Int64(perViewer)),
            "serverCpuSeconds": number(serverCPUSeconds), "checkinServerCpuSeconds": number(checkInServerCPUSeconds),
            "serverCpuPercent": seconds > 0 ? number(100 * serverCPUSeconds / seconds) : .null,
            "generatorCpuPercent": seconds > 0 ? number(100 * generatorCPUSeconds / seconds) : .null,
        ]
        return String(decoding: JSON.object(object).serialized(), as: UTF8.self)
    }
}
