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
