"""The services page (servicios.html) at phone (360) and desktop (1280) width: it lists every
department and service of the seeds with their guidance steps, the search filters services
without caring about accents, the live count follows, and the console stays clean."""

import json
import re
import unicodedata

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import REPO_ROOT, horizontal_overflow, screenshot, wait, wait_text, wait_visible

WIDTHS = (360, 1280)
STAGE_LABELS = {"waiting": "Antes de tu turno", "floor": "Durante tu turno", "outcome": "Después"}


def load_seed(name):
    with open(REPO_ROOT / "seeds" / name, encoding="utf-8") as handle:
        return json.load(handle)


DEPARTMENTS = load_seed("departments.json")
SERVICES = load_seed("services.json")
DEPT_BY_ID = {d["id"]: d for d in DEPARTMENTS}


def normalize(text: str) -> str:
    """Same as the page: NFD, drop the combining marks, lower case, single spaces."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.lower()).strip()


def expected_matches(query: str) -> set:
    """Service ids whose name, summary, department or steps contain every word of `query`."""
    words = normalize(query).split(" ")
    found = set()
    for service in SERVICES:
        dept = DEPT_BY_ID.get(service["departmentId"], {})
        parts = [service["name"], service.get("summary", ""), dept.get("name", ""), dept.get("shortName", "")]
        for step in service.get("steps", []):
            parts += [step.get("title", ""), step.get("detail", "")]
        haystack = normalize(" ".join(p for p in parts if p))
        if all(w in haystack for w in words):
            found.add(service["id"])
    return found


VISIBLE_SERVICES = """
return [...document.querySelectorAll('article.service')]
  .filter((n) => n.getClientRects().length > 0).map((n) => n.dataset.service);
"""
VISIBLE_DEPARTMENTS = """
return [...document.querySelectorAll('section.department')]
  .filter((n) => n.getClientRects().length > 0).map((n) => n.dataset.department);
"""


def visible_services(driver) -> set:
    return set(driver.execute_script(VISIBLE_SERVICES))


def search_for(driver, query: str) -> None:
    box = driver.find_element(By.ID, "search")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if query:
        box.send_keys(query)


def wait_visible_services(driver, wanted: set, what: str) -> None:
    try:
        wait(driver, lambda d: visible_services(d) == wanted, what)
    except Exception as error:
        raise AssertionError(f"{what}: visible {sorted(visible_services(driver))}, "
                             f"wanted {sorted(wanted)}") from error


@pytest.mark.parametrize("width", WIDTHS)
def test_services_page_at_width(width, server, browsers):
    assert len(DEPARTMENTS) == 18 and len(SERVICES) == 45, "the seeds changed: update the brief"
    driver = browsers.open(width, 800, f"servicios{width}")
    driver.get(f"{server.http_url}/servicios.html")

    # The whole catalog arrives from the citizen welcome.
    all_ids = {s["id"] for s in SERVICES}
    wait_visible_services(driver, all_ids, "the catalog never listed every service")
    assert driver.execute_script(VISIBLE_DEPARTMENTS) == [d["id"] for d in DEPARTMENTS]
    wait_text(driver, "result-count", f"{len(SERVICES)} trámites en {len(DEPARTMENTS)} áreas")
    assert driver.find_element(By.ID, "result-count").get_attribute("aria-live") == "polite"

    for dept in DEPARTMENTS:
        heading = driver.find_element(
            By.CSS_SELECTOR, f'section.department[data-department="{dept["id"]}"] h2').text
        assert dept["name"] in heading and dept["shortName"] in heading, heading
    for service in SERVICES:
        article = driver.find_element(By.CSS_SELECTOR, f'article.service[data-service="{service["id"]}"]')
        text = article.text
        assert service["name"] in text and service["summary"] in text
        assert article.find_element(By.XPATH, "ancestor::section[1]").get_attribute(
            "data-department") == service["departmentId"]
        labels = [n.text for n in article.find_elements(By.CSS_SELECTOR, ".stage-label")]
        wanted_labels = [label for stage, label in STAGE_LABELS.items()
                         if any(s["stage"] == stage for s in service["steps"])]
        assert labels == wanted_labels, (service["id"], labels)
        items = article.find_elements(By.CSS_SELECTOR, "ol.guide-steps > li")
        assert len(items) == len(service["steps"])
        for step in service["steps"]:
            assert step["title"] in text

    link = driver.find_element(By.ID, "register-link")
    assert link.text == "Registrar mi turno"
    assert link.get_attribute("href").endswith("/ciudadano.html")
    screenshot(driver, f"pagina-servicios-{width}")
    assert horizontal_overflow(driver) == 0, "the page scrolls sideways"

    # "predial": only the matching services stay, and the count says how many.
    predial = expected_matches("predial")
    assert predial and predial != all_ids
    search_for(driver, "predial")
    wait_visible_services(driver, predial, "the search for 'predial' did not filter")
    wait_text(driver, "result-count", f"{len(predial)} trámites coinciden con «predial» (de {len(SERVICES)})")
    assert driver.find_element(By.ID, "result-count").get_attribute("data-visible") == str(len(predial))
    visible_depts = set(driver.execute_script(VISIBLE_DEPARTMENTS))
    assert visible_depts == {s["departmentId"] for s in SERVICES if s["id"] in predial}
    screenshot(driver, f"pagina-servicios-predial-{width}")
    assert horizontal_overflow(driver) == 0

    # Accent-insensitive: "tesoreria" finds what says "Tesorería".
    tesoreria = expected_matches("tesoreria")
    assert {s["id"] for s in SERVICES if s["departmentId"] == "tesoreria"} <= tesoreria
    search_for(driver, "tesoreria")
    wait_visible_services(driver, tesoreria, "the search for 'tesoreria' did not filter")
    wait_text(driver, "result-count", f"{len(tesoreria)} trámite")

    # Nothing matches: a message, no services.
    search_for(driver, "zzzxq")
    wait_visible_services(driver, set(), "a search with no match still shows services")
    wait_visible(driver, "no-results")
    wait_text(driver, "result-count", "Ningún trámite coincide")

    # Clearing the box brings the whole catalog back.
    search_for(driver, "")
    wait_visible_services(driver, all_ids, "clearing the search did not restore the catalog")
    wait_text(driver, "result-count", f"{len(SERVICES)} trámites en {len(DEPARTMENTS)} áreas")

    browsers.assert_console_clean()


def test_index_links_to_services(server, browsers):
    driver = browsers.open(1280, 800, "inicio")
    driver.get(f"{server.http_url}/")
    link = driver.find_element(By.CSS_SELECTOR, 'a[href="servicios.html"]')
    assert "Trámites y servicios" in link.text
    browsers.assert_console_clean()
