"""Smoke test of the fan-out benchmark (docs/performance.md): on a small crowd it starts its own
server, every viewer joins, every check-in is acknowledged and every viewer receives every feed
event in order. Not a performance test: no figure is compared to a goal."""

import json
import subprocess

from conftest import REPO_ROOT, audiencia_bin

TIMEOUT = 120


def run_fanout(tmp_path, *arguments: str) -> dict:
    result = subprocess.run(
        [str(audiencia_bin()), "bench", "fanout", "--seeds", "./seeds", "--web", "./web",
         "--directory", str(tmp_path), "--timeout", "60", *arguments],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, result.stdout[-2000:]
    return json.loads(lines[0])


def test_fanout_benchmark_delivers_every_event_to_every_viewer(tmp_path):
    figures = run_fanout(tmp_path, "--viewers", "50", "--citizens", "5", "--announcements", "300",
                         "--sample-every", "5")
    assert figures["benchmark"] == "fanout"
    assert figures["viewersConnected"] == 50 and figures["connectFailures"] == 0
    assert figures["checkInsAccepted"] == 5 and figures["checkinAckMs"]["samples"] == 5
    assert figures["announcements"] == 300 and figures["announcementErrors"] == 0
    assert figures["feedEvents"] == 300
    assert figures["deliveriesExpected"] == 50 * 300
    assert figures["deliveriesReceived"] == figures["deliveriesExpected"]
    assert figures["complete"] is True and figures["outOfOrder"] == 0
    assert figures["viewersClosedEarly"] == 0 and figures["closeCodes"] == {}
    # Ten sampled viewers, each timing every announcement.
    assert figures["latencyMs"]["samples"] == 10 * 300
    assert 0 < figures["latencyMs"]["p50"] <= figures["latencyMs"]["p99"] <= figures["latencyMs"]["max"]
    assert figures["serverRssIdleBytes"] > figures["serverRssBaselineBytes"] > 0
    assert figures["serverCpuSeconds"] > 0 and figures["deliveriesPerSecond"] > 0
    assert list(tmp_path.iterdir()) == [], "the benchmark left its data folder behind"


def test_fanout_benchmark_reports_a_stalled_viewer_closed_by_the_server(tmp_path):
    figures = run_fanout(tmp_path, "--viewers", "20", "--stalled", "1", "--citizens", "0",
                         "--announcements", "4000", "--window", "1024")
    assert figures["complete"] is True and figures["viewersConnected"] == 20
    assert figures["stalledViewers"] == 1 and figures["stalledClosed"] == 1


def test_fanout_benchmark_with_no_viewers_only_checks_citizens_in(tmp_path):
    figures = run_fanout(tmp_path, "--viewers", "0", "--citizens", "40", "--announcements", "1")
    assert figures["viewers"] == 0 and figures["viewersConnected"] == 0
    assert figures["checkInsAccepted"] == 40 and figures["checkinAckMs"]["samples"] == 40
    assert figures["feedEvents"] == 0 and figures["deliveriesExpected"] == 0
    assert figures["complete"] is True
    assert figures["checkinServerCpuSeconds"] > 0
    assert list(tmp_path.iterdir()) == [], "the benchmark left its data folder behind"


def test_fanout_benchmark_announces_after_two_thousand_check_ins(tmp_path):
    # The moderator's console holds a queue of 2,000 by the time the announcements start: it
    # must still be connected to make them.
    figures = run_fanout(tmp_path, "--viewers", "10", "--citizens", "2000", "--announcements", "50")
    assert figures["checkInsAccepted"] == 2000
    assert figures["announcements"] == 50 and figures["announcementErrors"] == 0
    assert figures["feedEvents"] == 50 and figures["complete"] is True
    assert figures["viewersClosedEarly"] == 0
