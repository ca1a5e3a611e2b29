"""Smoke test of the durability benchmarks (docs/performance.md): they run on small counts
and report complete, sane figures. Not a performance test: no figure is compared to a goal."""

import json
import subprocess
import sys

from conftest import REPO_ROOT, audiencia_bin

TIMEOUT = 60


def last_json_line(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    assert lines, f"no JSON line in: {stdout[-2000:]}"
    return json.loads(lines[-1])


def test_durability_benchmark_reports_complete_figures(tmp_path):
    result = subprocess.run(
        [str(audiencia_bin()), "bench", "durability", "--events", "2000", "--petitions", "40",
         "--runs", "2", "--seeds", "./seeds", "--directory", str(tmp_path)],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = last_json_line(result.stdout)
    assert figures["benchmark"] == "durability"
    assert figures["events"] == figures["replayedEvents"] == 2000
    assert figures["restoredMatches"] is True
    assert figures["sessions"] >= 2 and figures["journalBytes"] > 2000 * 100
    assert figures["archivePetitions"] == 40 and figures["archiveTimelineEntries"] > 40
    for key in ("replayMs", "replayReadMs", "replayRestoreMs", "archiveMs", "archiveEncodeMs"):
        timing = figures[key]
        assert timing["runs"] == 2 and 0 < timing["min"] <= timing["median"], (key, timing)
    assert figures["replayReadMs"]["min"] <= figures["replayMs"]["min"]
    # The restart through the server's own path: a checkpoint and at most checkpointEvery - 1
    # lines after it, the room equal to the full replay.
    assert figures["restartMatches"] is True
    assert figures["restartMs"]["runs"] == 2 and 0 < figures["restartMs"]["min"]
    assert 0 < figures["restartTailEvents"] < figures["restartCheckpointEvery"]
    assert figures["checkpointBytes"] > 0 and figures["checkpointWriteMs"]["min"] > 0
    assert 0 < figures["checkpointAskMs"]["min"] <= figures["checkpointWriteMs"]["min"]
    assert figures["archiveBytes"]["public"] > 0 and figures["archiveBytes"]["protected"] > 0
    assert figures["cores"] >= 1 and figures["build"] in ("debug", "release")
    assert list(tmp_path.iterdir()) == [], "the benchmark left its scratch folder behind"


def test_checkin_burst_benchmark_reports_complete_figures():
    result = subprocess.run(
        [sys.executable, "scripts/bench_checkin.py", "--bin", str(audiencia_bin()),
         "--citizens", "50", "--timeout", "20"],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = last_json_line(result.stdout)
    assert figures["benchmark"] == "checkin-burst"
    assert figures["citizens"] == figures["accepted"] == 50
    assert figures["serverExit"] == 0
    latency = figures["latencyMs"]
    assert 0 < latency["min"] <= latency["p50"] <= latency["p90"] <= latency["p99"] <= latency["max"]
    assert latency["max"] <= figures["burstMs"] + 1


def test_close_benchmark_reports_complete_figures():
    result = subprocess.run(
        [sys.executable, "scripts/bench_close.py", "--bin", str(audiencia_bin()),
         "--citizens", "30", "--timeout", "20"],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = last_json_line(result.stdout)
    assert figures["benchmark"] == "close"
    assert figures["citizens"] == figures["mayorBacklogItems"] == 30
    assert figures["serverExit"] == 0
    assert 0 < figures["closeOkMs"] <= figures["mayorBacklogMs"]
