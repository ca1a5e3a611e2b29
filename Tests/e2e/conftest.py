"""Fixtures for the end-to-end tests: the real `audiencia` binary on a loopback port.

Each test gets its own server process and its own temporary data folder, so tests never
share a session, a folio counter or a signing secret.
"""

import dataclasses
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
URL_LINE = re.compile(r"https?://127\.0\.0\.1:(\d+)")


def audiencia_bin() -> Path:
    """AUDIENCIA_BIN if set (relative paths are taken from the repository root)."""
    configured = os.environ.get("AUDIENCIA_BIN")
    path = Path(configured) if configured else Path(".build/debug/audiencia")
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


@dataclasses.dataclass
class Server:
    """A running server: where it listens, its data folder, and how to get officials' tokens."""

    port: int
    data_dir: Path
    process: subprocess.Popen
    stderr_path: Path
    token: Callable[[str], str] = dataclasses.field(repr=False, default=None)
    tls: bool = False
    # Everything the server printed on stdout, the URL line included (see stdout_text).
    stdout: "queue.Queue[Optional[str]]" = dataclasses.field(repr=False, default=None)
    stdout_seen: list = dataclasses.field(repr=False, default_factory=list)

    def __iter__(self):
        """`port, data_dir, token = server` also works."""
        return iter((self.port, self.data_dir, self.token))

    @property
    def ws_url(self) -> str:
        return f"{'wss' if self.tls else 'ws'}://{HOST}:{self.port}/ws"

    @property
    def http_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{HOST}:{self.port}"

    def stdout_text(self) -> str:
        """What the server printed on stdout so far (all of it once it has exited)."""
        while self.stdout is not None:
            try:
                line = self.stdout.get_nowait()
            except queue.Empty:
                break
            if line is None:
                self.stdout = None
                break
            self.stdout_seen.append(line)
        return "".join(self.stdout_seen)

    def terminate(self) -> None:
        """Sends SIGTERM if still running; the server should close every socket with 1001 and
        exit 0."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait_exit(self, timeout: float = STOP_TIMEOUT) -> Optional[int]:
        """Exit code, or None if the process did not exit within `timeout` (it is then killed)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            return None

    def stderr_tail(self, limit: int = 4000) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")[-limit:]
        except OSError:
            return ""


def _read_lines(stream, lines: "queue.Queue[Optional[str]]") -> None:
    """Pumps the server's stdout into a queue (and keeps the pipe from filling up)."""
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


def start_server(work_dir: Path, data_dir: Optional[Path] = None,
                 stderr_name: str = "server.stderr", port: int = 0,
                 extra_args: Sequence[str] = ()) -> Server:
    """Starts `audiencia serve` on a free loopback port (or on `port`) with a data folder in
    `work_dir` (or `data_dir`), and returns once it has printed its URL (at most START_TIMEOUT
    seconds)."""
    binary = audiencia_bin()
    if not binary.is_file():
        pytest.fail(f"server binary not found at {binary}: run `swift build` first "
                    f"or set AUDIENCIA_BIN")
    work_dir.mkdir(parents=True, exist_ok=True)
    data_dir = data_dir if data_dir is not None else work_dir / "data"
    stderr_path = work_dir / stderr_name
    with open(stderr_path, "w") as stderr_file:
        process = subprocess.Popen(
            [str(binary), "serve", "--host", HOST, "--port", str(port), "--seeds", "./seeds",
             "--data", str(data_dir), "--web", "./web", *extra_args],
            cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=stderr_file, text=True, encoding="utf-8", errors="replace")
    lines: "queue.Queue[Optional[str]]" = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()

    stdout_seen = []
    port = None
    deadline = time.monotonic() + START_TIMEOUT
    while port is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            break
        if line is None:  # stdout closed: the server died
            break
        stdout_seen.append(line)
        match = URL_LINE.search(line)
        if match:
            port = int(match.group(1))
    if port is None:
        process.kill()
        process.wait(timeout=5)
        pytest.fail("server did not print its URL within %.0f s (exit code %s)\nstdout:\n%s\nstderr:\n%s"
                    % (START_TIMEOUT, process.returncode, "".join(stdout_seen),
                       stderr_path.read_text(errors="replace")[-4000:]))

    tokens = {}

    def token(official_id: str) -> str:
        """A 1-hour token for `official_id`, signed with this data folder's secret."""
        if official_id not in tokens:
            result = subprocess.run(
                [str(binary), "token", "issue", "--official", official_id, "--seeds", "./seeds",
                 "--data", str(data_dir), "--hours", "1"],
                cwd=REPO_ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                timeout=20)
            assert result.returncode == 0, (
                f"token issue --official {official_id} failed ({result.returncode}): {result.stderr}")
            printed = result.stdout.strip()
            assert printed, f"token issue --official {official_id} printed nothing"
            tokens[official_id] = printed.splitlines()[-1].strip()
        return tokens[official_id]

    return Server(port=port, data_dir=data_dir, process=process, stderr_path=stderr_path,
                  token=token, tls="--tls-cert" in extra_args, stdout=lines, stdout_seen=stdout_seen)


@pytest.fixture
def server(tmp_path: Path):
    """Yields a running server (port, data_dir, token(official_id), ...); on teardown sends
    SIGTERM, waits at most STOP_TIMEOUT seconds (then SIGKILL) and asserts exit code 0."""
    running = start_server(tmp_path)
    try:
        yield running
    finally:
        running.terminate()
        code = running.wait_exit(STOP_TIMEOUT)
        assert code is not None, (
            f"server did not exit within {STOP_TIMEOUT:.0f} s of SIGTERM (killed)\n"
            f"stderr:\n{running.stderr_tail()}")
        assert code == 0, f"server exited with {code} after SIGTERM\nstderr:\n{running.stderr_tail()}"


class RestartableServer:
    """A server that can be killed with SIGKILL and started again on the same data folder
    (on a new port). `ws_url`, `port`, `data_dir` and `token` always refer to the current run;
    tokens stay valid across restarts (the signing secret lives in the data folder)."""

    def __init__(self, work_dir: Path, extra_args: Sequence[str] = ()):
        self.work_dir = work_dir
        self.extra_args = tuple(extra_args)
        self.runs: list[Server] = [start_server(work_dir, stderr_name="server.0.stderr",
                                                extra_args=self.extra_args)]
        self.data_dir = self.runs[0].data_dir
        self.token = self.runs[0].token

    @property
    def current(self) -> Server:
        return self.runs[-1]

    @property
    def port(self) -> int:
        return self.current.port

    @property
    def ws_url(self) -> str:
        return self.current.ws_url

    @property
    def http_url(self) -> str:
        return self.current.http_url

    @property
    def journal(self) -> Path:
        return self.data_dir / "journal.jsonl"

    def kill9(self) -> None:
        """SIGKILL now, then waits (bounded) until the process is gone."""
        process = self.current.process
        assert process.poll() is None, (
            f"server already exited with {process.returncode} before the kill\n"
            f"stderr:\n{self.current.stderr_tail()}")
        os.kill(process.pid, signal.SIGKILL)
        code = process.wait(timeout=STOP_TIMEOUT)
        assert code == -signal.SIGKILL, f"killed server exited with {code}"

    def restart(self, same_port: bool = False) -> Server:
        """Starts a new process on the same data folder (the previous one must be gone), on a
        new port or, with `same_port`, on the port of the previous run (what a browser page
        reconnects to)."""
        assert self.current.process.poll() is not None, "restart() while the server still runs"
        self.runs.append(start_server(self.work_dir, data_dir=self.data_dir,
                                      stderr_name=f"server.{len(self.runs)}.stderr",
                                      port=self.port if same_port else 0, extra_args=self.extra_args))
        return self.current

    def stop(self) -> None:
        """SIGTERM; the server must exit 0 within STOP_TIMEOUT seconds."""
        self.current.terminate()
        code = self.current.wait_exit(STOP_TIMEOUT)
        assert code is not None, (f"server did not exit within {STOP_TIMEOUT:.0f} s of SIGTERM "
                                  f"(killed)\nstderr:\n{self.current.stderr_tail()}")
        assert code == 0, f"server exited with {code} after SIGTERM\nstderr:\n{self.current.stderr_tail()}"

    def stderr_tails(self, limit: int = 2000) -> str:
        return "\n".join(f"--- run {index} stderr ---\n{run.stderr_tail(limit)}"
                         for index, run in enumerate(self.runs))

    def kill_all(self) -> None:
        """Teardown: no process of this server outlives the test."""
        for run in self.runs:
            if run.process.poll() is None:
                run.process.kill()
                try:
                    run.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass


@pytest.fixture
def restartable_servers(tmp_path: Path):
    """A factory: `restartable_servers(name)` starts a RestartableServer in its own folder
    under tmp_path. Whatever is still running at teardown is killed."""
    started: list[RestartableServer] = []

    def make(name: str, extra_args: Sequence[str] = ()) -> RestartableServer:
        started.append(RestartableServer(tmp_path / name, extra_args))
        return started[-1]

    try:
        yield make
    finally:
        for server in started:
            server.kill_all()


def pytest_report_header(config):
    return f"audiencia binary: {audiencia_bin()} (python {sys.version.split()[0]})"
