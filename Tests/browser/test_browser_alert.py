"""The citizen's "you are next" alert: a short chime (Web Audio, once the page has been
touched) and a vibration, once per change of the turn's state, never in a loop."""

from selenium.webdriver.common.by import By

from pages import (citizen_check_in, console_sign_in, open_session_from_console, wait, wait_text,
                   wait_visible)

# Runs before the page's own scripts: records every note scheduled and every vibration.
RECORDER = """
window.__alerts = { notes: [], vibrations: [] };
const Context = window.AudioContext || window.webkitAudioContext;
if (Context) {
  const create = Context.prototype.createOscillator;
  Context.prototype.createOscillator = function () {
    const oscillator = create.call(this);
    const note = { frequency: null, start: null, stop: null };
    window.__alerts.notes.push(note);
    const start = oscillator.start.bind(oscillator);
    const stop = oscillator.stop.bind(oscillator);
    oscillator.start = (at) => { note.start = at; note.frequency = oscillator.frequency.value; return start(at); };
    oscillator.stop = (at) => { note.stop = at; return stop(at); };
    return oscillator;
  };
}
Object.defineProperty(navigator, 'vibrate', {
  configurable: true,
  value: (pattern) => { window.__alerts.vibrations.push(pattern); return true; },
});
"""


def alerts(driver) -> dict:
    return driver.execute_script("return window.__alerts")


def test_next_rings_once_then_on_floor_once(server, browsers):
    base = server.http_url
    citizen = browsers.open(360, 800, "ciudadana")
    citizen.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    moderator = browsers.open(1280, 900, "moderacion")
    console_sign_in(moderator, base, server.token("moderacion"), "Moderación")
    open_session_from_console(moderator)

    # First in line: "next" right away. Checking in was a tap, so audio is unlocked.
    receipt = citizen_check_in(citizen, base, "Marta Salgado Peña", "barrio-de-san-mateo",
                               "agua-fuga", "Fuga de agua frente al mercado.")
    wait_text(citizen, "next-alert", "¡Sigues tú!")
    wait(citizen, lambda d: len(alerts(d)["notes"]) >= 2, "no chime for «next»")
    assert not citizen.find_element(By.ID, "sound-on").is_displayed()

    # Something else changes in the room (a second citizen behind her): no second chime.
    other = browsers.open(360, 800, "otro")
    citizen_check_in(other, base, "Tomás Reyes Cruz", "casa-blanca", "bacheo", "Bache en la esquina.")
    wait_text(moderator, "queue", "Tomás Reyes Cruz")

    moderator.find_element(By.ID, "call-next").click()
    wait_text(citizen, "next-alert", "¡Es tu turno!")
    wait(citizen, lambda d: len(alerts(d)["notes"]) >= 5, "no chime for «onFloor»")
    seen = alerts(citizen)
    assert len(seen["notes"]) == 5, seen  # two notes for next, three for the floor
    assert len(seen["vibrations"]) == 2, seen
    # Every note is short and ends: nothing rings on and on.
    for note in seen["notes"]:
        assert note["start"] is not None and note["stop"] is not None, note
        assert 0 < note["stop"] - note["start"] < 0.5, note

    # After a reload nothing has touched the page: no sound until the button is pressed.
    citizen.refresh()
    wait_text(citizen, "folio", receipt["folio"])
    wait_text(citizen, "next-alert", "¡Es tu turno!")
    button = wait_visible(citizen, "sound-on")
    assert alerts(citizen)["notes"] == [] and alerts(citizen)["vibrations"] == []
    button.click()
    wait(citizen, lambda d: len(alerts(d)["notes"]) == 2, "the button played no test chime")
    wait(citizen, lambda d: not d.find_element(By.ID, "sound-on").is_displayed(),
         "the button stayed after audio was on")
    browsers.assert_console_clean()
