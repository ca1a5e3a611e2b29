"""WCAG 2.1 AA, checked mechanically in Chromium on every page in the states people see:
language, labels, accessible names, no positive tabindex, text and field-border contrast,
keyboard focus reaching everything in document order with a visible indicator, and the live
regions that announce the public feed and the citizen's turn (see a11y.py for the checks)."""

import re

from selenium.webdriver.common.by import By

from a11y import audit, walk_focus
from pages import (citizen_check_in, console_sign_in, open_session_ws, wait, wait_text,
                   wait_visible)


def test_every_page_meets_the_mechanical_checks(server, browsers):
    base = server.http_url
    found = {}

    def check(driver, state: str) -> None:
        problems = audit(driver) + walk_focus(driver)
        if problems:
            found[state] = problems

    desk = browsers.open(1280, 900, "escritorio")
    desk.get(f"{base}/")
    wait_text(desk, "contenido", "¿Qué es?")
    check(desk, "inicio")
    desk.get(f"{base}/aviso/aviso-integral.html")
    wait(desk, lambda d: "privacidad" in d.find_element(By.TAG_NAME, "body").text.lower(), "no notice")
    check(desk, "aviso integral")
    # The notice has a dark scheme of its own: it must hold up too.
    desk.execute_cdp_cmd("Emulation.setEmulatedMedia",
                         {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    problems = audit(desk)
    if problems:
        found["aviso integral, modo oscuro"] = problems
    desk.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    desk.get(f"{base}/servicios.html")
    wait_text(desk, "result-count", "trámites en")
    check(desk, "servicios")
    desk.get(f"{base}/consola.html")
    wait_visible(desk, "signin")
    check(desk, "consola: entrar")

    phone = browsers.open(360, 800, "telefono")
    phone.get(f"{base}/publico.html")
    wait_text(phone, "conn-status", "Conectado")
    wait_text(phone, "session-detail", "audiencia")
    check(phone, "público: cerrada")

    open_session_ws(server)
    phone.get(f"{base}/ciudadano.html")
    wait_visible(phone, "step-consent")
    wait_text(phone, "privacy-text", "Metepec")
    check(phone, "ciudadano: aviso")
    phone.find_element(By.ID, "consent").click()
    wait_visible(phone, "step-form")
    check(phone, "ciudadano: formulario")
    # The page keeps the consent given; checking in starts from a fresh profile.
    phone = browsers.open(360, 800, "telefono-turno")
    receipt = citizen_check_in(phone, base, "Irene Castañeda Ruiz", "barrio-de-san-mateo", "agua-fuga",
                               "La toma de agua de mi casa gotea desde el sábado.")
    wait_text(phone, "next-alert", "¡Sigues tú!")
    check(phone, "ciudadano: en la fila")
    # The ARCO panel starts closed (its buttons are not shown, so not expected); opened, its
    # buttons must be reached with Tab, in order, with a visible focus ring. Closed again after.
    arco = phone.find_element(By.CSS_SELECTOR, "#arco summary")
    arco.click()
    wait_visible(phone, "arco-cancel")
    check(phone, "ciudadano: en la fila, derechos ARCO abiertos")
    arco.click()
    wait(phone, lambda d: not d.find_element(By.ID, "arco").get_attribute("open"), "ARCO panel stays open")

    moderator = browsers.open(1280, 900, "moderacion")
    console_sign_in(moderator, base, server.token("moderacion"), "Moderación")
    wait_text(moderator, "queue", "Irene Castañeda Ruiz")
    wait_text(moderator, "presence-citizens", "conexi")
    check(moderator, "consola: moderación con fila")
    director = browsers.open(1280, 900, "dir-agua")
    console_sign_in(director, base, server.token("dir-agua"), "Rodrigo Alcántara Nava")
    moderator.find_element(By.ID, "call-next").click()
    wait_text(moderator, "floor", receipt["folio"])
    wait_visible(director, "outcome-form")
    check(director, "consola: dirección en la palabra")

    viewer = browsers.open(1280, 900, "tablero")
    viewer.get(f"{base}/publico.html")
    wait_text(viewer, "floor", f"Turno {receipt['turno']}")
    announcer = viewer.find_element(By.ID, "feed-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    moderator.find_element(By.ID, "announce-text").send_keys("Receso de diez minutos a las 12:00.")
    moderator.find_element(By.CSS_SELECTOR, "#announce-form button[type=submit]").click()
    # The feed speaks each event once, in a live region, without re-reading the board.
    wait(viewer, lambda d: "Receso de diez minutos" in (announcer.get_attribute("textContent") or ""),
         "the feed's live region never announced the announcement")
    for quiet in ("floor", "counters", "announcements", "session-detail"):
        assert viewer.find_element(By.ID, quiet).get_attribute("aria-live") is None, quiet
    check(viewer, "público: en vivo")

    # The citizen's turn is announced: the prompt politely, "you are next" as an alert.
    assert phone.find_element(By.ID, "prompt").get_attribute("aria-live") == "polite"
    assert phone.find_element(By.ID, "next-alert").get_attribute("role") == "alert"
    wait_text(phone, "next-alert", "¡Es tu turno!")
    check(phone, "ciudadano: con la palabra")

    browsers.assert_console_clean()
    report = "\n".join(f"[{state}]\n  " + "\n  ".join(problems) for state, problems in found.items())
    assert not found, f"accessibility problems:\n{report}"


def test_the_checks_catch_what_they_look_for(server, browsers):
    """The audit itself: a page with known faults must be reported, fault by fault."""
    driver = browsers.open(800, 600, "defectos")
    driver.get(f"{server.http_url}/")
    wait_text(driver, "contenido", "¿Qué es?")
    driver.execute_script("""
        document.documentElement.lang = 'en';
        const main = document.getElementById('contenido');
        main.insertAdjacentHTML('afterbegin', `
          <input id="bad-input">
          <button id="bad-button"></button>
          <a id="bad-tab" href="#x" tabindex="3">ir</a>
          <p id="bad-grey" style="color:#aaaaaa;background:#ffffff">texto tenue</p>
          <button id="bad-focus" class="no-ring">sin anillo</button>
          <div style="background:#6b1f3a;padding:8px"><a id="bad-ring" href="#y" style="color:#fff">anillo</a></div>`);
        document.querySelector('.skip-link').remove();
        document.querySelector('header').insertAdjacentHTML('beforeend', '<a id="bad-first" href="./">Inicio</a>');
        const style = document.createElement('style');
        style.textContent = '.no-ring:focus-visible { outline: none !important; }';
        document.head.append(style);
    """)
    problems = "\n".join(audit(driver) + walk_focus(driver))
    for wanted in (r'lang> is "en"', r"input#bad-input has no label", r"button#bad-button has no accessible name",
                   r"a#bad-tab .*tabindex 3", r"p#bad-grey .*contrast 2\.\d+:1, needs 4\.5:1",
                   r"button#bad-focus .*no visible focus indicator",
                   r"a#bad-ring .*focus outline contrast 1\.\d+:1, needs 3:1",
                   r"a#bad-first .*comes before <main> and is not a skip link"):
        assert re.search(wanted, problems), f"missed {wanted!r} in:\n{problems}"


def test_the_checks_know_closed_details_and_multi_stop_fields(server, browsers):
    """Controls inside a closed <details> are not shown, so not expected on the Tab walk, but
    they are once it is open; a date field's several Tab stops (day, month, year, calendar
    button) count as one control in the order, and every one of them must show focus."""
    driver = browsers.open(800, 600, "detalles")
    driver.get(f"{server.http_url}/")
    wait_text(driver, "contenido", "¿Qué es?")
    driver.execute_script("""
        document.getElementById('contenido').insertAdjacentHTML('afterbegin', `
          <div class="card">
            <details id="ok-details"><summary>Más</summary><button type="button" id="ok-inside">Dentro</button></details>
            <label for="ok-date">Fecha</label><input type="date" id="ok-date">
            <button type="button" id="ok-after">Después</button>
          </div>`);""")
    assert audit(driver) + walk_focus(driver) == []
    driver.execute_script("document.getElementById('ok-details').open = true")
    assert audit(driver) + walk_focus(driver) == []

    # Open, the button inside is expected: a page that makes Tab jump over it is caught.
    driver.execute_script("""
        document.querySelector('#ok-details summary').addEventListener('keydown', (event) => {
          if (event.key !== 'Tab' || event.shiftKey) return;
          event.preventDefault();
          document.getElementById('ok-date').focus();
        });""")
    problems = walk_focus(driver)
    assert any(re.search(r"never reached with Tab: \['button#ok-inside", p) for p in problems), problems

    # One stop of the date field without a ring (the calendar button, where the field is
    # :focus-within but not :focus) is reported once, and the field's stops are no order fault.
    driver.get(f"{server.http_url}/")
    wait_text(driver, "contenido", "¿Qué es?")
    driver.execute_script("""
        document.getElementById('contenido').insertAdjacentHTML('afterbegin', `
          <div class="card">
            <label for="ok-date">Fecha</label><input type="date" id="ok-date">
            <button type="button" id="ok-after">Después</button>
          </div>`);
        const style = document.createElement('style');
        style.textContent = '#ok-date:focus-within:not(:focus) { outline: none !important; }';
        document.head.append(style);""")
    problems = walk_focus(driver)
    assert len(problems) == 1, problems
    assert re.match(r"input#ok-date \(Tab stop \d inside it\): no visible focus indicator", problems[0]), problems
