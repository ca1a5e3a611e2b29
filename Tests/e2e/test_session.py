"""End-to-end tests of Audiencia: the real binary, real WebSockets, protocol v1
(docs/protocol.md).

Every wait is bounded: each receive has a timeout, and each test as a whole is cut off by
`run()`. The server uses the real clock and Metepec's schedule, so a test tolerates a session
that the schedule has already opened (Tuesday 09:30-14:00 in UTC-6).
"""

import asyncio
import base64
import datetime
import json
import os
import re
import secrets
import stat
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Optional

import pytest
import websockets

from conftest import REPO_ROOT, start_server

SUBPROTOCOL = "audiencia.v1"
RECV_TIMEOUT = 5.0
TEST_TIMEOUT = 45.0
MAX_FRAMES = 2000  # per expect(): a runaway server cannot keep a test looping
FOLIO = re.compile(r"^AUD-(\d{4})-(\d{6})$")
ANY_FOLIO = re.compile(r"AUD-\d{4}-\d{6}")
METEPEC = datetime.timezone(datetime.timedelta(hours=-6))

SEEDS = REPO_ROOT / "seeds"
OFFICIALS = {o["id"]: o for o in json.loads((SEEDS / "officials.json").read_text("utf-8"))}
SERVICES = {s["id"]: s for s in json.loads((SEEDS / "services.json").read_text("utf-8"))}
COLONIAS = [c["id"] for c in json.loads((SEEDS / "colonias.json").read_text("utf-8"))]
NOTICE_VERSION = json.loads((SEEDS / "privacy.json").read_text("utf-8"))["version"]


def run(coro, timeout: float = TEST_TIMEOUT):
    """Runs one async test body with an overall deadline."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def metepec_today() -> datetime.date:
    return datetime.datetime.now(METEPEC).date()


class Client:
    """One WebSocket connection. Keeps every frame received (`frames`, raw and parsed) and the
    ones no `expect` has taken yet (`pending`), so waiting for one message never loses another."""

    _refs = 0

    def __init__(self, ws, label: str):
        self.ws = ws
        self.label = label
        self.frames: list[tuple[str, dict]] = []  # every frame received: (raw text, parsed)
        self.pending: list[dict] = []

    @classmethod
    async def connect(cls, server, label: str) -> "Client":
        ws = await asyncio.wait_for(
            websockets.connect(server.ws_url, subprotocols=[SUBPROTOCOL], compression=None,
                               open_timeout=RECV_TIMEOUT, close_timeout=2, ping_interval=None,
                               max_size=1 << 22),
            RECV_TIMEOUT + 1)
        assert ws.subprotocol == SUBPROTOCOL, f"{label}: server chose subprotocol {ws.subprotocol!r}"
        return cls(ws, label)

    @classmethod
    def next_ref(cls, prefix: str = "r") -> str:
        cls._refs += 1
        return f"{prefix}{cls._refs}"

    async def send(self, message) -> None:
        """Sends a dict as JSON text, a str as a text frame, bytes as a binary frame."""
        payload = json.dumps(message, ensure_ascii=False) if isinstance(message, dict) else message
        await asyncio.wait_for(self.ws.send(payload), RECV_TIMEOUT)

    async def _receive_one(self, timeout: float) -> dict:
        try:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
        except websockets.ConnectionClosed as closed:
            raise AssertionError(f"{self.label}: connection closed ({closed}); "
                                 f"unconsumed: {self.describe_pending()}") from None
        assert isinstance(raw, str), f"{self.label}: server sent a binary frame {raw[:80]!r}"
        try:
            message = json.loads(raw)
        except ValueError:
            raise AssertionError(f"{self.label}: server sent invalid JSON {raw[:200]!r}") from None
        assert isinstance(message, dict) and isinstance(message.get("type"), str), (
            f"{self.label}: server frame without a type: {raw[:200]!r}")
        self.frames.append((raw, message))
        self.pending.append(message)
        return message

    def describe_pending(self) -> str:
        return ", ".join(_short(m) for m in self.pending[-15:]) or "nothing"

    async def expect(self, type_: str, predicate: Optional[Callable[[dict], bool]] = None,
                     timeout: float = RECV_TIMEOUT) -> dict:
        """The first not-yet-taken message of `type_` matching `predicate`, waiting at most
        `timeout` seconds; the other messages stay pending."""
        return await self._take(
            lambda m: m["type"] == type_ and (predicate is None or predicate(m)),
            f"{type_!r} message", timeout)

    async def _take(self, match: Callable[[dict], bool], what: str, timeout: float) -> dict:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        scanned = 0
        for _ in range(MAX_FRAMES):
            for index in range(scanned, len(self.pending)):
                if match(self.pending[index]):
                    return self.pending.pop(index)
            scanned = len(self.pending)
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await self._receive_one(remaining)
            except asyncio.TimeoutError:
                break
        raise AssertionError(f"{self.label}: no {what} within {timeout:.1f} s; "
                             f"unconsumed: {self.describe_pending()}")

    async def expect_guidance(self, key: str, timeout: float = RECV_TIMEOUT) -> dict:
        return await self.expect("guidance", lambda m: m.get("key") == key, timeout)

    async def expect_error(self, code: str, ref: Optional[str] = None) -> dict:
        reply = await self.expect("error")
        assert reply.get("code") == code, f"{self.label}: expected error {code}, got {reply}"
        assert reply.get("ref") == ref, f"{self.label}: error should echo ref {ref!r}: {reply}"
        assert isinstance(reply.get("message"), str) and reply["message"], reply
        return reply

    async def request(self, message: dict, expect_ok: bool = True) -> dict:
        """Sends `message` with a fresh ref and returns its `ok`/`error` reply."""
        ref = self.next_ref(message["type"].split(".")[0][:3])
        await self.send({**message, "ref": ref})
        reply = await self._reply(ref)
        if expect_ok:
            assert reply["type"] == "ok", f"{self.label}: {message['type']} refused: {reply}"
        return reply

    async def _reply(self, ref: str) -> dict:
        return await self._take(lambda m: m["type"] in ("ok", "error") and m.get("ref") == ref,
                                f"reply to ref {ref!r}", RECV_TIMEOUT)

    async def ping(self) -> None:
        """The connection is still usable: a ping gets its pong."""
        ref = self.next_ref("k")
        await self.send({"type": "ping", "ref": ref})
        pong = await self.expect("pong", lambda m: m.get("ref") == ref)
        assert pong == {"type": "pong", "ref": ref}, pong

    async def drain(self, quiet: float = 0.3) -> list[dict]:
        """Receives until nothing arrives for `quiet` seconds (bounded); returns what came."""
        got = []
        for _ in range(MAX_FRAMES):
            try:
                got.append(await self._receive_one(quiet))
            except asyncio.TimeoutError:
                return got
        raise AssertionError(f"{self.label}: the server does not stop sending")

    def received(self, type_: str) -> list[dict]:
        return [m for _, m in self.frames if m is not None and m["type"] == type_]

    def guidance_keys(self) -> list[str]:
        return [m["key"] for m in self.received("guidance")]

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self.ws.close(), 3)
        except (asyncio.TimeoutError, websockets.WebSocketException, OSError):
            pass


def _short(message: dict) -> str:
    details = [message["type"]]
    for key in ("key", "code", "ref", "seq"):
        if key in message:
            details.append(f"{key}={message[key]}")
    if message["type"] == "feed.event":
        details.append(f"kind={message.get('entry', {}).get('kind')}")
    return "(" + " ".join(str(d) for d in details) + ")"


async def viewer(server, label: str = "viewer") -> tuple[Client, dict]:
    client = await Client.connect(server, label)
    await client.send({"type": "hello", "role": "viewer"})
    snapshot = await client.expect("feed.snapshot")
    assert isinstance(snapshot.get("seq"), int), snapshot
    return client, snapshot


async def official(server, official_id: str) -> Client:
    client = await Client.connect(server, official_id)
    await client.send({"type": "hello", "role": "official", "token": server.token(official_id)})
    welcome = await client.expect("welcome")
    assert welcome["role"] == "official", welcome
    assert welcome["official"]["id"] == official_id, welcome
    await client.expect("console")
    return client


async def open_session(moderator: Client) -> None:
    """Opens a live session; one the schedule already made live is fine too."""
    reply = await moderator.request({"type": "session.open"}, expect_ok=False)
    assert reply["type"] == "ok" or reply.get("code") == "session_already_open", reply


async def citizen(server, label: str) -> tuple[Client, dict]:
    client = await Client.connect(server, label)
    await client.send({"type": "hello", "role": "citizen"})
    welcome = await client.expect("welcome")
    assert welcome["role"] == "citizen", welcome
    return client, welcome


class Person:
    """A citizen's personal data, each string carrying a unique ASCII marker so a leak is
    found even if some encoder escaped the accents."""

    def __init__(self, service_id: str, colonia_id: str):
        self.marker = secrets.token_hex(6)
        self.name = f"Canario-{self.marker}"
        self.contact = f"canario-{self.marker}@example.org"
        self.description = f"Descripción secreta {self.marker}"
        self.service_id = service_id
        self.department_id = SERVICES[service_id]["departmentId"]
        self.colonia_id = colonia_id

    def checkin(self, ref: Optional[str] = None) -> dict:
        message = {"type": "checkin",
                   "consent": {"accepted": True, "noticeVersion": NOTICE_VERSION},
                   "name": self.name, "coloniaId": self.colonia_id, "contact": self.contact,
                   "serviceId": self.service_id, "description": self.description}
        if ref:
            message["ref"] = ref
        return message


async def check_in(server, person: Person, label: str) -> tuple[Client, dict]:
    """Connects, says hello and checks in; returns the client and its checkin.accepted. The
    two guidance messages that follow (checkedIn, then waiting or next) stay pending."""
    client, welcome = await citizen(server, label)
    assert welcome["session"]["phase"] in ("check_in", "live"), welcome["session"]
    assert welcome["privacy"]["version"] == NOTICE_VERSION, welcome["privacy"]
    await client.send(person.checkin(ref=Client.next_ref("c")))
    accepted = await client.expect("checkin.accepted")
    return client, accepted


# --------------------------------------------------------------------------------------------
# The "short session"


def test_short_session(server):
    run(short_session(server))


async def short_session(server):
    viewers = []
    snapshots = []
    for index in range(3):
        client, snapshot = await viewer(server, f"viewer{index + 1}")
        viewers.append(client)
        snapshots.append(snapshot)

    moderator = await official(server, "moderacion")
    dir_agua = await official(server, "dir-agua")
    dir_obras = await official(server, "dir-obras-publicas")
    mayor = await official(server, "presidenta")
    await open_session(moderator)

    # Five citizens, services of two departments (agua and obras-publicas).
    services = ["agua-fuga", "bacheo", "agua-drenaje", "obras-banquetas", "agua-falta"]
    people = [Person(service, COLONIAS[index * 7 % len(COLONIAS)])
              for index, service in enumerate(services)]
    citizens: list[Client] = []
    folios: list[str] = []
    tokens: list[str] = []
    for turno, person in enumerate(people, start=1):
        client, accepted = await check_in(server, person, f"citizen{turno}")
        match = FOLIO.match(accepted["folio"])
        assert match, accepted
        assert accepted["turno"] == turno, accepted
        assert accepted["stage"] == "waiting" and accepted["position"] == turno, accepted
        assert isinstance(accepted["resumeToken"], str) and len(accepted["resumeToken"]) >= 16
        first = await client.expect("guidance")
        assert first["key"] == "checkedIn", first
        assert first["folio"] == accepted["folio"], first
        second = await client.expect("guidance")
        assert second["key"] == ("next" if turno == 1 else "waiting"), second
        assert second["position"] == turno and second["ahead"] == turno - 1, second
        citizens.append(client)
        folios.append(accepted["folio"])
        tokens.append(accepted["resumeToken"])
    # Folios are sequential within the year, and this data folder starts from scratch.
    numbers = [int(FOLIO.match(f).group(2)) for f in folios]
    assert numbers == list(range(1, 6)), folios
    assert len({FOLIO.match(f).group(1) for f in folios}) == 1, folios
    c1, c2, c3, c4, c5 = citizens
    f1, f2, f3, f4, f5 = folios

    # Turn 1: agua, answered on the spot by its director.
    await moderator.request({"type": "queue.callNext"})
    on_floor = await c1.expect_guidance("onFloor")
    assert OFFICIALS["dir-agua"]["name"] in on_floor["prompt"], on_floor
    brief = await dir_agua.expect("floor.brief")
    assert brief["officialId"] == "dir-agua", brief
    assert brief["petition"]["folio"] == f1, brief
    assert brief["petition"]["description"] == people[0].description, brief
    assert brief["petition"]["name"] == people[0].name, brief
    assert isinstance(brief["checklist"], list) and brief["checklist"], brief
    assert all({"stage", "title", "detail"} <= set(step) for step in brief["checklist"]), brief
    answer1 = f"Se envía cuadrilla hoy {secrets.token_hex(5)}"
    await dir_agua.request({"type": "outcome.record", "folio": f1, "outcome": "answered_now",
                            "answer": answer1})
    answered = await c1.expect_guidance("answered")
    assert answer1 in answered["prompt"], answered

    # Turn 2: obras-publicas, in process with a commitment and a due date.
    await moderator.request({"type": "queue.callNext"})
    on_floor = await c2.expect_guidance("onFloor")
    assert OFFICIALS["dir-obras-publicas"]["name"] in on_floor["prompt"], on_floor
    brief = await dir_obras.expect("floor.brief")
    assert brief["petition"]["folio"] == f2 and brief["officialId"] == "dir-obras-publicas", brief
    assert brief["petition"]["description"] == people[1].description, brief
    commitment = f"Revisión técnica del colector {secrets.token_hex(5)}"
    due = (metepec_today() + datetime.timedelta(days=14)).isoformat()
    await dir_obras.request({"type": "outcome.record", "folio": f2, "outcome": "in_process",
                             "commitment": commitment, "dueDate": due})
    in_process = await c2.expect_guidance("inProcess")
    assert commitment in in_process["prompt"] and due in in_process["prompt"], in_process

    # Turn 3: agua, transferred to obras-publicas; back at the front of the queue.
    await moderator.request({"type": "queue.callNext"})
    await c3.expect_guidance("onFloor")
    brief = await dir_agua.expect("floor.brief")
    assert brief["petition"]["folio"] == f3, brief
    await dir_agua.request({"type": "outcome.record", "folio": f3, "outcome": "transferred",
                            "departmentId": "obras-publicas"})
    transferred = await c3.expect_guidance("transferred")
    assert transferred["position"] == 1, transferred
    await c3.expect_guidance("next")
    # The moderator's next call gives the floor to the other department's director ...
    await moderator.request({"type": "queue.callNext"})
    on_floor = await c3.expect_guidance("onFloor")
    assert OFFICIALS["dir-obras-publicas"]["name"] in on_floor["prompt"], on_floor
    brief = await dir_obras.expect("floor.brief")
    assert brief["petition"]["folio"] == f3, brief
    assert brief["petition"]["departmentId"] == "obras-publicas", brief
    assert brief["petition"]["transferred"] is True, brief
    # ... then the mayor takes the floor and answers.
    await mayor.request({"type": "floor.take"})
    brief = await mayor.expect("floor.brief")
    assert brief["officialId"] == "presidenta" and brief["petition"]["folio"] == f3, brief
    on_floor = await c3.expect_guidance("onFloor")
    assert OFFICIALS["presidenta"]["name"] in on_floor["prompt"], on_floor
    answer3 = f"La presidenta instruye la reparación {secrets.token_hex(5)}"
    await mayor.request({"type": "outcome.record", "folio": f3, "outcome": "answered_now",
                         "answer": answer3})
    answered = await c3.expect_guidance("answered")
    assert answer3 in answered["prompt"], answered

    # Turn 4: not there.
    await moderator.request({"type": "queue.callNext"})
    await c4.expect_guidance("onFloor")
    await moderator.request({"type": "queue.noShow", "folio": f4})
    await c4.expect_guidance("noShow")

    # The last waiting citizen leaves the queue.
    await c5.expect_guidance("next")
    await c5.send({"type": "leave"})
    await c5.expect_guidance("left")

    announcement = f"Receso de 10 minutos {secrets.token_hex(4)}"
    await moderator.request({"type": "announce", "text": announcement})
    await moderator.request({"type": "session.close"})
    for client in citizens:
        await client.expect_guidance("sessionClosed")

    # Each citizen heard, in order, the moments of their petition's life.
    expected_keys = [
        ["checkedIn", "next", "onFloor", "answered", "sessionClosed"],
        ["checkedIn", "waiting", "next", "onFloor", "inProcess", "sessionClosed"],
        ["checkedIn", "waiting", "waiting", "next", "onFloor", "transferred", "next",
         "onFloor", "onFloor", "answered", "sessionClosed"],
        ["checkedIn", "waiting", "waiting", "waiting", "next", "waiting", "next", "onFloor",
         "noShow", "sessionClosed"],
        ["checkedIn", "waiting", "waiting", "waiting", "waiting", "waiting", "waiting", "next",
         "left", "sessionClosed"],
    ]
    for client in citizens:
        await client.drain(quiet=0.2)
    for index, (client, keys) in enumerate(zip(citizens, expected_keys)):
        assert client.guidance_keys() == keys, f"citizen{index + 1}: {client.guidance_keys()}"
        for message in client.received("guidance"):
            assert message["folio"] == folios[index], message
        # Citizens never get the console or the feed.
        kinds = {m["type"] for _, m in client.frames}
        assert kinds <= {"welcome", "checkin.accepted", "guidance"}, kinds

    # The public feed: complete, gap-free, pseudonymous.
    for client in viewers:
        await client.expect("feed.event", lambda m: m["entry"]["kind"] == "session_closed")
        await client.drain(quiet=0.2)
    secrets_in_play = []
    for person in people:
        secrets_in_play += [person.name, person.contact, person.description, person.marker]
    secrets_in_play += [answer1, answer3, commitment] + tokens + folios
    for index, client in enumerate(viewers):
        frames = client.frames
        assert frames[0][1]["type"] == "feed.snapshot"
        start = frames[0][1]["seq"]
        assert start == snapshots[index]["seq"]
        seqs = [m["seq"] for _, m in frames]
        assert seqs == list(range(start, start + len(frames))), f"viewer{index + 1}: seq {seqs}"
        assert all(m["type"] == "feed.event" for _, m in frames[1:]), [m["type"] for _, m in frames]
        for raw, message in frames:
            for secret in secrets_in_play:
                assert secret not in raw, f"viewer{index + 1} got {secret!r} in {raw[:300]}"
            normalized = json.dumps(message, ensure_ascii=False)
            for secret in secrets_in_play:
                assert secret not in normalized, f"viewer{index + 1} got {secret!r}"
            assert not ANY_FOLIO.search(raw), f"viewer{index + 1} got a folio: {raw[:300]}"
        kinds = [m["entry"]["kind"] for _, m in frames[1:]]
        tail = ["checked_in"] * 5 + [
            "called", "answered_now", "called", "in_process", "called", "transferred", "called",
            "floor_taken", "answered_now", "called", "no_show", "left", "announcement",
            "session_closed"]
        assert kinds[-len(tail):] == tail, kinds
        assert set(kinds[:-len(tail)]) <= {"session_opened", "session_live"}, kinds
        announced = [m for _, m in frames[1:] if m["entry"]["kind"] == "announcement"]
        assert announced[0]["entry"]["text"] == announcement, announced
        # Turnos are public (the pseudonym), and so are the officials who answer.
        called = [m for _, m in frames[1:] if m["entry"]["kind"] == "called"]
        assert [m["entry"]["turno"] for m in called] == [1, 2, 3, 3, 4], called
        assert called[0]["entry"]["official"] == OFFICIALS["dir-agua"]["name"], called[0]
        last_board = frames[-1][1]["board"]
        assert last_board["floor"] is None and last_board["queueLength"] == 0, last_board
        assert last_board["session"]["phase"] == "closed", last_board

    # The archive: counters, no personal data in public, names in protected (mode 0600).
    public_path, protected_path = await wait_for_archive(server.data_dir)
    public_text = public_path.read_text("utf-8")
    protected_text = protected_path.read_text("utf-8")
    public = json.loads(public_text)
    protected = json.loads(protected_text)
    assert public["format"] == "audiencia.archive.public/1", public.get("format")
    assert protected["format"] == "audiencia.archive.protected/1", protected.get("format")
    counters = public["counters"]
    expected_counters = {"checkedIn": 5, "waiting": 0, "attended": 3, "answeredNow": 2,
                         "inProcess": 1, "transferred": 1, "noShows": 1, "left": 1,
                         "carriedForward": 0, "answeredNowPercent": 66.7}
    assert {k: counters.get(k) for k in expected_counters} == expected_counters, counters
    by_department = {d["departmentId"]: d["counters"] for d in public["byDepartment"]}
    assert sum(c["checkedIn"] for c in by_department.values()) == 5, public["byDepartment"]
    assert by_department["agua"]["answeredNow"] == 1 and by_department["agua"]["left"] == 1
    assert by_department["obras-publicas"]["answeredNow"] == 1, by_department
    assert by_department["obras-publicas"]["inProcess"] == 1, by_department
    assert by_department["obras-publicas"]["noShows"] == 1, by_department
    assert [p["turno"] for p in public["petitions"]] == [1, 2, 3, 4, 5], public["petitions"]
    assert [p["outcome"] for p in public["petitions"]] == [
        "answered_now", "in_process", "answered_now", "no_show", "left"], public["petitions"]
    assert public["timeline"][-1]["kind"] == "session_closed", public["timeline"][-1]
    personal = [s for p in people for s in (p.name, p.contact, p.description, p.marker)]
    personal += [answer1, answer3, commitment] + tokens
    for secret in personal:
        assert secret not in public_text, f"public archive contains {secret!r}"
    for person in people:
        assert person.name in protected_text, f"protected archive lacks {person.name}"
    names = {p["name"] for p in protected["petitions"]}
    assert names == {p.name for p in people}, names
    by_folio = {p["folio"]: p for p in protected["petitions"]}
    assert by_folio[f1]["resolution"]["answer"] == answer1, by_folio[f1]
    assert by_folio[f1]["resolution"]["by"] == "dir-agua", by_folio[f1]
    assert by_folio[f2]["resolution"]["commitment"] == commitment, by_folio[f2]
    assert by_folio[f2]["resolution"]["dueDate"] == due, by_folio[f2]
    assert by_folio[f3]["resolution"]["by"] == "presidenta", by_folio[f3]
    assert [(t["from"], t["to"], t["by"]) for t in by_folio[f3]["transfers"]] == [
        ("agua", "obras-publicas", "dir-agua")], by_folio[f3]
    assert by_folio[f4]["resolution"]["kind"] == "no_show", by_folio[f4]
    assert by_folio[f5]["resolution"]["kind"] == "left", by_folio[f5]
    assert by_folio[f1]["contact"] == people[0].contact, by_folio[f1]
    assert by_folio[f1]["consent"]["noticeVersion"] == NOTICE_VERSION, by_folio[f1]
    for token in tokens:  # the resume token is never archived
        assert token not in protected_text
    mode = stat.S_IMODE(os.stat(protected_path).st_mode)
    assert mode == 0o600, f"protected archive mode is {oct(mode)}"

    for client in viewers + citizens + [moderator, dir_agua, dir_obras, mayor]:
        await client.close()


async def wait_for_archive(data_dir: Path, timeout: float = 5.0) -> tuple[Path, Path]:
    archive = data_dir / "archive"
    deadline = time.monotonic() + timeout
    while True:
        publics = sorted(archive.glob("*.public.json"))
        protecteds = sorted(archive.glob("*.protected.json"))
        if len(publics) == 1 and len(protecteds) == 1:
            session_id = publics[0].name[: -len(".public.json")]
            assert protecteds[0].name == f"{session_id}.protected.json", (publics, protecteds)
            return publics[0], protecteds[0]
        assert time.monotonic() < deadline, f"archive files not written: {list(archive.iterdir())}"
        await asyncio.sleep(0.05)


# --------------------------------------------------------------------------------------------
# Bad input: refused, connection still usable, nothing changed


def test_bad_input_is_refused_and_harmless(server):
    run(bad_input(server))


async def board_state(server) -> tuple[int, dict]:
    client, snapshot = await viewer(server, "probe")
    await client.close()
    board = snapshot["board"]
    return snapshot["seq"], {"counters": board["counters"], "queueLength": board["queueLength"],
                             "floor": board["floor"], "phase": board["session"]["phase"]}


async def bad_input(server):
    moderator = await official(server, "moderacion")
    await open_session(moderator)
    person = Person("agua-fuga", COLONIAS[0])
    waiting, _ = await check_in(server, person, "waiting-citizen")
    await waiting.expect_guidance("checkedIn")
    await waiting.expect_guidance("next")
    watcher, _ = await viewer(server, "watcher")
    seq_before, state_before = await board_state(server)
    await moderator.drain(quiet=0.2)
    consoles_before = len(moderator.received("console"))

    fresh, _ = await citizen(server, "citizen")
    # Not JSON, not an object, no or unknown type, too large, binary.
    await fresh.send('{"type": "ping", ')
    error = await fresh.expect_error("malformed_json")
    assert re.search(r"\d", error["message"]), error  # names line and column
    await fresh.ping()
    for not_object in ('["ping"]', '"ping"', "42", "null"):
        await fresh.send(not_object)
        await fresh.expect_error("not_an_object")
        await fresh.ping()
    await fresh.send({"ref": "u0"})
    await fresh.expect_error("unknown_type", "u0")
    await fresh.ping()
    await fresh.send({"type": "sesion.abrir", "ref": "u1"})
    await fresh.expect_error("unknown_type", "u1")
    await fresh.ping()
    await fresh.send(json.dumps({"type": "ping", "ref": "big", "pad": "x" * 20 * 1024}))
    await fresh.expect_error("message_too_large")
    await fresh.ping()
    await fresh.send(b"\x00\x01\x02binary")
    await fresh.expect_error("binary_not_supported")
    await fresh.ping()
    await fresh.send({"type": "checkin", "ref": "m1",
                      "consent": {"accepted": True, "noticeVersion": NOTICE_VERSION}})
    error = await fresh.expect_error("missing_field", "m1")
    assert "name" in error["message"], error
    await fresh.ping()
    await fresh.send({"type": "session.open", "ref": "w0"})
    await fresh.expect_error("wrong_role", "w0")
    await fresh.ping()
    await fresh.send({"type": "hello", "role": "viewer", "ref": "h2"})
    await fresh.expect_error("already_identified", "h2")
    await fresh.ping()

    # Before hello.
    anonymous = await Client.connect(server, "anonymous")
    await anonymous.send({"type": "ping", "ref": "p0"})
    await anonymous.expect_error("hello_required", "p0")
    await anonymous.send({"type": "checkin", **person.checkin()})
    await anonymous.expect_error("hello_required")
    await anonymous.send({"type": "session.close", "ref": "x"})
    await anonymous.expect_error("hello_required", "x")
    await anonymous.send({"type": "hello", "role": "viewer"})
    await anonymous.expect("feed.snapshot")
    await anonymous.ping()

    # A viewer checking in.
    other = Person("bacheo", COLONIAS[1])
    await anonymous.send(other.checkin(ref="v1"))
    await anonymous.expect_error("wrong_role", "v1")
    await anonymous.ping()

    # Forged official tokens; the connection may then say hello properly.
    real = server.token("dir-agua")
    body, signature = real.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    claims = json.loads(_b64decode(body))
    claims["sub"], claims["role"] = "presidenta", "mayor"
    forged_body = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    forger = await Client.connect(server, "forger")
    for index, forged in enumerate([f"{body}.{flipped}", f"{forged_body}.{signature}",
                                    "no-es-un-token", f"{body}.", real + ".x"]):
        await forger.send({"type": "hello", "role": "official", "token": forged,
                           "ref": f"t{index}"})
        await forger.expect_error("invalid_token", f"t{index}")
        assert not forger.received("welcome"), forger.frames
    await forger.send({"type": "hello", "role": "official", "token": real})
    welcome = await forger.expect("welcome")
    assert welcome["official"]["id"] == "dir-agua", welcome
    await forger.ping()

    # A director calling next.
    reply = await forger.request({"type": "queue.callNext"}, expect_ok=False)
    assert reply["type"] == "error" and reply["code"] == "forbidden", reply
    await forger.ping()
    reply = await forger.request({"type": "session.close"}, expect_ok=False)
    assert reply["type"] == "error" and reply["code"] == "forbidden", reply
    await forger.ping()

    # Nothing changed: no feed event, same snapshot, the waiting citizen heard nothing new.
    assert await watcher.drain(quiet=0.3) == [], watcher.describe_pending()
    seq_after, state_after = await board_state(server)
    assert seq_after == seq_before, (seq_before, seq_after)
    assert state_after == state_before, (state_before, state_after)
    await moderator.drain(quiet=0.1)
    assert len(moderator.received("console")) == consoles_before, "the room changed"
    await waiting.drain(quiet=0.1)
    assert [m["key"] for m in waiting.received("guidance")] == ["checkedIn", "next"], waiting.frames
    # The moderator can still run the room.
    await moderator.request({"type": "queue.callNext"})
    await waiting.expect_guidance("onFloor")

    for client in (moderator, waiting, watcher, fresh, anonymous, forger):
        await client.close()


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


# --------------------------------------------------------------------------------------------
# Citizen resume


def test_citizen_resume(server):
    run(citizen_resume(server))


async def citizen_resume(server):
    moderator = await official(server, "moderacion")
    await open_session(moderator)
    person = Person("bacheo", COLONIAS[3])
    first, accepted = await check_in(server, person, "tab1")
    await first.expect_guidance("checkedIn")
    await first.expect_guidance("next")
    await first.close()

    token = accepted["resumeToken"]
    second = await Client.connect(server, "tab2")
    await second.send({"type": "hello", "role": "citizen", "resumeToken": token})
    resumed = await second.expect("resumed")
    assert resumed["folio"] == accepted["folio"] and resumed["turno"] == accepted["turno"], resumed
    assert resumed["stage"] == "waiting" and resumed["position"] == 1, resumed
    assert resumed["resumeToken"] == token, resumed
    # The guidance comes right after `resumed`.
    await second.drain(quiet=0.2)
    types = [m["type"] for _, m in second.frames]
    assert types[:2] == ["resumed", "guidance"], types
    guidance = second.received("guidance")[0]
    assert guidance["folio"] == accepted["folio"] and guidance["key"] == "next", guidance
    await second.ping()

    # A second tab holds the same petition: both hear the call.
    third = await Client.connect(server, "tab3")
    await third.send({"type": "hello", "role": "citizen", "resumeToken": token})
    await third.expect("resumed")
    await third.expect("guidance")
    await moderator.request({"type": "queue.callNext"})
    await second.expect_guidance("onFloor")
    await third.expect_guidance("onFloor")

    # A token this session never issued.
    stranger = await Client.connect(server, "stranger")
    await stranger.send({"type": "hello", "role": "citizen", "resumeToken": "nunca-emitido-" +
                         secrets.token_hex(8)})
    await stranger.expect_error("unknown_resume_token")
    # It stays a fresh citizen connection, with the lists it needs to check in.
    welcome = await stranger.expect("welcome")
    assert welcome["privacy"]["version"] == "2026-01" and welcome["services"], welcome
    await stranger.ping()
    await stranger.send(Person("agua-fuga", COLONIAS[4]).checkin(ref="s1"))
    accepted_stranger = await stranger.expect("checkin.accepted")
    assert accepted_stranger["turno"] == 2, accepted_stranger
    assert accepted_stranger["folio"] != accepted["folio"], accepted_stranger

    for client in (moderator, second, third, stranger):
        await client.close()


# --------------------------------------------------------------------------------------------

def test_checkin_accepted_echoes_ref(server):
    async def body():
        moderator = await official(server, "moderacion")
        await open_session(moderator)
        client, _ = await citizen(server, "citizen")
        await client.send(Person("agua-fuga", COLONIAS[0]).checkin(ref="c1"))
        accepted = await client.expect("checkin.accepted")
        assert accepted.get("ref") == "c1", accepted

    run(body())


def test_official_reconnecting_on_the_floor_gets_the_brief(server):
    async def body():
        moderator = await official(server, "moderacion")
        await open_session(moderator)
        person = Person("agua-fuga", COLONIAS[0])
        client, accepted = await check_in(server, person, "citizen")
        await moderator.request({"type": "queue.callNext"})
        await client.expect_guidance("onFloor")
        director = await official(server, "dir-agua")  # welcome and console taken
        brief = await director.expect("floor.brief", timeout=2.0)
        assert brief["petition"]["folio"] == accepted["folio"], brief

    run(body())


# --------------------------------------------------------------------------------------------
# Shutdown


def test_sigterm_closes_sockets_with_1001(server):
    async def body():
        client, _ = await viewer(server, "viewer")
        server.terminate()
        try:
            for _ in range(MAX_FRAMES):
                await asyncio.wait_for(client.ws.recv(), RECV_TIMEOUT)
        except websockets.ConnectionClosed as closed:
            assert closed.rcvd is not None, f"no close frame from the server: {closed}"
            assert closed.rcvd.code == 1001, f"close code {closed.rcvd.code}"
        else:
            raise AssertionError("the server kept the socket open after SIGTERM")

    run(body())
    # The fixture's teardown checks the exit code is 0.


def test_sigterm_right_after_the_url_line(tmp_path):
    # Whoever reads the URL line may stop the server at once: the signal must not be lost
    # nor kill the process with the default action.
    for attempt in range(20):
        started = start_server(tmp_path / f"try{attempt}")
        started.terminate()
        # A bound, not a timing: an ignored signal never exits; 10 s leaves room for a
        # loaded machine's slow graceful stop.
        code = started.wait_exit(10.0)
        if code is None:
            raise AssertionError(f"try {attempt}: SIGTERM right after the URL line was ignored")
        assert code == 0, f"try {attempt}: exit code {code} (killed by the signal)"


# --------------------------------------------------------------------------------------------
# Static pages


PAGES = ["/", "/ciudadano.html", "/consola.html", "/publico.html", "/aviso/aviso-integral.html"]


def test_static_pages(server):
    problems = []
    for page in PAGES:
        try:
            with urllib.request.urlopen(server.http_url + page, timeout=RECV_TIMEOUT) as response:
                status = response.status
                content_type = response.headers.get("Content-Type", "")
                body = response.read()
        except urllib.error.HTTPError as error:
            problems.append(f"{page}: HTTP {error.code} (page missing from web/ or seeds/aviso?)")
            continue
        if status != 200:
            problems.append(f"{page}: HTTP {status}")
        elif not content_type.startswith("text/html"):
            problems.append(f"{page}: Content-Type {content_type!r}")
        elif b"<html" not in body[:2000].lower() and b"<!doctype html" not in body[:200].lower():
            problems.append(f"{page}: body does not look like HTML")
    assert not problems, "static pages not served as expected:\n  " + "\n  ".join(problems)
