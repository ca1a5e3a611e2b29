"""A citizen keeps their place when the server restarts and when the page is reloaded: the
page resumes by itself with the token it keeps in localStorage."""

from selenium.webdriver.common.by import By

from pages import citizen_check_in, open_session_ws, screenshot, wait_text


def test_citizen_page_comes_back_to_the_same_turn(restartable_server, browsers):
    server = restartable_server
    open_session_ws(server)
    first = browsers.open(360, 800, "ciudadano-1")
    citizen_check_in(first, server.http_url, "Carmen Ruiz", "casa-blanca", "bacheo",
                     "Bache en la esquina.")
    citizen = browsers.open(360, 800, "ciudadana-2")
    receipt = citizen_check_in(citizen, server.http_url, "Lucía Hernández", "barrio-de-san-mateo",
                               "agua-fuga", "Fuga frente a mi casa.")
    assert receipt["turno"] == "2"
    wait_text(citizen, "position", "2")
    browsers.assert_console_clean()

    # Stop (SIGTERM: sockets close with 1001) and start again on the same port and data.
    server.stop()
    wait_text(citizen, "conn-status", "Reconectando")
    server.restart(same_port=True)
    wait_text(citizen, "conn-status", "Conectado")
    wait_text(citizen, "turno", receipt["turno"])
    wait_text(citizen, "folio", receipt["folio"])
    wait_text(citizen, "position", "2")
    wait_text(citizen, "stage", "En la fila")
    assert citizen.find_element(By.ID, "live").is_displayed()
    assert not citizen.find_element(By.ID, "step-consent").is_displayed()
    # Failed WebSocket attempts while the server was down are expected, nothing else.
    browsers.assert_console_clean(allow_ws_failure=True)

    # A reload starts from nothing but localStorage: same turno and folio, no new check-in.
    citizen.refresh()
    wait_text(citizen, "conn-status", "Conectado")
    wait_text(citizen, "turno", receipt["turno"])
    wait_text(citizen, "folio", receipt["folio"])
    wait_text(citizen, "position", "2")
    assert not citizen.find_element(By.ID, "step-consent").is_displayed()
    screenshot(citizen, "reconexion-ciudadano-360")
    browsers.assert_console_clean()
    server.stop()
