#!/usr/bin/env python3
"""Durable check-in acknowledgement latency under a burst (docs/performance.md, "Durability").

Starts `audiencia serve --port 0` on loopback with a fresh data folder, issues a moderator
token, opens the session, connects N citizens (each says hello and gets `welcome`), then
sends all N `checkin` messages as fast as one asyncio loop can and times, per citizen, from
just before its `checkin` is handed to the socket to the arrival of its `checkin.accepted`
(which the server only sends once the journal line is fsynced). Stops the server with
SIGTERM and prints ONE JSON line; progress goes to stderr.

The client runs on the same machine as the server and shares its cores: its own parsing and
scheduling are inside every figure.

    .venv-e2e/bin/python scripts/bench_checkin.py --bin .build/release/audiencia --citizens 2000
"""

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import websockets

REPO_ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only
SUBPROTOCOL = "audiencia.v1"
URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)")
MAX_CITIZENS = 5000
CONNECT_CONCURRENCY = 200


def log(message: str) -> None:
    print(f"bench_checkin: {message}", file=sys.stderr, flush=True)


def raise_fd_limit(needed: int) -> int:
    """Raises the soft RLIMIT_NOFILE for this process and the server it starts (inherited)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        soft = wanted
    if soft != resource.RLIM_INFINITY and soft < needed:
        raise SystemExit(f"RLIMIT_NOFILE hard limit {hard} is below the {needed} descriptors needed")
    return soft


class Server:
    """`audiencia serve` on a kernel-chosen loopback port, stopped with SIGTERM."""

    def __init__(self, binary: Path, data: Path, stderr_path: Path, start_timeout: float, max_queue: int):
        self.binary = binary
        self.data = data
        self.stderr_file = open(stderr_path, "w")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--host", HOST, "--port", "0", "--seeds", "./seeds",
             "--data", str(data), "--web", "./web", "--max-queue", str(max_queue)],
            cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self.stderr_file, text=True, encoding="utf-8", errors="replace")
        found = threading.Event()
        self.port = None

        def pump():
            for line in iter(self.process.stdout.readline, ""):
                match = URL_LINE.search(line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                    found.set()
            found.set()

        threading.Thread(target=pump, daemon=True).start()
        if not found.wait(start_timeout) or self.port is None:
            self.process.kill()
            self.process.wait(timeout=5)
            raise SystemExit(f"server did not start within {start_timeout:.0f} s (exit {self.process.returncode})")

    def token(self, official: str) -> str:
        result = subprocess.run(
            [str(self.binary), "token", "issue", "--official", official, "--hours", "1",
             "--seeds", "./seeds", "--data", str(self.data)],
            cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20)
        if result.returncode != 0:
            raise SystemExit(f"token issue failed: {result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def stop(self, timeout: float = 10.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            code = -9
        self.stderr_file.close()
        return code


async def connect(url: str, timeout: float):
    return await asyncio.wait_for(
        websockets.connect(url, subprotocols=[SUBPROTOCOL], compression=None, open_timeout=timeout,
                           close_timeout=1, ping_interval=None, max_size=1 << 24,
                           max_queue=None),
        timeout + 1)


async def expect(ws, wanted: str, timeout: float, ref: str = None) -> dict:
    """The next message of type `wanted` (with `ref`, if given); others are skipped."""
    deadline = time.monotonic() + timeout
    for _ in range(100_000):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        message = json.loads(await asyncio.wait_for(ws.recv(), remaining))
        if message.get("type") == "error" and (ref is None or message.get("ref") == ref):
            return message
        if message.get("type") == wanted and (ref is None or message.get("ref") == ref):
            return message
    raise TimeoutError(f"no {wanted!r} within {timeout:.0f} s")


async def drain(ws, stop: asyncio.Event) -> tuple:
    """Reads and discards (the moderator's console updates) until told to stop; returns the
    bytes read and the close code if the server closed the connection meanwhile."""
    total = 0
    while not stop.is_set():
        try:
            total += len(await asyncio.wait_for(ws.recv(), 0.2))
        except asyncio.TimeoutError:
            continue
        except websockets.ConnectionClosed as closed:
            return total, closed.rcvd.code if closed.rcvd else None
    return total, None


def checkin_forms(count: int) -> list:
    seeds = REPO_ROOT / "seeds"
    services = [s["id"] for s in json.loads((seeds / "services.json").read_text("utf-8"))]
    colonias = [c["id"] for c in json.loads((seeds / "colonias.json").read_text("utf-8"))]
    notice = json.loads((seeds / "privacy.json").read_text("utf-8"))["version"]
    names = ["María López Hernández", "José García Cruz", "Guadalupe Sánchez Flores",
             "Juan Carlos Pérez Gómez", "Ana Laura Ramírez Morales", "Luis Jiménez Vázquez"]
    return [json.dumps({
        "type": "checkin", "ref": f"c{i}",
        "consent": {"accepted": True, "noticeVersion": notice},
        "name": names[i % len(names)], "coloniaId": colonias[(i * 7) % len(colonias)],
        "contact": None if i % 3 == 0 else f"722 {100 + i % 900} {1000 + i % 9000}",
        "serviceId": services[(i * 13) % len(services)],
        "description": f"Petición {i}: fuga en la calle Juárez número {i % 300}, desde hace tres semanas; "
                       "solicito que se revise y se nos informe la fecha de atención.",
    }, ensure_ascii=False) for i in range(count)]


def percentile(sorted_values: list, p: float) -> float:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


async def burst(server: Server, citizens: int, keep_console: bool, timeout: float) -> dict:
    url = f"ws://{HOST}:{server.port}/ws"
    moderator = await connect(url, timeout)
    await moderator.send(json.dumps({"type": "hello", "role": "official", "token": server.token("moderacion")}))
    await expect(moderator, "console", timeout)
    await moderator.send(json.dumps({"type": "session.open", "ref": "open"}))
    opened = await expect(moderator, "ok", timeout, ref="open")
    if opened["type"] == "error" and opened.get("code") != "session_already_open":
        raise SystemExit(f"session.open refused: {opened}")
    stop_console = asyncio.Event()
    console_reader = None
    if keep_console:
        console_reader = asyncio.create_task(drain(moderator, stop_console))
    else:
        await moderator.close()

    log(f"connecting {citizens} citizens")
    started = time.perf_counter()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def citizen(index: int):
        async with gate:
            ws = await connect(url, timeout)
            await ws.send('{"type":"hello","role":"citizen"}')
            await expect(ws, "welcome", timeout)
            return ws

    sockets = await asyncio.gather(*(citizen(i) for i in range(citizens)))
    connect_seconds = time.perf_counter() - started
    log(f"connected in {connect_seconds:.1f} s; burst of {citizens} check-ins")

    forms = checkin_forms(citizens)
    sent_at = [0.0] * citizens
    accepted_at = [0.0] * citizens
    replies = [None] * citizens

    async def await_acceptance(index: int):
        reply = await expect(sockets[index], "checkin.accepted", timeout, ref=None)
        accepted_at[index] = time.perf_counter()
        replies[index] = reply

    waiters = [asyncio.create_task(await_acceptance(i)) for i in range(citizens)]
    await asyncio.sleep(0)  # every waiter is parked in recv() before the first send
    burst_start = time.perf_counter()
    for index, ws in enumerate(sockets):
        sent_at[index] = time.perf_counter()
        await ws.send(forms[index])
    send_seconds = time.perf_counter() - burst_start
    await asyncio.wait_for(asyncio.gather(*waiters), timeout)
    burst_seconds = max(accepted_at) - burst_start

    stop_console.set()
    console_bytes, console_closed = await console_reader if console_reader else (0, None)
    refused = [r for r in replies if r.get("type") != "checkin.accepted"]
    folios = {r.get("folio") for r in replies if r.get("type") == "checkin.accepted"}
    turnos = sorted(r.get("turno") for r in replies if r.get("type") == "checkin.accepted")
    if refused or len(folios) != citizens or turnos != list(range(1, citizens + 1)):
        raise SystemExit(f"check-ins not all accepted once: {len(refused)} refused "
                         f"(first: {refused[:1]}), {len(folios)} distinct folios")
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    if keep_console:
        await moderator.close()

    latencies = sorted((accepted_at[i] - sent_at[i]) * 1000 for i in range(citizens))
    return {
        "connectSeconds": round(connect_seconds, 2),
        "sendMs": round(send_seconds * 1000, 1),
        "burstMs": round(burst_seconds * 1000, 1),
        "latencyMs": {key: round(value, 1) for key, value in (
            ("min", latencies[0]), ("p50", percentile(latencies, 50)), ("p90", percentile(latencies, 90)),
            ("p99", percentile(latencies, 99)), ("max", latencies[-1]))},
        "consoleBytes": console_bytes,
        "consoleClosedCode": console_closed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("AUDIENCIA_BIN", ".build/release/audiencia"))
    parser.add_argument("--citizens", type=int, default=2000)
    parser.add_argument("--console", action="store_true",
                        help="keep the moderator's console connected (and read) during the burst")
    parser.add_argument("--timeout", type=float, default=60.0, help="bound on every wait, seconds")
    args = parser.parse_args()
    if not 1 <= args.citizens <= MAX_CITIZENS:
        raise SystemExit(f"--citizens must be 1..{MAX_CITIZENS}")
    binary = Path(args.bin)
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not binary.is_file():
        raise SystemExit(f"server binary not found: {binary}")
    raise_fd_limit(args.citizens + 256)

    with tempfile.TemporaryDirectory(prefix="audiencia-bench-checkin-") as scratch:
        # The whole burst waits in the queue at once: lift the default cap (1,000) above it.
        server = Server(binary, Path(scratch) / "data", Path(scratch) / "server.stderr", args.timeout,
                        max_queue=max(args.citizens, 1000))
        try:
            figures = asyncio.run(asyncio.wait_for(
                burst(server, args.citizens, args.console, args.timeout), args.timeout * 4))
        finally:
            code = server.stop()
        if code != 0:
            raise SystemExit(f"server exited with {code} after SIGTERM:\n"
                             + (Path(scratch) / "server.stderr").read_text(errors="replace")[-2000:])
    print(json.dumps({
        "benchmark": "checkin-burst", "citizens": args.citizens, "accepted": args.citizens,
        **figures, "console": args.console, "serverExit": code,
        "binary": os.path.relpath(binary, REPO_ROOT), "cores": os.cpu_count(),
        "client": f"python {platform.python_version()} websockets {websockets.__version__}, "
                  "one asyncio loop on the same machine (shares the server's cores)",
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
