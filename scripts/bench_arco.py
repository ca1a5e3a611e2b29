#!/usr/bin/env python3
"""What an ARCO request costs on a full session (docs/performance.md, "ARCO requests").

Starts `audiencia serve --port 0` on loopback with a fresh data folder, opens the session and
checks in N citizens (one connection each). Then times over the protocol 10 rectifications
and 10 cancellations of the last petitions in the queue (a cancellation rewrites the journal
with the folio's data sealed; the last petitions move nobody else, so the figure is the
rewrite's and not the queue's), closes the session (which hands every petition to the
permanent channel), times 10 exports and 10 cancellations over the protocol of folios now held
by the archive and the channel (a cancellation rewrites both), stops the server (the command
needs the channel to itself), and times `audiencia arco export`, `audiencia arco cancel` and
`audiencia archive verify` on the archive. Prints ONE JSON line.

    .venv-e2e/bin/python scripts/bench_arco.py --bin .build/release/audiencia --citizens 400
"""

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import websockets

REPO_ROOT = Path(__file__).resolve().parents[1]
URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)")
SUBPROTOCOL = "audiencia.v1"
TIMEOUT = 10.0
MAX_FRAMES = 100_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/audiencia")
    parser.add_argument("--citizens", type=int, default=400)
    args = parser.parse_args()
    binary = (REPO_ROOT / args.bin).resolve()
    citizens = max(20, min(args.citizens, 2000))
    data = Path(tempfile.mkdtemp(prefix="audiencia-bench-arco-")) / "data"
    server = subprocess.Popen(
        [str(binary), "serve", "--host", "127.0.0.1", "--port", "0", "--seeds", "./seeds", "--data", str(data),
         "--web", "./web", "--max-checkins-per-address", "100000", "--max-queue", "100000"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        for _ in range(50):
            match = URL_LINE.search(server.stdout.readline())
            if match:
                port = int(match.group(1))
                break
        assert port, "the server did not print its URL"
        token = subprocess.run([str(binary), "token", "issue", "--official", "moderacion", "--seeds", "./seeds",
                                "--data", str(data)], cwd=REPO_ROOT, capture_output=True, text=True,
                               timeout=30).stdout.strip().splitlines()[-1]
        url = f"ws://127.0.0.1:{port}/ws"
        protocol = asyncio.run(asyncio.wait_for(session(url, token, citizens), 600))
        folio = protocol.pop("folio")
        handed = protocol.pop("handed")
        protocol.update(asyncio.run(asyncio.wait_for(after_close(url, handed), 600)))
        server.terminate()
        server.wait(timeout=10)
        journal = next((data / "archive").glob("*.journal.jsonl"))
        common = ["--folio", folio, "--official", "moderacion", "--seeds", "./seeds", "--data", str(data)]
        print(json.dumps({
            "citizens": citizens, "journalBytes": journal.stat().st_size,
            "channelBytes": (data / "channel.jsonl").stat().st_size, **protocol,
            "cliExportMs": timed(binary, "arco", "export", *common),
            "cliCancelMs": timed(binary, "arco", "cancel", *common),
            "cliVerifyProtectedMs": timed(binary, "archive", "verify",
                                          str(next((data / "archive").glob("*.protected.json"))), "--seeds", "./seeds"),
        }))
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


def timed(binary: Path, *args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(binary), *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return round((time.perf_counter() - start) * 1000, 1)


async def connect(url: str):
    return await websockets.connect(url, subprotocols=[SUBPROTOCOL], compression=None, max_size=1 << 24)


async def reply(ws, ref: str) -> dict:
    for _ in range(MAX_FRAMES):
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        if message.get("ref") == ref:
            return message
    raise AssertionError(f"no reply to {ref}")


async def official(url: str, token: str, order: str) -> None:
    # A short connection per order: a console left unread would fill its outbox.
    ws = await connect(url)
    await ws.send(json.dumps({"type": "hello", "role": "official", "token": token}))
    await ws.send(json.dumps({"type": order, "ref": "o"}))
    await reply(ws, "o")
    await ws.close()


async def session(url: str, token: str, citizens: int) -> dict:
    await official(url, token, "session.open")
    receipts = []
    for index in range(citizens):
        ws = await connect(url)
        await ws.send(json.dumps({"type": "hello", "role": "citizen"}))
        await ws.send(json.dumps({
            "type": "checkin", "ref": "c", "consent": {"accepted": True, "noticeVersion": "2026-01"},
            "name": f"Persona {index}", "contact": "722 000 0000", "coloniaId": "barrio-de-san-mateo",
            "serviceId": "agua-fuga", "description": "Fuga en la calle " * 20}))
        receipts.append(await reply(ws, "c"))
        await ws.close()
    ws = await connect(url)
    await ws.send(json.dumps({"type": "hello", "role": "citizen"}))
    figures = {}
    for kind, chosen, extra in [("rectify", receipts[-20:-10], {"contact": ""}), ("cancel", receipts[-10:], {})]:
        times = []
        for receipt in chosen:
            ref = f"{kind}-{receipt['folio']}"
            start = time.perf_counter()
            await ws.send(json.dumps({"type": f"arco.{kind}", "ref": ref, "folio": receipt["folio"],
                                      "resumeToken": receipt["resumeToken"], **extra}))
            answer = await reply(ws, ref)
            assert answer["type"] != "error", answer
            times.append((time.perf_counter() - start) * 1000)
        figures[f"{kind}MedianMs"] = round(statistics.median(times), 1)
        figures[f"{kind}MaxMs"] = round(max(times), 1)
    await ws.close()
    await official(url, token, "session.close")
    figures["folio"] = receipts[citizens // 2]["folio"]
    figures["handed"] = receipts[:10]
    return figures


async def after_close(url: str, receipts: list) -> dict:
    """Folios of the closed session, now in its archive and the channel: one request reaches both."""
    ws = await connect(url)
    await ws.send(json.dumps({"type": "hello", "role": "citizen"}))
    figures = {}
    for kind in ["export", "cancel"]:
        times = []
        for receipt in receipts:
            ref = f"{kind}-{receipt['folio']}"
            start = time.perf_counter()
            await ws.send(json.dumps({"type": f"arco.{kind}", "ref": ref, "folio": receipt["folio"],
                                      "resumeToken": receipt["resumeToken"]}))
            answer = await reply(ws, ref)
            assert answer["type"] != "error", answer
            times.append((time.perf_counter() - start) * 1000)
        figures[f"archivedChannel{kind.capitalize()}MedianMs"] = round(statistics.median(times), 1)
        figures[f"archivedChannel{kind.capitalize()}MaxMs"] = round(max(times), 1)
    await ws.close()
    return figures


if __name__ == "__main__":
    main()
