"""The permanent channel on the pages: with no session open, the citizen page sends the
petition to the channel and shows it on the folio page; the director's console shows the
backlog and moves the petition on, and the citizen's open page changes at once; anyone with
only the folio sees the status without the notes."""

import json
import re
import time
from contextlib import contextmanager

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from pages import WAIT, FOLIO, console_sign_in, wait, horizontal_overflow, screenshot, wait_clickable, wait_text, wait_visible


@contextmanager
def official_ws(server, official: str):
    """A signed-in official's WebSocket, for the length of a `with` block."""
    from websockets.sync.client import connect

    with connect(server.ws_url, subprotocols=["audiencia.v1"], open_timeout=WAIT) as ws:
        ws.send(json.dumps({"type": "hello", "role": "official", "token": server.token(official)}))
        yield ws


def until(ws, predicate, what: str) -> dict:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        msg = json.loads(ws.recv(timeout=WAIT))
        if msg["type"] == "error":
            raise AssertionError(f"{what}: {msg}")
        if predicate(msg):
            return msg
    raise AssertionError(f"no {what}")


def close_any_session(server) -> None:
    """Inside the real schedule (a Tuesday morning) the schedule opens a session: close it, so
    the page offers the permanent channel whatever the day."""
    with official_ws(server, "moderacion") as ws:
        console = until(ws, lambda m: m["type"] == "console", "console")
        if console["session"]["phase"] != "closed":
            ws.send(json.dumps({"type": "session.close", "ref": "close"}))
            until(ws, lambda m: m["type"] == "ok" and m.get("ref") == "close", "ok for session.close")


def test_a_petition_sent_outside_the_hearing_is_followed_on_the_folio_page(server, browsers):
    close_any_session(server)
    phone = browsers.open(360, 800, "ciudadana")
    phone.get(f"{server.http_url}/ciudadano.html")
    wait_text(phone, "session-detail", "atención ciudadana permanente")
    phone.find_element(By.ID, "consent").click()
    wait_visible(phone, "step-form")
    phone.find_element(By.ID, "name").send_keys("Rosa Martínez")
    Select(phone.find_element(By.ID, "colonia")).select_by_value("casa-blanca")
    Select(phone.find_element(By.ID, "service")).select_by_value("agua-fuga")
    phone.find_element(By.ID, "description").send_keys("Fuga en la banqueta desde ayer.")
    submit = wait_clickable(phone, "submit")
    assert submit.text == "Enviar mi petición"
    submit.click()

    folio = wait_text(phone, "status-folio", FOLIO)
    assert re.search(r"/folio\.html\?folio=AUD-", phone.current_url)
    wait_text(phone, "status-label", "Recibida")
    wait_text(phone, "status-department", "Agua Potable")
    wait_text(phone, "status-colonia", "Casa Blanca")
    wait_text(phone, "status-next", "la revisará")
    assert not phone.find_element(By.ID, "status-private").is_displayed()
    assert phone.find_element(By.ID, "code-input").get_attribute("value"), "the code is kept on this device"

    # The director sees it in the console's backlog and takes it up there: the citizen's open
    # page changes by itself, with the commitment.
    console = browsers.open(1280, 900, "consola-agua")
    console_sign_in(console, server.http_url, server.token("dir-agua"), "Dirección")
    wait_visible(console, "backlog-section")
    wait_text(console, "backlog", folio)
    wait_text(console, "backlog", "Rosa Martínez")
    Select(console.find_element(By.ID, "backlog-folio")).select_by_value(folio)
    Select(console.find_element(By.ID, "backlog-status")).select_by_value("in_process")
    console.find_element(By.ID, "backlog-text").send_keys("Cuadrilla el martes por la mañana")
    console.execute_script("document.getElementById('backlog-due').value = '2099-12-01'")
    console.find_element(By.ID, "backlog-submit").click()
    wait_text(console, "status-area", f"folio {folio} actualizado")
    wait_text(console, "backlog", "Cuadrilla el martes por la mañana")
    screenshot(console, "consola-atencion-permanente-1280")
    wait_text(phone, "status-label", "En proceso")
    wait_text(phone, "status-next", "Cuadrilla el martes por la mañana")
    wait_text(phone, "status-history", "Cuadrilla el martes por la mañana")
    screenshot(phone, "folio-ciudadana-360")
    assert horizontal_overflow(phone) == 0
    browsers.assert_console_clean()

    # «Mis datos» on the folio page: the citizen sees what is held, then cancels it; the
    # petition goes on under its folio.
    phone.find_element(By.CSS_SELECTOR, "#arco summary").click()
    phone.find_element(By.ID, "arco-export").click()
    wait_text(phone, "arco-data", "Rosa Martínez")
    wait_text(phone, "arco-data", "Cuadrilla el martes por la mañana")
    screenshot(phone, "folio-mis-datos-360")
    phone.find_element(By.ID, "arco-cancel").click()
    wait(phone, EC.alert_is_present(), "no confirmation before cancelling")
    phone.switch_to.alert.accept()
    wait_text(phone, "arco-status", "se cancelaron")
    wait_text(phone, "arco-data", "Cancelado")
    assert "Rosa Martínez" not in phone.find_element(By.ID, "arco-data").text
    wait_text(phone, "status-label", "En proceso")
    assert horizontal_overflow(phone) == 0
    browsers.assert_console_clean()

    # Someone else with only the folio: the status, never the notes.
    other = browsers.open(1280, 900, "otra-persona")
    other.get(f"{server.http_url}/folio.html?folio={folio}")
    wait_text(other, "status-label", "En proceso")
    wait_visible(other, "status-private")
    history = other.find_element(By.ID, "status-history").text
    assert "Cuadrilla" not in history and "Rosa" not in other.page_source
    assert "Cuadrilla" not in other.find_element(By.ID, "status-next").text
    screenshot(other, "folio-sin-codigo-1280")

    # A folio that does not exist is said so.
    other.find_element(By.ID, "folio-input").clear()
    other.find_element(By.ID, "folio-input").send_keys("AUD-2026-999999")
    other.find_element(By.ID, "query-submit").click()
    wait_text(other, "query-error", "No encontramos ese folio")
    browsers.assert_console_clean()


def test_a_citizen_still_on_the_page_after_the_close_sees_the_follow_up(server, browsers):
    from pages import citizen_check_in, open_session_ws

    open_session_ws(server)
    phone = browsers.open(360, 800, "ciudadano-audiencia")
    receipt = citizen_check_in(phone, server.http_url, "Mario Gómez", "barrio-de-san-mateo", "bacheo",
                               "Bache frente a la escuela.")
    with official_ws(server, "moderacion") as moderator:
        until(moderator, lambda m: m["type"] == "console", "console")
        moderator.send(json.dumps({"type": "session.close", "ref": "close"}))
        until(moderator, lambda m: m["type"] == "ok" and m.get("ref") == "close", "ok for session.close")
    wait_text(phone, "outcome-title", "Canalizada a atención permanente")

    with official_ws(server, "dir-obras-publicas") as works:
        until(works, lambda m: m["type"] == "console", "console")
        works.send(json.dumps({"type": "petition.update", "ref": "u", "folio": receipt["folio"],
                               "status": "in_process", "commitment": "Bacheo el jueves", "dueDate": "2099-12-01"}))
        until(works, lambda m: m["type"] == "ok" and m.get("ref") == "u", "ok for petition.update")
    wait_text(phone, "outcome-title", "En proceso")
    wait_text(phone, "prompt", "Bacheo el jueves")

    # After a reload the page resumes the turn and asks the channel where it stands.
    phone.refresh()
    wait_text(phone, "folio", receipt["folio"])
    wait_text(phone, "outcome-title", "En proceso")
    wait_text(phone, "prompt", "Bacheo el jueves")
    screenshot(phone, "seguimiento-tras-audiencia-360")
    browsers.assert_console_clean()
