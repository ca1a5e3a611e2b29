"""Every page at phone (360) and desktop (1280) width: loads without console errors, does
not scroll sideways, and is saved as a screenshot under artifacts/screenshots/."""

import pytest
from selenium.webdriver.common.by import By

from pages import (SCREENSHOT_DIR, citizen_check_in, console_sign_in, horizontal_overflow,
                   open_session_ws, screenshot, wait_text, wait_visible)

WIDTHS = (360, 1280)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_at_width(width, server, browsers, capsys):
    base = server.http_url
    driver = browsers.open(width, 800, f"w{width}")
    overflow = {}

    def page(name):
        screenshot(driver, f"pagina-{name}-{width}")
        overflow[name] = horizontal_overflow(driver)

    driver.get(f"{base}/")
    wait_text(driver, "contenido", "¿Qué es?")
    page("inicio")

    driver.get(f"{base}/aviso/aviso-integral.html")
    wait_visible(driver, "contenido") if driver.find_elements(By.ID, "contenido") else None
    assert "privacidad" in driver.find_element(By.TAG_NAME, "body").text.lower()
    page("aviso-integral")

    driver.get(f"{base}/publico.html")
    wait_text(driver, "conn-status", "Conectado")
    wait_text(driver, "session-detail", "audiencia")
    page("publico-cerrada")

    driver.get(f"{base}/consola.html")
    wait_visible(driver, "signin")
    page("consola-entrar")

    # The citizen page: the notice, then the form, then (with the session open) the turn.
    open_session_ws(server)
    driver.get(f"{base}/ciudadano.html")
    wait_visible(driver, "step-consent")
    page("ciudadano-aviso")
    receipt = citizen_check_in(driver, base, "Rosa María Velázquez Domínguez", "barrio-de-san-mateo",
                               "agua-fuga", "Fuga de agua en la banqueta de la calle Independencia, "
                               "esquina con Allende, desde el lunes.")
    page("ciudadano-turno")

    console_sign_in(driver, base, server.token("moderacion"), "Moderación")
    wait_text(driver, "queue", "Rosa María Velázquez Domínguez")
    page("consola-fila")
    driver.find_element(By.ID, "call-next").click()
    wait_text(driver, "floor", receipt["folio"])
    page("consola-en-la-palabra")

    driver.get(f"{base}/publico.html")
    wait_text(driver, "floor", "Turno 1")
    page("publico-en-vivo")

    browsers.assert_console_clean()
    with capsys.disabled():
        print(f"\n[{width}px] screenshots in {SCREENSHOT_DIR}")
    wide = {name: px for name, px in overflow.items() if px > 0}
    assert not wide, f"pages wider than the {width}px window (px of sideways scroll): {wide}"
