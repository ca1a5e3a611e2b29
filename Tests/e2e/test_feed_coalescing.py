"""`audiencia serve --feed-coalesce-ms`: viewers that have every feed event get the events of
one interval in one write (counted in /metrics), complete and in order; a value out of range is
refused with a message that names the option."""

import asyncio
import json
import subprocess
import urllib.request
from pathlib import Path

import pytest
import websockets

from conftest import HOST, REPO_ROOT, STOP_TIMEOUT, audiencia_bin, start_server

SUBPROTOCOL = "audiencia.v1"
TIMEOUT = 10.0


def write_counters(port: int) -> tuple[float, float]:
    with urllib.request.urlopen(f"http://{HOST}:{port}/metrics", timeout=TIMEOUT) as response:
        samples = dict(line.split(" ", 1) for line in response.read().decode().splitlines()
                       if line and not line.startswith("#") and line.count(" ") == 1)
    return float(samples["audiencia_frames_out_total"]), float(samples["audiencia_writes_total"])


async def receive(ws, type_: str, predicate=lambda message: True) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        if message.get("type") == type_ and predicate(message):
            return message


async def announce_and_watch(port: int, token: str, viewers: int, announcements: int):
    url = f"ws://{HOST}:{port}/ws"
    watchers = [await websockets.connect(url, subprotocols=[SUBPROTOCOL]) for _ in range(viewers)]
    firsts = []
    for ws in watchers:
        await ws.send(json.dumps({"type": "hello", "role": "viewer"}))
        firsts.append((await receive(ws, "feed.snapshot"))["seq"])
    moderator = await websockets.connect(url, subprotocols=[SUBPROTOCOL])
    await moderator.send(json.dumps({"type": "hello", "role": "official", "token": token}))
    await receive(moderator, "console")
    before = write_counters(port)
    # Each acknowledged before the next: without the interval each would leave on its own.
    for number in range(1, announcements + 1):
        await moderator.send(json.dumps({"type": "announce", "text": f"Aviso {number}", "ref": f"a{number}"}))
        await receive(moderator, "ok", lambda message: message.get("ref") == f"a{number}")
    seqs = [[(await receive(ws, "feed.event"))["seq"] - first for _ in range(announcements)]
            for ws, first in zip(watchers, firsts)]
    after = write_counters(port)
    for ws in [*watchers, moderator]:
        await ws.close()
    return seqs, (after[0] - before[0]) - (after[1] - before[1])


def test_the_events_of_one_interval_leave_in_one_write(tmp_path: Path):
    server = start_server(tmp_path, extra_args=["--feed-coalesce-ms", "1000"])
    try:
        seqs, frames_beyond_one_per_write = asyncio.run(
            announce_and_watch(server.port, server.token("moderacion"), viewers=3, announcements=4))
    finally:
        server.terminate()
        assert server.wait_exit(STOP_TIMEOUT) == 0, server.stderr_tail()
    assert seqs == [[1, 2, 3, 4]] * 3
    assert frames_beyond_one_per_write >= 3 * (4 - 1)


@pytest.mark.parametrize("value", ["-1", "1001"])
def test_an_interval_out_of_range_is_refused(tmp_path: Path, value: str):
    result = subprocess.run(
        [str(audiencia_bin()), "serve", "--host", HOST, "--port", "0", "--data", str(tmp_path / "data"),
         "--feed-coalesce-ms", value],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0, result.stdout
    assert "escuchando" not in result.stdout
    assert "--feed-coalesce-ms" in result.stderr, result.stderr
