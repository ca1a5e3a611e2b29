import AudienciaJSON
import Foundation
import Testing

/// `/metrics` read as Prometheus would: every sample line parses, every metric has its HELP
/// and TYPE, the numbers follow what happened, and nothing personal is in it.
@Suite struct MetricsTests {
    /// Samples by name and labels as written (e.g. `audiencia_connections{role="viewer"}`).
    private func parse(_ text: String) throws -> (samples: [String: Double], types: [String: String]) {
        var samples: [String: Double] = [:], types: [String: String] = [:], helped: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# HELP ") {
                helped.insert(String(line.split(separator: " ")[2]))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                types[String(parts[2])] = String(parts[3])
            } else {
                let parts = line.split(separator: " ")
                #expect(parts.count == 2, "sample line: \(line)")
                let name = String(parts[0])
                let bare = String(name.prefix { $0 != "{" })
                #expect(bare.range(of: "^[a-z_]+$", options: .regularExpression) != nil, "name: \(bare)")
                let family = ["_bucket", "_sum", "_count"].reduce(bare) { $0.hasSuffix($1) && types[$0] == nil ? String($0.dropLast($1.count)) : $0 }
                #expect(types[family] != nil && helped.contains(family), "no TYPE/HELP for \(family)")
                samples[name] = try #require(Double(parts[1]), "value in: \(line)")
            }
        }
        #expect(text.hasSuffix("\n"))
        return (samples, types)
    }

    @Test func metricsFollowTheRoomAndCarryNoPersonalData() throws {
        let server = try LiveServer()
        let viewer = try server.connect()
        try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "welcome")
        try moderator.order("session.open")
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        let name = "Canario Métrico \(UInt32.random(in: 0...UInt32.max))"
        try citizen.send(.object([
            "type": "checkin", "ref": "c",
            "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "contact": "canario@example.org",
            "serviceId": "bacheo", "description": "Descripción secreta del canario",
        ]))
        let receipt = try citizen.expect("checkin.accepted")
        for number in 1...3 { try moderator.order("announce", ["text": .string("Aviso \(number)")]) }
        try viewer.send(.object(["type": "leave", "ref": "x"]))
        #expect(try viewer.expect("error")["code"]?.string == "wrong_role")
        _ = try viewer.expect("feed.event")

        let response = try TestHTTP.request(port: server.port, "/metrics")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.headers["cache-control"] == "no-store")
        let (samples, types) = try parse(response.body)
        #expect(samples[#"audiencia_connections{role="viewer"}"#] == 1)
        #expect(samples[#"audiencia_connections{role="official"}"#] == 1)
        #expect(samples[#"audiencia_connections{role="citizen"}"#] == 1)
        #expect(samples["audiencia_queue_length"] == 1)
        // Opening the session, going live, the check-in and three announcements.
        let events = try #require(samples["audiencia_feed_events_total"])
        #expect(events >= 5 && samples["audiencia_feed_seq"] ?? 0 >= events)
        #expect(samples["audiencia_feed_deliveries_total"] == events, "one viewer: one delivery per event")
        #expect(samples["audiencia_frames_out_total"] ?? 0 >= events)
        #expect(samples["audiencia_bytes_out_total"] ?? 0 > samples["audiencia_frames_out_total"] ?? 0)
        #expect(samples["audiencia_slow_consumer_closes_total"] == 0)
        #expect(samples[#"audiencia_errors_total{code="wrong_role"}"#] == 1)
        #expect(types["audiencia_journal_fsync_seconds"] == "histogram")
        let commits = try #require(samples["audiencia_journal_fsync_seconds_count"])
        #expect(commits >= 1 && samples[#"audiencia_journal_fsync_seconds_bucket{le="+Inf"}"#] == commits)
        let buckets = samples.filter { $0.key.hasPrefix("audiencia_journal_fsync_seconds_bucket") }
        #expect(buckets.count == 13 && buckets.values.allSatisfy { $0 <= commits })

        let folio = try #require(receipt["folio"]?.string)
        for secret in [name, "canario@example.org", "Descripción secreta", folio, "127.0.0.1"] {
            #expect(!response.body.contains(secret), "personal data in /metrics: \(secret)")
        }
        #expect(try TestHTTP.request(port: server.port, "/metrics/x").status == 404)
    }
}
