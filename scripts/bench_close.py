#!/usr/bin/env python3
"""The close of a crowded session (docs/performance.md, "The close and the permanent channel").

Starts `audiencia serve --port 0` on loopback with a fresh data folder, opens the session,
checks in N citizens (one connection each), connects the mayor and two directors (each gets
a backlog), then times the moderator's `session.close`: from sending it to its `ok` (every
waiting petition carried forward, archived, and handed to the permanent channel, both
journals fsynced), and to the arrival of the mayor's backlog holding all N petitions. Stops
the server with SIGTERM and prints ONE JSON line; progress goes to stderr.

    .venv-e2e/bin/python scripts/bench_close.py --bin .build/release/audiencia --citizens 1000
"""

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_checkin import (HOST, Server, checkin_forms, connect, drain, expect, log,  # noqa: E402
                           raise_fd_limit)


async def run(server: Server, citizens: int, timeout: float) -> dict:
    url = f"ws://{HOST}:{server.port}/ws"
    async def official(name: str):
        ws = await connect(url, timeout)
        await ws.send(json.dumps({"type": "hello", "role": "official", "token": server.token(name)}))
        await expect(ws, "console", timeout)
        return ws

    opener = await official("moderacion")
    await opener.send(json.dumps({"type": "session.open", "ref": "open"}))
    await expect(opener, "ok", timeout, ref="open")
    # Officials come in after the check-ins: a Python client reading several consoles of a
    # growing queue on these shared cores would fall behind and be dropped (4001).
    await opener.close()

    log(f"checking in {citizens} citizens")
    gate = asyncio.Semaphore(200)
    forms = checkin_forms(citizens)

    async def citizen(index: int):
        async with gate:
            ws = await connect(url, timeout)
            await ws.send('{"type":"hello","role":"citizen"}')
            await expect(ws, "welcome", timeout)
            await ws.send(forms[index])
            accepted = await expect(ws, "checkin.accepted", timeout)
            if accepted["type"] != "checkin.accepted":
                raise SystemExit(f"check-in refused: {accepted}")
            return ws

    sockets = await asyncio.gather(*(citizen(i) for i in range(citizens)))
    officials = {name: await official(name) for name in ("moderacion", "presidenta", "dir-agua", "dir-obras-publicas")}
    moderator = officials["moderacion"]

    log("closing the session")
    started = time.perf_counter()
    await moderator.send(json.dumps({"type": "session.close", "ref": "close"}))
    closed = await expect(moderator, "ok", timeout, ref="close")
    ok_seconds = time.perf_counter() - started
    if closed["type"] != "ok":
        raise SystemExit(f"session.close refused: {closed}")
    mayor = officials["presidenta"]
    deadline = time.monotonic() + timeout
    backlog_items = 0
    others = [asyncio.create_task(drain(ws, asyncio.Event())) for name, ws in officials.items()
              if name not in ("presidenta", "moderacion")]
    while backlog_items < citizens and time.monotonic() < deadline:
        message = json.loads(await asyncio.wait_for(mayor.recv(), timeout))
        if message.get("type") == "backlog":
            backlog_items = len(message.get("items", []))
    backlog_seconds = time.perf_counter() - started
    for task in others:
        task.cancel()
    for ws in list(officials.values()) + sockets:
        await ws.close()
    return {"benchmark": "close", "citizens": citizens, "closeOkMs": round(ok_seconds * 1000, 1),
            "mayorBacklogMs": round(backlog_seconds * 1000, 1), "mayorBacklogItems": backlog_items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=".build/debug/audiencia")
    parser.add_argument("--citizens", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    if not 1 <= args.citizens <= 1000:
        raise SystemExit("--citizens must be 1..1000 (the queue's default maximum)")
    raise_fd_limit(args.citizens + 200)
    with tempfile.TemporaryDirectory(prefix="audiencia-bench-close-") as scratch:
        server = Server(Path(args.bin).resolve(), Path(scratch) / "data", Path(scratch) / "server.stderr", 30,
                        max_queue=max(args.citizens, 1000))
        try:
            result = asyncio.run(run(server, args.citizens, args.timeout))
        finally:
            code = server.stop()
        result["serverExit"] = code
        print(json.dumps(result))


if __name__ == "__main__":
    main()
