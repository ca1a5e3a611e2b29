"""ARCO rights and retention against the real binary and real files: a citizen's requests
over the protocol, then `audiencia arco` on the closed session's archive, `audiencia archive
verify` after each change, and `audiencia purge`.

Every wait is bounded (each receive has a timeout, each test an overall deadline)."""

import asyncio
import json
import secrets
import shutil
import subprocess
from pathlib import Path

import websockets

from conftest import REPO_ROOT, audiencia_bin

SUBPROTOCOL = "audiencia.v1"
RECV_TIMEOUT = 5.0
TEST_TIMEOUT = 60.0
MAX_FRAMES = 500
NOTICE_VERSION = json.loads((REPO_ROOT / "seeds" / "privacy.json").read_text("utf-8"))["version"]


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, TEST_TIMEOUT))


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(audiencia_bin()), *args], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30)


async def connect(server):
    return await asyncio.wait_for(
        websockets.connect(server.ws_url, subprotocols=[SUBPROTOCOL], compression=None,
                           open_timeout=RECV_TIMEOUT, close_timeout=2, ping_interval=None), RECV_TIMEOUT + 1)


async def reply_to(ws, ref: str) -> dict:
    """The first frame answering `ref` (bounded number of frames, each with a timeout)."""
    for _ in range(MAX_FRAMES):
        message = json.loads(await asyncio.wait_for(ws.recv(), RECV_TIMEOUT))
        if message.get("ref") == ref:
            return message
    raise AssertionError(f"no reply to {ref}")


async def order(ws, kind: str, ref: str, **fields) -> dict:
    await ws.send(json.dumps({"type": kind, "ref": ref, **fields}))
    return await reply_to(ws, ref)


async def moderator(server):
    ws = await connect(server)
    await ws.send(json.dumps({"type": "hello", "role": "official", "token": server.token("moderacion")}))
    reply = await order(ws, "session.open", "open")
    assert reply["type"] == "ok" or reply.get("code") == "session_already_open", reply
    return ws


async def check_in(server, name: str, contact: str, priority=None) -> dict:
    ws = await connect(server)
    await ws.send(json.dumps({"type": "hello", "role": "citizen"}))
    message = {"consent": {"accepted": True, "noticeVersion": NOTICE_VERSION}, "name": name,
               "contact": contact, "coloniaId": "barrio-de-san-mateo", "serviceId": "agua-fuga",
               "description": f"Petición de {name}"}
    if priority:
        message["priority"] = priority
    receipt = await order(ws, "checkin", "c", **message)
    await ws.close()
    return receipt


def test_priority_needs_its_own_consent_and_arco_works_over_the_protocol(server):
    name = f"Canario Prioritario {secrets.token_hex(4)}"

    async def body():
        mod = await moderator(server)
        citizen = await connect(server)
        await citizen.send(json.dumps({"type": "hello", "role": "citizen"}))
        refused = await order(citizen, "checkin", "p1", consent={"accepted": True, "noticeVersion": NOTICE_VERSION},
                              name=name, coloniaId="barrio-de-san-mateo", serviceId="agua-fuga",
                              description="Petición", priority={"reasonId": "embarazo", "consentAccepted": False})
        assert refused["code"] == "sensitive_consent_required", refused
        receipt = await check_in(server, name, "722 111 2233", {"reasonId": "embarazo", "consentAccepted": True})
        other = await connect(server)
        await other.send(json.dumps({"type": "hello", "role": "citizen"}))
        data = await order(other, "arco.export", "x", folio=receipt["folio"], resumeToken=receipt["resumeToken"])
        assert data["type"] == "arco.data" and data["data"]["personalData"]["name"] == name
        assert data["data"]["personalData"]["priorityReason"] == "Persona embarazada"
        fixed = await order(other, "arco.rectify", "r", folio=receipt["folio"], resumeToken=receipt["resumeToken"],
                            contact="")
        assert fixed["data"]["personalData"]["contact"] is None
        gone = await order(other, "arco.cancel", "k", folio=receipt["folio"], resumeToken=receipt["resumeToken"])
        assert gone["type"] == "ok", gone
        await order(mod, "session.close", "close")

    run(body())
    archive = server.data_dir / "archive"
    texts = {path.name: path.read_text("utf-8") for path in archive.iterdir()}
    assert texts and not any(name in text or "embarazo" in text for text in texts.values()), list(texts)
    for path in archive.iterdir():
        result = cli("archive", "verify", str(path), "--seeds", "./seeds")
        assert result.returncode == 0, result.stdout + result.stderr


def test_officials_act_on_the_archive_and_purge_keeps_the_public_record(restartable_servers):
    server = restartable_servers("arco")
    name = f"Canario Archivado {secrets.token_hex(4)}"
    contact = f"canario.{secrets.token_hex(4)}@correo-privado.mx"
    data = str(server.data_dir)

    async def close_one():
        mod = await moderator(server)
        receipt = await check_in(server, name, contact)
        await order(mod, "session.close", "close")
        return receipt["folio"]

    folio = run(close_one())
    # The close handed the folio to the permanent channel: the running server owns it.
    busy = cli("arco", "export", "--folio", folio, "--official", "moderacion", "--seeds", "./seeds", "--data", data)
    assert busy.returncode == 1 and "servidor está en marcha" in busy.stdout, busy.stdout
    server.stop()
    common = ["--folio", folio, "--official", "moderacion", "--seeds", "./seeds", "--data", data]
    exported = cli("arco", "export", *common)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["personalData"]["contact"] == contact
    rectified = cli("arco", "rectify", *common, "--contact", "")
    assert rectified.returncode == 0, rectified.stdout + rectified.stderr
    cancelled = cli("arco", "cancel", *common)
    assert cancelled.returncode == 0, cancelled.stdout + cancelled.stderr
    again = cli("arco", "cancel", *common)
    assert again.returncode == 1 and "ya se cancelaron" in again.stdout

    archive = server.data_dir / "archive"
    files = sorted(archive.iterdir())
    assert len(files) == 3
    for path in files:
        text = path.read_text("utf-8")
        assert name not in text and contact not in text, path.name
        result = cli("archive", "verify", str(path), "--seeds", "./seeds")
        assert result.returncode == 0, result.stdout + result.stderr
    channel = server.data_dir / "channel.jsonl"
    assert name not in channel.read_text("utf-8") and contact not in channel.read_text("utf-8")
    result = cli("archive", "verify", str(channel), "--seeds", "./seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    log = [json.loads(line) for line in (server.data_dir / "arco.jsonl").read_text("utf-8").splitlines()]
    assert [(entry["action"], entry["official"], entry["folio"]) for entry in log] == [
        ("export", "moderacion", folio), ("rectify", "moderacion", folio), ("cancel", "moderacion", folio)]

    # A folio of the session now open is the server's, not the command's.
    server.restart()

    async def live_one():
        await moderator(server)
        return (await check_in(server, "Persona En Vivo", "722"))["folio"]

    live = run(live_one())
    refused = cli("arco", "cancel", "--folio", live, "--official", "moderacion", "--seeds", "./seeds", "--data", data)
    assert refused.returncode == 1 and "sesión en curso" in refused.stdout

    # Retention: an old session (same files under an old date) goes, today's stays.
    session = files[0].name.split(".")[0]
    for path in files:
        shutil.copy(path, archive / path.name.replace(session, "2019-01-08"))
    too_soon = cli("purge", "--older-than", "30", "--seeds", "./seeds", "--data", data)
    assert too_soon.returncode == 1 and "plazo de conservación" in too_soon.stdout
    dry = cli("purge", "--older-than", "1825", "--dry-run", "--seeds", "./seeds", "--data", data)
    assert dry.returncode == 0 and "2019-01-08.protected.json" in dry.stdout
    assert (archive / "2019-01-08.protected.json").exists()
    purged = cli("purge", "--older-than", "1825", "--seeds", "./seeds", "--data", data)
    assert purged.returncode == 0, purged.stdout + purged.stderr
    left = sorted(path.name for path in archive.iterdir())
    assert left == sorted(["2019-01-08.public.json"] + [path.name for path in files]), left
