"""The HTTP side of the threat model (docs/security.md): the file mounts serve web/ and the
full privacy notice, and nothing else of the machine, whatever path a client asks for."""

import http.client

from conftest import HOST

# Paths that try to climb out of web/ or seeds/aviso/ to the data folder (token secret,
# journal with personal data), the seeds or the system, plainly and percent-encoded.
ESCAPES = [
    "/../data/secret.key",
    "/../../etc/passwd",
    "/%2e%2e/data/journal.jsonl",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/aviso/../../seeds/officials.json",
    "/aviso/%2e%2e/officials.json",
    "/..%2f..%2fseeds/officials.json",
    "/./../data/secret.key",
    "//etc/passwd",
]


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """Sends `path` exactly as written (no client-side normalisation)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_paths_cannot_leave_the_mounts(server):
    # The server made its signing secret at start-up: the most valuable file to reach.
    secret = (server.data_dir / "secret.key").read_bytes().strip()
    assert secret, "the data folder has no secret to protect"
    leaked = []
    for path in ESCAPES:
        status, body = fetch(server.port, path)
        if status == 200 or secret in body or b"root:" in body or b"dir-agua" in body:
            leaked.append(f"{path}: HTTP {status}, {len(body)} bytes")
    assert not leaked, "a path outside the mounts was served:\n  " + "\n  ".join(leaked)
    # The mounts themselves still work, so the refusals above are not a dead server.
    assert fetch(server.port, "/publico.html")[0] == 200
    assert fetch(server.port, "/aviso/aviso-integral.html")[0] == 200
