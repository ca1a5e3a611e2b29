"""`audiencia token revoke` from the command line, against a running server: the console
using a revoked token is closed with 4005 without a restart, and the token is refused at
`hello`. Bad invocations are refused with a message and change nothing."""

import asyncio
import json
import re
import stat
import subprocess

import websockets

from conftest import REPO_ROOT, audiencia_bin
from test_session import Client, run

ISSUED = re.compile(r"Credencial ([A-Za-z0-9_-]+) para ")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(audiencia_bin()), "token", *args], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=30)


def issue(data_dir, official: str) -> tuple[str, str]:
    result = cli("issue", "--official", official, "--seeds", "./seeds", "--data", str(data_dir), "--hours", "1")
    assert result.returncode == 0, result.stderr
    match = ISSUED.search(result.stderr)
    assert match, f"token issue names the token's id on stderr: {result.stderr!r}"
    return result.stdout.strip(), match.group(1)


async def console(server, token: str) -> Client:
    client = await Client.connect(server, "console")
    await client.send({"type": "hello", "role": "official", "token": token})
    await client.expect("console")
    return client


async def closed_with(client: Client) -> tuple[int, list[str]]:
    """The close code the server sent, and the error codes that came before it."""
    codes = []
    try:
        for _ in range(100):
            codes.append(json.loads(await asyncio.wait_for(client.ws.recv(), 5)).get("code"))
    except websockets.ConnectionClosed as closed:
        return (closed.rcvd.code if closed.rcvd else -1), [c for c in codes if c]
    raise AssertionError("still open")


def test_revoking_by_id_and_by_official_closes_the_consoles_of_a_running_server(server):
    token, token_id = issue(server.data_dir, "dir-agua")
    other, _ = issue(server.data_dir, "dir-agua")
    works, _ = issue(server.data_dir, "dir-obras-publicas")

    async def scenario() -> None:
        water = await console(server, token)
        water_too = await console(server, other)
        public_works = await console(server, works)

        result = cli("revoke", "--id", token_id, "--data", str(server.data_dir))
        assert result.returncode == 0 and token_id in result.stdout, result
        assert await closed_with(water) == (4005, ["token_revoked"])
        refused = await Client.connect(server, "again")
        await refused.send({"type": "hello", "role": "official", "token": token})
        await refused.expect_error("token_revoked")
        await water_too.ping()

        result = cli("revoke", "--official", "dir-obras-publicas", "--seeds", "./seeds",
                     "--data", str(server.data_dir))
        assert result.returncode == 0, result
        assert await closed_with(public_works) == (4005, ["token_revoked"])
        await water_too.ping()
        fresh, _ = issue(server.data_dir, "dir-obras-publicas")
        await (await console(server, fresh)).ping()

    run(scenario())
    revoked = server.data_dir / "revoked.json"
    assert stat.S_IMODE(revoked.stat().st_mode) == 0o600


def test_bad_invocations_are_refused_and_change_nothing(tmp_path):
    data = tmp_path / "data"
    token, _ = issue(data, "moderacion")
    for args, says in [
        ([], "exactamente uno"),
        (["--id", "abc", "--official", "moderacion"], "exactamente uno"),
        (["--official", "nadie", "--seeds", "./seeds"], "nadie"),
        (["--token", token[:-3] + "xyz"], "no es una credencial"),
        (["--id", "no es un id"], "no es un id"),
    ]:
        result = cli("revoke", *args, "--data", str(data))
        assert result.returncode != 0, (args, result.stdout)
        assert says in result.stderr, (args, result.stderr)
    assert not (data / "revoked.json").exists()
