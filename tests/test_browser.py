"""A real browser (Debian chromium driven by Playwright) walks the pages as a person would.

Landing page -> search -> city -> its administration -> a network -> an agreement -> its source
document -> switch language. Screenshots are kept in test-artifacts/ (not committed).
"""

from __future__ import annotations

import os
import shutil

import pytest

from citykg.graph.store import current

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# `make test` installs chromium, so a missing browser is a failed setup, not a reason to skip;
# only an explicit CITYKG_SKIP_BROWSER=1 (say, a developer without apt) skips these tests.
pytestmark = pytest.mark.skipif(os.environ.get("CITYKG_SKIP_BROWSER") == "1", reason="CITYKG_SKIP_BROWSER=1")


@pytest.fixture(scope="module", autouse=True)
def chromium_is_installed():
    assert shutil.which("chromium"), "Debian chromium is not installed: scripts/setup-test-deps (run by `make test`) installs it"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def walk(helsinki_store):
    """IRIs for the walk, found by SPARQL rather than hard-coded."""
    store = current(helsinki_store).open()
    row = next(iter(store.query("""PREFIX ckg: <https://w3id.org/citykg/ontology#>
        SELECT ?city ?admin ?network ?agreement ?doc WHERE {
          ?admin ckg:administers ?city ; ckg:memberOf ?network . ?network a ckg:CityNetwork .
          ?agreement a ckg:Agreement ; ckg:party ?admin ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc .
        } ORDER BY ?network LIMIT 1""")))
    return {name: row[name].value.replace("https://w3id.org/citykg", "") for name in ("city", "admin", "network", "agreement", "doc")}


def test_walk_from_the_landing_page_to_a_source_document(helsinki_server, walk):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
        page.goto(helsinki_server.url + "/")
        assert page.locator("h1").inner_text() == "City diplomacy knowledge graph"
        page.screenshot(path=str(ARTIFACTS / "01-landing.png"), full_page=True)

        page.get_by_label("Search by name (fi, sv, en)").fill("Helsingfors")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=Helsingfors")
        page.screenshot(path=str(ARTIFACTS / "02-search.png"))
        page.locator(f'a[href="{walk["city"]}"]').first.click()
        page.wait_for_url("**" + walk["city"])
        assert page.locator("svg.diagram").count() == 1 and page.locator("svg.map").count() == 1
        page.screenshot(path=str(ARTIFACTS / "03-city.png"), full_page=True)

        page.locator(f'a[href="{walk["admin"]}"]').first.click()
        page.wait_for_url("**" + walk["admin"])
        page.locator(f'a[href="{walk["network"]}"]').first.click()
        page.wait_for_url("**" + walk["network"])
        page.screenshot(path=str(ARTIFACTS / "04-network.png"), full_page=True)

        page.go_back()
        page.locator(f'a[href="{walk["agreement"]}"]').first.click()
        page.wait_for_url("**" + walk["agreement"])
        assert page.locator("blockquote").count() >= 1  # the Finnish quote that states the agreement
        page.screenshot(path=str(ARTIFACTS / "05-agreement.png"), full_page=True)

        page.locator(f'blockquote a[href="{walk["doc"]}"]').first.click()
        page.wait_for_url("**" + walk["doc"])
        page.screenshot(path=str(ARTIFACTS / "06-document.png"), full_page=True)

        page.get_by_role("link", name="SV").click()
        assert page.locator("html").get_attribute("lang") == "sv"
        page.screenshot(path=str(ARTIFACTS / "07-document-sv.png"), full_page=True)
        page.goto(helsinki_server.url + walk["city"])  # the switch is remembered
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.locator("a.skip").inner_text() == "Hoppa till innehållet"  # the page chrome too, not only the facts
        page.goto(helsinki_server.url + "/")  # and on every page kind, the landing page included
        assert page.locator("h1").inner_text() == "Kunskapsgraf för stadsdiplomati"
        page.get_by_role("link", name="FI", exact=True).click()
        assert page.locator("h1").inner_text() == "Kaupunkidiplomatian tietograafi"
        page.screenshot(path=str(ARTIFACTS / "07b-landing-fi.png"), full_page=True)
        browser.close()


def test_pages_work_with_the_keyboard_and_without_javascript(helsinki_server, walk):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(helsinki_server.url + walk["city"])
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        assert focused.inner_text() == "Skip to content"
        assert page.locator("main").count() == 1 and page.locator("header[role=banner]").count() == 1
        assert page.locator("svg title").count() >= 2  # accessible names for the pictures
        browser.close()


def test_yasgui_query_page_runs_a_query_offline(helsinki_server):
    from playwright.sync_api import sync_playwright

    from .conftest import ROOT as root

    if not (root / "server" / "static" / "vendor" / "yasgui.min.js").exists():
        pytest.skip("YASGUI assets not installed (scripts/setup-ui-assets, run by make test)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        requests_elsewhere = []
        page.on("request", lambda r: requests_elsewhere.append(r.url) if not r.url.startswith(helsinki_server.url) and not r.url.startswith("data:") else None)
        page.goto(helsinki_server.url + "/sparql")
        page.wait_for_selector(".yasgui .yasqe", timeout=15000)
        page.locator(".yasqe_queryButton").first.click()
        page.wait_for_selector(".yasr .dataTable, .yasr table", timeout=15000)
        page.screenshot(path=str(ARTIFACTS / "08-yasgui.png"), full_page=True)
        assert "Amsterdam" in page.locator(".yasr").inner_text()
        assert requests_elsewhere == []  # everything the UI needs comes from this server
        browser.close()
