"""The citizen page's data-protection parts: the priority lane with its own express consent,
and «Mis datos» (ARCO): see, correct and cancel one's own data from the phone."""

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from pages import SCREENSHOT_DIR, open_session_ws, screenshot, wait, wait_clickable, wait_text, wait_visible


def test_priority_check_in_then_see_correct_and_cancel_my_data(server, browsers):
    open_session_ws(server)
    phone = browsers.open(360, 800, "ciudadana-arco")
    phone.get(f"{server.http_url}/ciudadano.html")
    wait_visible(phone, "step-consent")
    wait_text(phone, "privacy-text", "Metepec")
    phone.find_element(By.ID, "consent").click()
    wait_visible(phone, "step-form")
    phone.find_element(By.ID, "name").send_keys("Rosario Priego")
    Select(phone.find_element(By.ID, "colonia")).select_by_value("casa-blanca")
    Select(phone.find_element(By.ID, "service")).select_by_value("agua-fuga")
    phone.find_element(By.ID, "description").send_keys("Fuga en la banqueta.")
    # The priority lane: the reason and its separate consent appear only when asked for.
    assert not phone.find_element(By.ID, "priority-details").is_displayed()
    phone.find_element(By.ID, "priority").click()
    wait_visible(phone, "priority-details")
    wait_text(phone, "priority-consent-text", "expresa")
    Select(phone.find_element(By.ID, "priority-reason")).select_by_value("discapacidad")
    wait_clickable(phone, "submit").click()
    wait_text(phone, "form-error", "consentimiento expreso")
    phone.find_element(By.ID, "priority-consent").click()
    wait_clickable(phone, "submit").click()
    wait_visible(phone, "live")
    folio = wait_text(phone, "folio", re.compile(r"^AUD-\d{4}-\d{6}$"))
    wait_text(phone, "position", "1")

    # «Mis datos»: the folio and the tracking code, then the data itself.
    phone.find_element(By.CSS_SELECTOR, "#arco summary").click()
    wait_text(phone, "arco-folio", folio)
    assert len(phone.find_element(By.ID, "arco-code").text) >= 20
    phone.find_element(By.ID, "arco-export").click()
    wait_text(phone, "arco-data", "Rosario Priego")
    wait_text(phone, "arco-data", "Persona con discapacidad")

    phone.find_element(By.ID, "arco-rectify-open").click()
    wait_visible(phone, "arco-rectify")
    name = phone.find_element(By.ID, "arco-name")
    name.clear()
    name.send_keys("Rosario Priego Luna")
    phone.find_element(By.ID, "arco-rectify-send").click()
    wait_text(phone, "arco-data", "Rosario Priego Luna")
    wait_text(phone, "arco-status", "se corrigieron")
    screenshot(phone, "ciudadano-arco-360")
    phone.find_element(By.ID, "arco").screenshot(str(SCREENSHOT_DIR / "ciudadano-arco-panel-360.png"))

    phone.find_element(By.ID, "arco-cancel").click()
    wait(phone, EC.alert_is_present(), "no confirmation before cancelling")
    phone.switch_to.alert.accept()
    wait_text(phone, "arco-status", "se cancelaron")
    wait_text(phone, "arco-data", "Cancelado")
    assert "Rosario" not in phone.find_element(By.ID, "arco-data").text
    # Cancelling while waiting takes the petition out of the queue, under its folio.
    wait_text(phone, "stage", "Concluida")
    browsers.assert_console_clean()
