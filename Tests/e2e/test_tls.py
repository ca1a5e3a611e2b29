"""TLS: `audiencia serve --tls-cert --tls-key` serves the pages over HTTPS and the protocol
over WSS, on the one port, and refuses files it cannot use with a message that names them.

The certificate is self-signed for 127.0.0.1, made with the `openssl` CLI in the test's
temporary folder, and the clients trust exactly that certificate.
"""

import asyncio
import json
import ssl
import subprocess
import urllib.request
from pathlib import Path

import pytest
import websockets

from conftest import REPO_ROOT, STOP_TIMEOUT, audiencia_bin, start_server

SUBPROTOCOL = "audiencia.v1"
TIMEOUT = 5.0


def make_certificate(folder: Path, name: str = "server") -> tuple[Path, Path]:
    certificate, key = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True, timeout=60)
    return certificate, key


@pytest.fixture
def tls_server(tmp_path: Path):
    certificate, key = make_certificate(tmp_path)
    running = start_server(tmp_path, extra_args=["--tls-cert", str(certificate), "--tls-key", str(key)])
    context = ssl.create_default_context(cafile=str(certificate))
    try:
        yield running, context
    finally:
        running.terminate()
        assert running.wait_exit(STOP_TIMEOUT) == 0, running.stderr_tail()


async def receive(ws, type_: str) -> dict:
    for _ in range(50):
        message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        if message["type"] == type_:
            return message
    raise AssertionError(f"no {type_}")


def test_pages_over_https_and_the_protocol_over_wss(tls_server):
    server, context = tls_server
    assert server.ws_url.startswith("wss://") and server.http_url.startswith("https://")
    assert "https://127.0.0.1:" in server.stdout_text() and "wss://127.0.0.1:" in server.stdout_text()

    with urllib.request.urlopen(server.http_url + "/publico.html", context=context, timeout=TIMEOUT) as page:
        assert page.status == 200
        assert "<html" in page.read().decode("utf-8").lower()

    async def session() -> None:
        async with websockets.connect(server.ws_url, ssl=context, subprotocols=[SUBPROTOCOL],
                                      open_timeout=TIMEOUT, close_timeout=2) as viewer, \
                websockets.connect(server.ws_url, ssl=context, subprotocols=[SUBPROTOCOL],
                                   open_timeout=TIMEOUT, close_timeout=2) as moderator:
            await viewer.send(json.dumps({"type": "hello", "role": "viewer"}))
            await receive(viewer, "feed.snapshot")
            await moderator.send(json.dumps({"type": "hello", "role": "official",
                                             "token": server.token("moderacion")}))
            await receive(moderator, "console")
            await moderator.send(json.dumps({"type": "announce", "text": "Prueba cifrada", "ref": "a1"}))
            assert (await receive(moderator, "ok"))["ref"] == "a1"
            event = await receive(viewer, "feed.event")
            assert event["entry"]["text"] == "Prueba cifrada"

    asyncio.run(asyncio.wait_for(session(), 20))


def test_a_client_that_does_not_trust_the_certificate_is_not_served(tls_server):
    server, _ = tls_server
    stranger = ssl.create_default_context()  # the system's authorities only

    async def attempt() -> None:
        with pytest.raises(ssl.SSLCertVerificationError):
            await websockets.connect(server.ws_url, ssl=stranger, subprotocols=[SUBPROTOCOL],
                                     open_timeout=TIMEOUT)
        # Nor does plain WebSocket reach the hearing on the TLS port.
        with pytest.raises((websockets.WebSocketException, OSError, asyncio.TimeoutError)):
            await websockets.connect(f"ws://127.0.0.1:{server.port}/ws", subprotocols=[SUBPROTOCOL],
                                     open_timeout=TIMEOUT)

    asyncio.run(asyncio.wait_for(attempt(), 20))


@pytest.mark.parametrize("case", ["cert only", "missing cert", "key as cert", "cert as key", "other key"])
def test_unusable_tls_files_are_refused_by_name(tmp_path: Path, case: str):
    certificate, key = make_certificate(tmp_path)
    _, other_key = make_certificate(tmp_path, "other")
    missing = tmp_path / "no-such.crt"
    args, named = {
        "cert only": (["--tls-cert", str(certificate)], "--tls-key"),
        "missing cert": (["--tls-cert", str(missing), "--tls-key", str(key)], str(missing)),
        "key as cert": (["--tls-cert", str(key), "--tls-key", str(key)], str(key)),
        "cert as key": (["--tls-cert", str(certificate), "--tls-key", str(certificate)], str(certificate)),
        "other key": (["--tls-cert", str(certificate), "--tls-key", str(other_key)], str(other_key)),
    }[case]
    result = subprocess.run(
        [str(audiencia_bin()), "serve", "--host", "127.0.0.1", "--port", "0", "--data", str(tmp_path / "data"),
         *args],
        cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0, result.stdout
    assert "escuchando" not in result.stdout
    assert named in result.stderr, result.stderr
