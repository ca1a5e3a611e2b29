"""The officials' console: who is connected (`console.presence`) and the keyboard shortcuts,
which act like their buttons and stay quiet while someone types in a field."""

import json
import re
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import (WAIT, console_sign_in, open_session_ws, screenshot, wait, wait_text,
                   wait_visible)

MODERATOR = "Daniela Ortiz Velázquez"
DIRECTOR_AGUA = "Rodrigo Alcántara Nava"


def check_in_ws(server, name: str, service: str):
    """A citizen checked in over a plain WebSocket, left open; returns (socket, folio)."""
    from websockets.sync.client import connect

    ws = connect(server.ws_url, subprotocols=["audiencia.v1"], open_timeout=WAIT, legacy=True)
    ws.send(json.dumps({"type": "hello", "role": "citizen"}))
    ws.send(json.dumps({
        "type": "checkin", "ref": "c", "consent": {"accepted": True, "noticeVersion": "2026-01"},
        "name": name, "coloniaId": "barrio-de-san-mateo", "serviceId": service,
        "description": "Fuga de agua frente a la escuela primaria.",
    }))
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        msg = json.loads(ws.recv(timeout=WAIT))
        if msg["type"] == "checkin.accepted":
            return ws, msg["folio"]
        if msg["type"] == "error":
            raise AssertionError(f"check-in refused: {msg}")
    raise AssertionError("no checkin.accepted")


def press(driver, *keys) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def active_id(driver) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id || ''")


def test_presence_and_keyboard_shortcuts(server, browsers):
    base = server.http_url
    open_session_ws(server)
    citizen, folio = check_in_ws(server, "Lucía Hernández Mora", "agua-fuga")
    try:
        moderator = browsers.open(1280, 900, "moderacion")
        console_sign_in(moderator, base, server.token("moderacion"), "Moderación")
        wait_text(moderator, "presence-officials", MODERATOR)
        wait_text(moderator, "presence-citizens", "1 conexión")
        assert "(tú)" in moderator.find_element(By.ID, "presence-officials").text

        director = browsers.open(1280, 900, "dir-agua")
        console_sign_in(director, base, server.token("dir-agua"), DIRECTOR_AGUA)
        wait_text(moderator, "presence-officials", DIRECTOR_AGUA)
        wait_text(moderator, "presence-officials", "Agua Potable")
        wait_text(director, "presence-officials", MODERATOR)

        # The list on the page is the moderator's: no mayor-only or recorder-only keys shown.
        keys = moderator.find_element(By.ID, "shortcut-list").text
        assert "N Llamar siguiente" in keys and "V Escribir un aviso" in keys, keys
        assert "Tomar la palabra" not in keys and "atendida de inmediato" not in keys, keys
        assert moderator.find_element(By.ID, "call-next").get_attribute("aria-keyshortcuts") == "N"
        screenshot(moderator, "consola-conectados-1280")

        # V opens the announcement box; typing there (N included) calls no one.
        press(moderator, "v")
        wait(moderator, lambda d: active_id(d) == "announce-text", "V did not focus the announcement")
        press(moderator, "Nos vemos en el módulo n")
        assert moderator.find_element(By.ID, "announce-text").get_attribute("value") == "Nos vemos en el módulo n"
        moderator.find_element(By.CSS_SELECTOR, "#announce-form button[type=submit]").click()
        wait_text(moderator, "announcements", "Nos vemos en el módulo n")
        # The console message for the announcement came after any call the N could have sent.
        assert "Nadie tiene la palabra" in moderator.find_element(By.ID, "floor").text

        # Esc leaves a field; then N calls the next person, as the button does.
        press(moderator, "v")
        wait(moderator, lambda d: active_id(d) == "announce-text", "V did not focus the announcement")
        press(moderator, Keys.ESCAPE)
        wait(moderator, lambda d: active_id(d) != "announce-text", "Esc did not leave the field")
        press(moderator, "n")
        wait_text(moderator, "floor", folio)

        # The director on the floor: A picks "answered now" and focuses the answer; E, typed in
        # it, is text; after Esc, E switches to "in process".
        wait_visible(director, "outcome-form")
        press(director, "a")
        wait(director, lambda d: active_id(d) == "answer", "A did not focus the answer")
        press(director, "e")
        assert director.find_element(By.ID, "answer").get_attribute("value") == "e"
        press(director, Keys.ESCAPE, "e")
        wait(director, lambda d: active_id(d) == "commitment", "E did not open the commitment")
        assert director.find_element(By.CSS_SELECTOR, "input[value=in_process]").is_selected()

        # P (no-show) asks first, as the button does; accepting it frees the floor.
        press(moderator, "p")
        wait(moderator, lambda d: _alert_text(d), "P asked nothing")
        assert "no se presentó" in moderator.switch_to.alert.text
        moderator.switch_to.alert.accept()
        wait_text(moderator, "floor", "Nadie tiene la palabra")
        wait_text(moderator, "status-area", "no presentado")

        # A shortcut that cannot act now says so instead of doing nothing.
        press(moderator, "p")
        wait_text(moderator, "status-area", "no está disponible")
    finally:
        citizen.close()
    # The citizen left: the consoles' count drops.
    wait_text(moderator, "presence-citizens", re.compile(r"^0 conexiones$"))
    browsers.assert_console_clean()


def _alert_text(driver):
    try:
        return driver.switch_to.alert.text or True
    except Exception:  # noqa: BLE001 (no alert yet)
        return False
