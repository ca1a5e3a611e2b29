"""Fixtures for the browser tests: the real `audiencia` binary (started with the helpers of
Tests/e2e/conftest.py) and headless Chromium driven by Selenium.

Every browser window gets its own profile in a scratch folder; every page's console is
collected and a SEVERE entry fails the test (see `Browsers.check_console`).
"""

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

# The e2e helpers (start_server, RestartableServer, ...) under a name of their own, so that
# this conftest and Tests/e2e/conftest.py never shadow each other as `conftest`.
_E2E_CONFTEST = Path(__file__).resolve().parents[1] / "e2e" / "conftest.py"
_spec = importlib.util.spec_from_file_location("audiencia_e2e_helpers", _E2E_CONFTEST)
e2e = importlib.util.module_from_spec(_spec)
sys.modules["audiencia_e2e_helpers"] = e2e
_spec.loader.exec_module(e2e)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import Browsers, SCREENSHOT_DIR  # noqa: E402

CHROMIUM = os.environ.get("AUDIENCIA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("AUDIENCIA_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def browser_scratch(tmp_path_factory):
    """A scratch HOME for Chromium: TMPDIR and the XDG folders point here for the run."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} not found: run scripts/setup.sh (installs chromium and "
                        f"chromium-driver)")
    scratch = tmp_path_factory.mktemp("chromium")
    saved = {key: os.environ.get(key) for key in ("TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    for key, sub in (("TMPDIR", "tmp"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        (scratch / sub).mkdir()
        os.environ[key] = str(scratch / sub)
    try:
        yield scratch
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def browsers(browser_scratch, request):
    """`browsers.open(width, height, name)` starts a headless Chromium window. On teardown
    every window is closed; console errors not yet checked fail the test."""
    pool = Browsers(browser_scratch, CHROMIUM, CHROMEDRIVER, request.node.name)
    try:
        yield pool
    finally:
        problems = pool.close_all()
    if problems:
        pytest.fail("browser console errors:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def server(tmp_path):
    """A running server for one test (SIGTERM at the end; must exit 0)."""
    running = e2e.start_server(tmp_path)
    try:
        yield running
    finally:
        running.terminate()
        code = running.wait_exit(e2e.STOP_TIMEOUT)
        assert code == 0, f"server exited with {code}\nstderr:\n{running.stderr_tail()}"


@pytest.fixture
def restartable_server(tmp_path):
    """A server that can be stopped and started again on the same port and data folder."""
    running = e2e.RestartableServer(tmp_path / "restartable")
    try:
        yield running
    finally:
        running.kill_all()


def pytest_sessionstart(session):
    """pytest imports every conftest.py as the module `conftest`, the last one loaded winning;
    the e2e tests do `from conftest import …`, so when both folders run in one session that
    name must go on meaning the e2e helpers (set once all conftests are loaded)."""
    sys.modules["conftest"] = e2e


def pytest_report_header(config):
    return f"browser screenshots: {SCREENSHOT_DIR}"
