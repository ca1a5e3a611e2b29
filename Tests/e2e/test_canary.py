"""The canary test: citizens check in with unique, random personal data (names, phones,
e-mails, descriptions); a whole session runs with every kind of order and outcome; then
every frame any viewer received, the public archive and everything the server printed on
stdout and stderr are scanned, and one canary anywhere fails the test. The same canaries
must be found in the protected archive: proof that the scan would have caught them.

Each citizen's own frames are scanned too: nobody receives another person's data.
"""

import json
import secrets

from conftest import STOP_TIMEOUT
from test_session import (COLONIAS, NOTICE_VERSION, Client, official, open_session, run, viewer,
                          wait_for_archive)

FIRST_NAMES = ["María José", "Íñigo", "Guadalupe", "Ángel", "Xóchitl", "Citlali", "Ramón", "Begoña"]
LAST_NAMES = ["Peña", "Sánchez", "Gómez", "Ordóñez", "Núñez", "Zúñiga", "Álvarez", "Muñoz"]


class Canary:
    """One citizen's personal data, random and unique: each value carries an ASCII marker as
    well as accents, so a leak is found whether or not an encoder escaped the accents."""

    def __init__(self, service_id: str, colonia_id: str):
        marker = secrets.token_hex(5)
        self.name = f"{secrets.choice(FIRST_NAMES)} {secrets.choice(LAST_NAMES)} Q{marker}"
        self.phone = f"722 {secrets.randbelow(900) + 100} {secrets.randbelow(9000) + 1000}"
        self.email = f"c{secrets.token_hex(4)}@correo-{secrets.token_hex(2)}.mx"
        self.description = (f"Mi vecino de la calle {secrets.token_hex(3)} me pidió reportarlo; "
                            f"clave catastral {secrets.randbelow(10 ** 9):09d} ({marker}d)")
        self.service_id = service_id
        self.colonia_id = colonia_id

    @property
    def contact(self) -> str:
        return f"{self.phone} · {self.email}"

    @property
    def values(self) -> dict[str, str]:
        """Every canary string, and the parts of it a leak could carry alone."""
        return {"name": self.name, "name marker": self.name.split()[-1], "phone": self.phone,
                "email": self.email, "description": self.description,
                "description marker": self.description.split("(")[-1].rstrip(")")}

    def checkin(self) -> dict:
        return {"type": "checkin", "ref": Client.next_ref("c"),
                "consent": {"accepted": True, "noticeVersion": NOTICE_VERSION},
                "name": self.name, "coloniaId": self.colonia_id, "contact": self.contact,
                "serviceId": self.service_id, "description": self.description}


def leaks(text: str, canaries: list[Canary]) -> list[str]:
    """The canaries found in `text`, read as it is and with JSON escapes undone."""
    readings = [text]
    try:
        readings.append(json.dumps(json.loads(text), ensure_ascii=False))
    except ValueError:
        pass
    return [f"{what} {value!r}" for canary in canaries for what, value in canary.values.items()
            if any(value in reading for reading in readings)]


def test_no_canary_reaches_the_public_or_the_logs(server):
    run(canary_session(server), timeout=90)


async def canary_session(server):
    watchers = [(await viewer(server, f"viewer{n}"))[0] for n in range(2)]
    moderator = await official(server, "moderacion")
    water = await official(server, "dir-agua")
    works = await official(server, "dir-obras-publicas")
    mayor = await official(server, "presidenta")
    await open_session(moderator)

    services = ["agua-fuga", "bacheo", "agua-drenaje", "obras-banquetas", "agua-falta", "bacheo"]
    canaries = [Canary(service, secrets.choice(COLONIAS)) for service in services]
    citizens: list[Client] = []
    folios: list[str] = []
    for number, canary in enumerate(canaries, start=1):
        client = await Client.connect(server, f"citizen{number}")
        await client.send({"type": "hello", "role": "citizen"})
        await client.expect("welcome")
        await client.send(canary.checkin())
        folios.append((await client.expect("checkin.accepted"))["folio"])
        citizens.append(client)

    # A viewer that drops and comes back from where it was.
    dropped, snapshot = await viewer(server, "dropped")
    last_seq = snapshot["seq"]
    epoch = snapshot["epoch"]
    await dropped.close()

    # The moderator's hold on the queue: a priority case first, a petition handed to Agua.
    await moderator.request({"type": "queue.move", "folio": folios[4], "position": 1})
    await moderator.request({"type": "queue.transfer", "folio": folios[3], "departmentId": "agua"})
    # 5 (agua) answered now.
    await moderator.request({"type": "queue.callNext"})
    await water.expect("floor.brief", lambda m: m["petition"]["folio"] == folios[4])
    await water.request({"type": "outcome.record", "folio": folios[4], "outcome": "answered_now",
                         "answer": "Se atiende hoy mismo."})
    # 1 (agua) in process.
    await moderator.request({"type": "queue.callNext"})
    await water.request({"type": "outcome.record", "folio": folios[0], "outcome": "in_process",
                         "commitment": "Revisión de la red", "dueDate": "2099-12-31"})

    back = await Client.connect(server, "dropped-again")
    await back.send({"type": "hello", "role": "viewer", "epoch": epoch, "seq": last_seq})
    await back.expect("feed.resumed")
    watchers.append(back)

    # 2 (obras) transferred to Agua from the floor, then the mayor takes it and answers.
    await moderator.request({"type": "queue.callNext"})
    await works.request({"type": "outcome.record", "folio": folios[1], "outcome": "transferred",
                         "departmentId": "agua"})
    await moderator.request({"type": "queue.callNext"})
    await mayor.request({"type": "floor.take"})
    await mayor.request({"type": "outcome.record", "folio": folios[1], "outcome": "answered_now",
                         "answer": "Lo resuelve la presidencia."})
    # 3 (agua) does not come; 6 leaves; an announcement; 4 is carried forward at the close.
    await moderator.request({"type": "queue.callNext"})
    await moderator.request({"type": "queue.noShow", "folio": folios[2]})
    await citizens[5].send({"type": "leave"})
    await citizens[5].expect("guidance", lambda m: m.get("key") == "left")
    await moderator.request({"type": "announce", "text": "Gracias por participar."})
    await moderator.request({"type": "session.close"})

    late, _ = await viewer(server, "late")
    watchers.append(late)
    for client in watchers + citizens:
        await client.drain()
    public, protected = await wait_for_archive(server.data_dir)
    for client in watchers + citizens + [moderator, water, works, mayor]:
        await client.close()

    server.terminate()
    assert server.wait_exit(STOP_TIMEOUT) == 0, server.stderr_tail()
    stdout = server.stdout_text()
    stderr = server.stderr_path.read_text("utf-8", errors="replace")
    assert "escuchando" in stdout and "archivada" in stderr, "the scan reads the real output"

    # The public side: every viewer frame, the public archive, the server's output.
    frames = [raw for client in watchers + [dropped] for raw, _ in client.frames]
    assert len(frames) >= 60, f"the viewers saw the whole session ({len(frames)} frames)"
    found = [f"viewer frame: {leak}" for raw in frames for leak in leaks(raw, canaries)]
    found += [f"public archive: {leak}" for leak in leaks(public.read_text("utf-8"), canaries)]
    found += [f"stdout: {leak}" for leak in leaks(stdout, canaries)]
    found += [f"stderr: {leak}" for leak in leaks(stderr, canaries)]
    assert not found, "personal data reached the public or the logs:\n" + "\n".join(found[:20])

    # Nobody receives another person's data.
    for number, client in enumerate(citizens):
        others = [canary for index, canary in enumerate(canaries) if index != number]
        crossed = [leak for raw, _ in client.frames for leak in leaks(raw, others)]
        assert not crossed, f"citizen {number + 1} received others' data: {crossed[:5]}"

    # The protected archive holds every canary: the scan looks for the right things.
    record = protected.read_text("utf-8")
    for canary in canaries:
        missing = [what for what, value in canary.values.items() if not leaks_one(record, value)]
        assert not missing, f"the protected archive lacks {missing} of {canary.name!r}"


def leaks_one(text: str, value: str) -> bool:
    return value in text or value in json.dumps(json.loads(text), ensure_ascii=False)
