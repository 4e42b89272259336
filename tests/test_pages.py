"""Linked-data pages: every data IRI dereferences, as HTML for people and RDF for machines."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from citykg.graph.pipeline import build
from citykg.graph.progress import Reporter
from citykg.server import create_app

from .conftest import mini_config

CITY_POSSIBLE = "/id/membership/helsinki-city-possible"
TUKHOLMA = "/id/city/tukholma"


class Text(HTMLParser):
    """Collect the visible text and the links of a page."""

    def __init__(self):
        super().__init__()
        self.text, self.links = [], []

    def handle_data(self, data):
        self.text.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href"))


def parse(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    return parser


def test_html_page_shows_labels_quote_and_source(helsinki_server):
    response = requests.get(helsinki_server.url + CITY_POSSIBLE, headers={"Accept": "text/html", "Accept-Language": "fi"}, timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    page = parse(response.text)
    text = " ".join(page.text)
    assert "Helsinki City Possible -verkoston perustajajäsenenä" in text
    assert "Lisäksi yritystasolla verkostoyhteistyötä tehdään mm. Mastercardin City Possible -verkoston perustajajäsenenä." in text
    assert "/id/document/002-kansainvalisen-toiminnan-painopisteet" in page.links  # the source document's own page
    assert "perustajajäsen" in text  # the role, by its Finnish label, never a bare IRI


def test_language_from_accept_language_and_switch_remembered(helsinki_server):
    session = requests.Session()
    english = session.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=30)
    assert "<h1>Stockholm</h1>" in english.text
    swedish = session.get(helsinki_server.url + TUKHOLMA + "?lang=sv", headers={"Accept": "text/html"}, timeout=30)
    assert '<html lang="sv">' in swedish.text and "Uppgifter" in swedish.text
    remembered = session.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=30)
    assert "Uppgifter" in remembered.text  # the cookie wins over Accept-Language


@pytest.mark.parametrize("suffix, accept, fmt", [
    (".ttl", "text/turtle", "turtle"), (".nt", "application/n-triples", "nt"), (".jsonld", "application/ld+json", "json-ld"),
    (".rdf", "application/rdf+xml", "xml")])
def test_rdf_by_accept_and_by_suffix_has_the_facts_the_html_shows(helsinki_server, suffix, accept, fmt):
    by_accept = requests.get(helsinki_server.url + TUKHOLMA, headers={"Accept": accept}, timeout=30)
    by_suffix = requests.get(helsinki_server.url + TUKHOLMA + suffix, timeout=30)
    assert by_accept.headers["Content-Type"].startswith(accept) and by_suffix.headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=by_accept.content, format=fmt)
    city = URIRef("https://w3id.org/citykg/id/city/tukholma")
    labels = set(graph.objects(city, RDFS.label))
    assert {Literal("Tukholma", lang="fi"), Literal("Stockholm", lang="en"), Literal("Stockholm", lang="sv")} <= labels
    html = requests.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=30).text
    partnerships = {str(s) for s in graph.subjects(URIRef("https://w3id.org/citykg/ontology#partner"), city)}
    assert partnerships and all(p.replace("https://w3id.org/citykg", "") in html for p in partnerships)


def test_trig_carries_the_source_graph_of_each_statement(helsinki_server):
    response = requests.get(helsinki_server.url + CITY_POSSIBLE + ".trig", timeout=30)
    dataset = Dataset()
    dataset.parse(data=response.content, format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/citykg/graph/source/002" in graphs


def test_headers_conditional_get_and_errors(helsinki_server):
    response = requests.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "text/turtle"}, timeout=30)
    assert "Accept" in response.headers["Vary"]
    assert 'rel="alternate"; type="text/turtle"' in response.headers["Link"]
    again = requests.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "text/turtle", "If-None-Match": response.headers["ETag"]}, timeout=30)
    assert again.status_code == 304
    assert requests.get(helsinki_server.url + TUKHOLMA, headers={"Accept": "image/png"}, timeout=30).status_code == 406
    missing = requests.get(helsinki_server.url + "/id/city/atlantis", headers={"Accept": "text/html"}, timeout=30)
    assert missing.status_code == 404 and "atlantis" in missing.text and "/search?q=atlantis" in missing.text
    typo = requests.get(helsinki_server.url + "/id/city/tallinn", headers={"Accept": "text/html"}, timeout=30)
    assert typo.status_code == 404 and 'href="/id/city/tallinna"' in typo.text  # a suggestion
    machine = requests.get(helsinki_server.url + "/id/city/atlantis", headers={"Accept": "text/turtle"}, timeout=30)
    assert machine.status_code == 404 and machine.headers["Content-Type"].startswith("text/plain")


def test_literals_are_escaped(tmp_path):
    config = mini_config(tmp_path)
    (config.data_dirs[0] / "evil.ttl").write_text(
        '<https://w3id.org/citykg/id/city/evil> a <https://w3id.org/citykg/ontology#City> ; '
        '<http://www.w3.org/2000/01/rdf-schema#label> "<script>alert(1)</script>"@en .\n')
    build(config, Reporter(quiet=True))
    client = create_app({"STORE": str(config.store_root)}).test_client()
    page = client.get("/id/city/evil", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("lang, number", [("fi", "20 000 000"), ("en", "20,000,000")])
def test_numbers_are_formatted_for_the_language(helsinki_store, lang, number):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    page = client.get("/id/indicator/helsinki-vantaa-matkustajat", headers={"Accept": "text/html", "Accept-Language": lang}).get_data(as_text=True)
    assert number.replace(" ", "\u00a0") in page or number in page


def test_dates_are_formatted_for_the_language(helsinki_store):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    finnish = client.get("/id/document/002-kansainvalisen-toiminnan-painopisteet", headers={"Accept": "text/html", "Accept-Language": "fi"}).get_data(as_text=True)
    english = client.get("/id/document/002-kansainvalisen-toiminnan-painopisteet", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert "16. syyskuuta 2019" in finnish and "September 16, 2019" in english


def test_a_resource_with_very_many_links_is_paged(tmp_path):
    config = mini_config(tmp_path)
    lines = []
    for n in range(120):
        lines.append(f'<https://w3id.org/citykg/id/city/c{n}> a <https://w3id.org/citykg/ontology#City> ; '
                     f'<http://www.w3.org/2000/01/rdf-schema#label> "City {n}"@en ; '
                     f'<https://w3id.org/citykg/ontology#memberOf> <https://w3id.org/citykg/id/network/eurocities> .')
    (config.data_dirs[0] / "many.ttl").write_text("\n".join(lines) + "\n")
    build(config, Reporter(quiet=True))
    client = create_app({"STORE": str(config.store_root), "RDF_PAGE_SIZE": 50}).test_client()
    first = client.get("/id/network/eurocities.nt")
    assert len([line for line in first.get_data(as_text=True).splitlines() if line.strip()]) <= 50
    assert 'page=1&format=ntriples>; rel="next"' in first.headers["Link"]
    statements = set()
    page = 0
    while True:
        response = client.get(f"/id/network/eurocities?page={page}&format=ntriples")
        statements |= {line for line in response.get_data(as_text=True).splitlines() if line.strip()}
        if 'rel="next"' not in response.headers["Link"]:
            break
        page += 1
    # 120 cities plus Helsinki, whose ckg:memberOf the fixture derives from its membership
    assert page >= 2 and sum("memberOf" in s for s in statements) == 121
    html = client.get("/id/network/eurocities", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'rel="next"' in html


# --- Bad paths and parameters: the 404 page (or 400), never a stack trace ---------------------------

@pytest.mark.parametrize("path", [
    "/id/city/a%20b", "/id/city/%3Cscript%3E", "/id/city/%22", "/id/city/%7B", "/id/city/%5C", "/id/city/%60",
    "/index/a%20b", "/index/City%3E", "/id/city/helsinki?page=99999999999999999999"])
def test_paths_that_are_no_iri_get_the_404_page(helsinki_server, path):
    page = requests.get(helsinki_server.url + path, headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")
    assert "<script>" not in page.text and "<h1>Not found</h1>" in page.text  # our page, the path escaped
    machine = requests.get(helsinki_server.url + path, headers={"Accept": "text/turtle"}, timeout=30)
    assert machine.status_code == 404 and machine.headers["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("name", ["City%3E%20%7D%20%23", "City%3E%20.%20%3Fs%20a%20%3Curn:x", "Cit%79%3E%7D%20UNION%20%7B%3Fs%20%3Fp%20%3Fo%7D%23"])
def test_index_names_never_reach_the_query_text(helsinki_server, name):
    # Pasted into SPARQL, "City> } #" ran as the query for all cities; only declared classes are looked up now.
    response = requests.get(helsinki_server.url + "/index/" + name, headers={"Accept": "text/html"}, timeout=30)
    assert response.status_code == 404


def test_only_declared_ontology_classes_have_an_index(helsinki_store):
    from citykg.graph.store import current
    from citykg.server.dataset import declared_class

    store = current(helsinki_store).open()
    assert declared_class(store, "City") == "https://w3id.org/citykg/ontology#City"
    for name in ("City>", "City> } #", "NoSuchClass", "a b", "", "x" * 200):
        assert declared_class(store, name) is None


@pytest.mark.parametrize("query, status", [("page=x", 400), ("page=-1", 400), ("page=1.5", 400), ("page=%C2%B2", 400),
                                           ("page=2", 404), ("page=999", 404), ("page=99999999999999999999", 404), ("page=" + "9" * 5000, 404),
                                           # Leading zeros: past int()'s 4300-digit limit, yet small numbers.
                                           ("page=" + "0" * 5000 + "2", 404), ("page=" + "0" * 5000, 200)])
@pytest.mark.parametrize("path", ["/id/city/helsinki", "/index/City"])
def test_page_parameter_is_validated(helsinki_server, path, query, status):
    for accept in ("text/html", "text/turtle"):
        response = requests.get(f"{helsinki_server.url}{path}?{query}", headers={"Accept": accept}, timeout=30)
        assert response.status_code == status, (accept, response.text[:200])
        assert 'rel="prev"' not in response.headers.get("Link", "")


def test_a_page_beyond_the_last_is_404_for_html_and_rdf(helsinki_store):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    assert client.get("/id/city/helsinki?page=0", headers={"Accept": "text/turtle"}).status_code == 200
    beyond = client.get("/id/city/helsinki?page=1&format=turtle")
    assert beyond.status_code == 404 and not beyond.headers.get("Link", "").count("rel=\"prev\"")
    html = client.get("/id/city/helsinki?page=1", headers={"Accept": "text/html"})
    assert html.status_code == 404 and 'href="/id/city/helsinki"' in html.get_data(as_text=True)  # back to the first page


# --- Content negotiation details --------------------------------------------------------------------

def test_weak_if_none_match_and_json_and_language_free_rdf_etags(helsinki_server):
    url = helsinki_server.url + TUKHOLMA
    turtle = requests.get(url, headers={"Accept": "text/turtle", "Accept-Language": "fi"}, timeout=30)
    weak = requests.get(url, headers={"Accept": "text/turtle", "If-None-Match": "W/" + turtle.headers["ETag"]}, timeout=30)
    assert weak.status_code == 304
    english = requests.get(url, headers={"Accept": "text/turtle", "Accept-Language": "en"}, timeout=30)
    assert english.headers["ETag"] == turtle.headers["ETag"]  # RDF does not depend on the reader's language
    html_fi = requests.get(url, headers={"Accept": "text/html", "Accept-Language": "fi"}, timeout=30)
    html_en = requests.get(url, headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=30)
    assert html_fi.headers["ETag"] != html_en.headers["ETag"]
    as_json = requests.get(url, headers={"Accept": "application/json"}, timeout=30)
    assert as_json.status_code == 200 and as_json.headers["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=as_json.content, format="json-ld")
    assert (URIRef("https://w3id.org/citykg/id/city/tukholma"), RDFS.label, Literal("Stockholm", lang="en")) in graph
    assert requests.get(url + "?format=json-ld", timeout=30).headers["Content-Type"].startswith("application/ld+json")
    assert requests.get(url + "?format=bogus", timeout=30).status_code == 406


# --- Language of every page kind ----------------------------------------------------------------------

@pytest.mark.parametrize("lang, skip, search, relations", [
    ("fi", "Siirry sisältöön", "Haku", "Helsinki: suhteet"), ("sv", "Hoppa till innehållet", "Sök", "Relationer för Helsingfors")])
def test_resource_pages_are_localised_throughout(helsinki_store, lang, skip, search, relations):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    page = client.get("/id/city/helsinki", headers={"Accept": "text/html", "Accept-Language": lang}).get_data(as_text=True)
    assert skip in page and f'<a href="/search">{search}</a>' in page and f'<title id="rel-title">{relations}</title>' in page
    assert "Skip to content" not in page and "Relations of" not in page


# --- Inferred statements that repeat an asserted one ---------------------------------------------------

def test_an_entailed_super_property_statement_is_not_shown_twice(helsinki_store):
    from citykg.graph.store import current
    from citykg.server.describe import describe

    store = current(helsinki_store).open()
    indicator = "https://w3id.org/citykg/id/indicator/helsingin-satama-matkustajat"
    # The store holds both ckg:value (asserted) and rdf:value (entailed: ckg:value rdfs:subPropertyOf rdf:value) ...
    assert store.query(f"ASK {{ <{indicator}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v ; <https://w3id.org/citykg/ontology#value> ?v }}")
    # ... but the page shows the fact once, with its source.
    shown = {f.property: f.values for f in describe(store, indicator, "en").facts}
    assert "https://w3id.org/citykg/ontology#value" in shown and "http://www.w3.org/1999/02/22-rdf-syntax-ns#value" not in shown
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    page = client.get("/id/indicator/helsingin-satama-matkustajat", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("12,300,000") == 1
    # The rule is general: any inferred statement repeating one with a more specific property is hidden.
    admin = describe(store, "https://w3id.org/citykg/id/organisation/helsingin-kaupunki", "en")
    by_property = {f.property: {v.iri or v.text for v, _, _ in f.values} for f in admin.facts}
    assert by_property.get("https://w3id.org/citykg/ontology#memberOf")
    assert not by_property.get("http://www.w3.org/ns/org#memberOf", set()) & by_property["https://w3id.org/citykg/ontology#memberOf"]
    # The RDF keeps both statements (the page hides, the data does not lose).
    turtle = client.get("/id/indicator/helsingin-satama-matkustajat.nt").get_data(as_text=True)
    assert "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>" in turtle


def test_sub_property_rule_on_a_property_of_our_own(tmp_path):
    config = mini_config(tmp_path)
    (config.data_dirs[0] / "sub.ttl").write_text(
        '<https://example.org/narrow> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <https://example.org/broad> .\n'
        '<https://w3id.org/citykg/id/city/subcity> a <https://w3id.org/citykg/ontology#City> ; '
        '<http://www.w3.org/2000/01/rdf-schema#label> "Subcity"@en ; <https://example.org/narrow> "only once" .\n')
    build(config, Reporter(quiet=True))
    client = create_app({"STORE": str(config.store_root)}).test_client()
    nt = client.get("/id/city/subcity.nt").get_data(as_text=True)
    page = client.get("/id/city/subcity", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<https://example.org/broad>" in nt  # OWL RL entails the super-property statement from a data file's axiom ...
    assert page.count("only once") == 1  # ... and the page shows the fact once


# --- Bounded work on a 404 ------------------------------------------------------------------------------

def counting(monkeypatch, module, name: str) -> list:
    """Replace *module*.*name* by a wrapper recording its calls' arguments; return the record."""
    calls = []
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_a_404_searches_a_few_words_of_the_path_only(helsinki_store, monkeypatch):
    from citykg.server import web

    searches = counting(monkeypatch, web, "search")
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    long_path = "/id/city/" + "-".join(["ki"] * 3000)
    page = client.get(long_path, headers={"Accept": "text/html"})
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.get_data(as_text=True)
    assert 0 < len(searches) <= web.GUESS_WORDS and all(args[1] == "ki" for args in searches)
    assert web.guess_of("https://w3id.org/citykg" + long_path) == " ".join(["ki"] * web.GUESS_WORDS)
    assert len(web.guess_of("x/" + "k" * 10_000)) == web.GUESS_CHARS  # one very long word is cut too
    # Enough suggestions after the first word: no more searches.
    searches.clear()
    page = client.get("/id/city/a-e-i-o-u", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert len(searches) == 1 and page.count("<li><a href=") == web.MAX_SUGGESTIONS
    # The 404s of indexes and documents do not search at all.
    searches.clear()
    for path in ("/index/NoSuchClass", "/index/" + "-".join(["ki"] * 3000), "/ontology/9.9.9", "/ontology.bogus", "/shapes/9.9.9"):
        assert client.get(path, headers={"Accept": "text/html"}).status_code == 404, path
    assert searches == []


# --- One build per request, 304 before rendering -----------------------------------------------------

PAGE_VIEWS = ["/", "/index/City", "/search?q=pietari", "/search?q=pietari&format=json", "/id/city/helsinki",
              "/id/city/helsinki.ttl", "/ontology", "/ontology.ttl", "/shapes", "/.well-known/void", "/id/city/no-such-city"]


@pytest.mark.parametrize("path", PAGE_VIEWS)
def test_a_page_reads_one_build_for_its_body_and_its_etag(helsinki_store, monkeypatch, path):
    # get_store() may see a newer build at every call: a view asks once and hands that build on.
    from citykg.server import dataset, ontology_pages, resources, search, store, web

    calls = []
    for module in (dataset, ontology_pages, resources, search, web):
        if hasattr(module, "get_store"):
            monkeypatch.setattr(module, "get_store", lambda: calls.append(1) or store.get_store())
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    response = client.get(path, headers={"Accept": "text/html"} if "." not in path.rsplit("/", 1)[-1] else {})
    assert response.status_code in (200, 404) and len(calls) == 1, (response.status_code, len(calls))


@pytest.mark.parametrize("path, module, name", [
    ("/", "dataset", "class_counts"), ("/index/City", "dataset", "labels_of"), ("/search?q=pietari", "search", "search"),
    ("/search?q=pietari&format=json", "search", "search"), ("/id/city/helsinki", "resources", "describe"),
    ("/id/city/helsinki.ttl", "resources", "rdf_description"), ("/shapes", "ontology_pages", "render_template"),
    ("/ontology.ttl", "ontology_pages", "ox"), ("/.well-known/void", "dataset", "void_graph")])
def test_a_current_copy_gets_304_before_the_page_is_made(helsinki_store, monkeypatch, path, module, name):
    import importlib

    target = importlib.import_module(f"citykg.server.{module}")
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    headers = {"Accept": "text/html", "Accept-Language": "en"} if "." not in path.rsplit("/", 1)[-1] else {}
    first = client.get(path, headers=headers)
    assert first.status_code == 200 and first.headers["ETag"]
    # From now on, making the page fails: a 304 must come without it.
    monkeypatch.setattr(target, name, None)
    for tag in (first.headers["ETag"], "W/" + first.headers["ETag"]):  # If-None-Match compares weakly
        again = client.get(path, headers={**headers, "If-None-Match": tag})
        assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"] and again.data == b""
        assert again.headers["Vary"] == first.headers["Vary"]
        assert "Set-Cookie" not in again.headers
    stale = client.get(path, headers={**headers, "If-None-Match": '"stale"'})
    assert stale.status_code == 500  # a stale copy makes the page (here: with the broken helper)


def test_resource_has_no_conditional_check_of_its_own():
    import inspect

    from citykg.server import resources

    source = inspect.getsource(resources)
    assert "if_none_match" not in source and "set_etag" not in source and "def negotiate" not in source


# --- Language switch: links that survive encoded paths; cookies on HTML only ------------------------

def test_language_links_keep_the_path_percent_encoded(helsinki_store):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    page = client.get("/id/city/a%3Fb%23c%20d", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/id/city/a%3Fb%23c%20d?lang=sv"' in page
    assert 'href="/id/city/a?b' not in page and 'href="/id/city/a%3Fb#c' not in page
    finnish = client.get("/search?q=p%C3%A4ij%C3%A4t", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/search?q=p%C3%A4ij%C3%A4t&amp;lang=fi"' in finnish


@pytest.mark.parametrize("path, cookie", [
    ("/id/city/helsinki?lang=sv", True), ("/id/city/helsinki.ttl?lang=sv", False), ("/id/city/helsinki?format=turtle&lang=sv", False),
    ("/search?q=pietari&format=json&lang=sv", False), ("/sparql?query=ASK%7B%7D&lang=sv", False), ("/ontology.ttl?lang=sv", False)])
def test_the_language_cookie_is_set_by_html_pages_only(helsinki_server, path, cookie):
    # A live server: SPARQL queries run in the server's pool of query processes.
    response = requests.get(helsinki_server.url + path, headers={"Accept": "text/html"} if cookie else {}, timeout=30)
    assert response.status_code == 200
    assert ("Set-Cookie" in response.headers) == cookie, response.headers["Content-Type"]


# --- Derived data: once per data version, shared safely by threads ------------------------------------

def test_per_version_computes_once_per_version_under_concurrency():
    import threading
    import time
    from types import SimpleNamespace

    from citykg.server.cache import KEEP_VERSIONS, per_version

    computed = []

    @per_version
    def slow(opened):
        computed.append(opened.version)
        time.sleep(0.05)
        return [opened.version]

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(SimpleNamespace(version="v1")))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert computed == ["v1"] and results == [["v1"]] * 8
    for n in range(2, 2 + KEEP_VERSIONS):
        slow(SimpleNamespace(version=f"v{n}"))
    assert slow(SimpleNamespace(version=f"v{1 + KEEP_VERSIONS}")) == [f"v{1 + KEEP_VERSIONS}"]
    assert computed == ["v1"] + [f"v{n}" for n in range(2, 2 + KEEP_VERSIONS)]  # newest kept, oldest dropped
    slow(SimpleNamespace(version="v1"))
    assert computed[-1] == "v1"


def test_the_sub_property_hierarchy_is_computed_once_per_version(helsinki_store, monkeypatch):
    from citykg.server import describe, label_index

    describe.sub_property_hierarchy.cache_clear()
    label_index.index.cache_clear()
    hierarchies = counting(monkeypatch, describe, "strict_sub_properties")
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    for path in ("/id/city/helsinki", "/id/city/tukholma", "/id/indicator/helsingin-satama-matkustajat"):
        assert client.get(path, headers={"Accept": "text/html"}).status_code == 200
    assert len(hierarchies) == 1
    below = describe.sub_property_hierarchy.__wrapped__(SimpleStore(helsinki_store))
    assert "https://w3id.org/citykg/ontology#value" in below["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"]


class SimpleStore:
    """Just enough of an open build for the per-version functions."""

    def __init__(self, root):
        from citykg.graph.store import current

        built = current(root)
        self.version, self.store = built.version, built.open()


def test_a_raw_byte_not_in_utf8_in_the_query_string_is_no_500(helsinki_store):
    """WSGI hands a raw 0xFF over as the latin-1 character; werkzeug's strict decoding made every
    page that reads a parameter answer 500."""
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    # The SPARQL protocol refuses a query string that is not UTF-8 (400), on a page in the asked-for language.
    for path, status in (("/id/city/helsinki", 200), ("/sparql", 400)):
        answer = client.get(path, environ_overrides={"QUERY_STRING": "lang=fi&\xff=1"}, headers={"Accept": "text/html"})
        assert answer.status_code == status, (path, answer.status_code)
        assert 'lang="fi"' in answer.get_data(as_text=True)
