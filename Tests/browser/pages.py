"""Helpers for the browser tests: windows, console logs, screenshots and the page steps a
person takes (accept the notice and check in, sign in to the console)."""

import base64
import json
import re
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"
WAIT = 20  # seconds, the most any single wait may take (CI machines are loaded)
FOLIO = re.compile(r"^AUD-\d{4}-\d{6}$")
WS_FAILURE = re.compile(r"WebSocket connection to '[^']*' failed")


class Browsers:
    """The Chromium windows of one test and their console logs."""

    def __init__(self, scratch: Path, chromium: str, chromedriver: str, test_name: str):
        self.scratch = scratch
        self.chromium = chromium
        self.chromedriver = chromedriver
        self.test_name = re.sub(r"[^\w.-]", "_", test_name)
        self.windows = []  # (name, driver)
        self.problems = []

    def open(self, width: int, height: int, name: str):
        options = webdriver.ChromeOptions()
        options.binary_location = self.chromium
        profile = self.scratch / f"profile-{self.test_name}-{name}-{len(self.windows)}"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", f"--window-size={width},{height}",
                     "--disable-gpu", "--lang=es-MX", "--no-first-run",
                     "--disable-background-networking"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # Leave any alert() open so that the XSS test can see it.
        options.unhandled_prompt_behavior = "ignore"
        service = Service(self.chromedriver, log_output=str(self.scratch / f"chromedriver-{self.test_name}.log"))
        driver = webdriver.Chrome(service=service, options=options)
        driver.set_page_load_timeout(WAIT)
        driver.set_window_size(width, height)
        self.windows.append((name, driver))
        return driver

    def check_console(self, allow_ws_failure: bool = False) -> list:
        """Drains every window's console; returns (and remembers) the SEVERE entries that are
        not a favicon miss (nor, with `allow_ws_failure`, a failed WebSocket connection)."""
        found = []
        for name, driver in self.windows:
            try:
                entries = driver.get_log("browser")
            except WebDriverException as error:
                found.append(f"[{name}] could not read the console: {error.msg}")
                continue
            for entry in entries:
                if entry.get("level") != "SEVERE":
                    continue
                message = entry.get("message", "")
                if "favicon" in message:
                    continue
                if allow_ws_failure and WS_FAILURE.search(message):
                    continue
                found.append(f"[{name}] {message}")
        self.problems.extend(found)
        return found

    def assert_console_clean(self, allow_ws_failure: bool = False) -> None:
        found = self.check_console(allow_ws_failure)
        assert not found, "browser console errors:\n" + "\n".join(found)

    def close_all(self) -> list:
        """Quits every window; returns every console problem seen and not yet asserted."""
        try:
            self.check_console()
        except Exception:  # noqa: BLE001 (teardown must go on)
            pass
        for _, driver in self.windows:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001
                pass
        self.windows.clear()
        problems, self.problems = self.problems, []
        return problems


# --- waiting and reading -------------------------------------------------------------------

def wait(driver, condition, message: str, timeout: float = WAIT):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition, message)


def text_of(driver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def wait_text(driver, element_id: str, wanted, timeout: float = WAIT) -> str:
    """Waits until the visible text of #element_id contains `wanted` (a string) or matches it
    (a compiled regex); returns the text."""
    def check(d):
        try:
            text = d.find_element(By.ID, element_id).text
        except WebDriverException:
            return False
        ok = wanted.search(text) if isinstance(wanted, re.Pattern) else wanted in text
        return text if ok else False
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(check)
    except Exception as error:
        try:
            now = driver.find_element(By.ID, element_id).text
        except WebDriverException:
            now = "<missing>"
        raise AssertionError(f"#{element_id} never showed {wanted!r} within {timeout} s; "
                             f"it shows {now!r}") from error


def wait_visible(driver, element_id: str):
    return wait(driver, EC.visibility_of_element_located((By.ID, element_id)),
                f"#{element_id} never became visible")


def wait_clickable(driver, element_id: str):
    return wait(driver, EC.element_to_be_clickable((By.ID, element_id)),
                f"#{element_id} never became clickable")


def assert_no_alert(driver) -> None:
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert is open: {alert.text!r}")


# --- screenshots ---------------------------------------------------------------------------

def screenshot(driver, name: str) -> Path:
    """Saves a full-page PNG under artifacts/screenshots/ and returns its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = driver.execute_script("return window.innerWidth")
    clip = {"x": 0, "y": 0, "width": max(width, size["width"]), "height": size["height"], "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip})
    path = SCREENSHOT_DIR / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def horizontal_overflow(driver) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return driver.execute_script(
        "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


# --- what people do on the pages -----------------------------------------------------------

def citizen_check_in(driver, base_url: str, name: str, colonia_id: str, service_id: str,
                     description: str, colonia_search: str = None) -> dict:
    """Opens the citizen page, accepts the notice, fills the form and waits for the turno and
    folio. Returns {"turno": ..., "folio": ...} as shown."""
    driver.get(f"{base_url}/ciudadano.html")
    wait_visible(driver, "step-consent")
    wait_text(driver, "privacy-text", "Metepec")
    driver.find_element(By.ID, "consent").click()
    wait_visible(driver, "step-form")
    driver.find_element(By.ID, "name").send_keys(name)
    if colonia_search:
        driver.find_element(By.ID, "colonia-filter").send_keys(colonia_search)
    colonia = Select(driver.find_element(By.ID, "colonia"))
    if colonia.first_selected_option.get_attribute("value") != colonia_id:
        colonia.select_by_value(colonia_id)
    Select(driver.find_element(By.ID, "service")).select_by_value(service_id)
    driver.find_element(By.ID, "description").send_keys(description)
    wait_clickable(driver, "submit").click()
    wait_visible(driver, "live")
    turno = wait_text(driver, "turno", re.compile(r"^\d+$"))
    folio = wait_text(driver, "folio", FOLIO)
    return {"turno": turno, "folio": folio}


def console_sign_in(driver, base_url: str, token: str, role_label: str) -> None:
    """Signs in to the officials' console and waits until it shows the room."""
    driver.get(f"{base_url}/consola.html")
    wait_visible(driver, "signin")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]").click()
    wait_visible(driver, "console")
    wait_text(driver, "who", role_label)
    wait_text(driver, "session-phase", re.compile(r"^(?!—)\S"))


def open_session_from_console(moderator) -> None:
    """Opens the session unless it is already live (inside the real schedule it may be)."""
    button = moderator.find_element(By.ID, "session-open")
    if button.is_enabled():
        button.click()
    wait_text(moderator, "session-phase", "vivo")  # phaseLabel('live')


def open_session_ws(server, official: str = "moderacion") -> None:
    """Opens the session over a plain WebSocket (faster than a console window)."""
    from websockets.sync.client import connect

    with connect(server.ws_url, subprotocols=["audiencia.v1"], open_timeout=WAIT) as ws:
        ws.send(json.dumps({"type": "hello", "role": "official", "token": server.token(official)}))
        deadline = time.monotonic() + WAIT
        sent = False
        while time.monotonic() < deadline:
            msg = json.loads(ws.recv(timeout=WAIT))
            if msg["type"] == "console" and not sent:
                if msg["session"]["phase"] == "live":
                    return
                ws.send(json.dumps({"type": "session.open", "ref": "open"}))
                sent = True
            elif msg["type"] == "ok" and msg.get("ref") == "open":
                return
            elif msg["type"] == "error":
                raise AssertionError(f"session.open refused: {msg}")
        raise AssertionError("session.open got no answer")
