"""The SPARQL 1.1 Protocol over real HTTP against `citykg serve` on the Helsinki store."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest
import requests
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from citykg.server.sparql import examples

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LABELS = """SELECT ?label WHERE { <https://w3id.org/citykg/id/organisation/paijat-hameen-liitto>
    <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"""
EXPECTED_LABELS = ["Päijät-Hämeen liitto", "Regional Council of Päijät-Häme"]
CONSTRUCT = "CONSTRUCT WHERE { <https://w3id.org/citykg/id/city/helsinki> ?p ?o }"


def get(server, query, **kwargs):
    return requests.get(server.url + "/sparql", params={"query": query, **kwargs.pop("params", {})}, timeout=30, **kwargs)


def test_get_form_and_direct_post_agree(helsinki_server):
    url = helsinki_server.url + "/sparql"
    accept = {"Accept": "application/sparql-results+json"}
    by_get = requests.get(url, params={"query": LABELS}, headers=accept, timeout=30)
    by_form = requests.post(url, data={"query": LABELS}, headers=accept, timeout=30)
    direct = requests.post(url, data=LABELS.encode(), headers={**accept, "Content-Type": "application/sparql-query"}, timeout=30)
    values = [[b["label"]["value"] for b in r.json()["results"]["bindings"]] for r in (by_get, by_form, direct)]
    assert values == [EXPECTED_LABELS] * 3


@pytest.mark.parametrize(
    "accept, media_type",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_results_by_accept_keep_non_ascii(helsinki_server, accept, media_type):
    response = get(helsinki_server, LABELS, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media_type)
    assert "charset=utf-8" in response.headers["Content-Type"].lower() or media_type.endswith(("json", "xml"))
    text = response.content.decode("utf-8")
    if media_type.endswith("json"):
        labels = [b["label"]["value"] for b in json.loads(text)["results"]["bindings"]]
    elif media_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        labels = [e.text for e in ElementTree.fromstring(response.content).findall(".//r:literal", ns)]
    elif media_type == "text/csv":
        labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    else:
        labels = [line.split("@")[0].strip('"') for line in text.splitlines()[1:]]
    assert labels == EXPECTED_LABELS


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml"), ("application/trig", "trig"), ("application/n-quads", "nquads")],
)
def test_construct_by_accept_parses_back(helsinki_server, accept, rdflib_format):
    response = get(helsinki_server, CONSTRUCT, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=response.content, format=rdflib_format) if rdflib_format not in ("trig", "nquads") else None
    if graph is not None:
        labels = {str(o) for o in graph.objects(URIRef("https://w3id.org/citykg/id/city/helsinki"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
        assert {"Helsinki", "Helsingfors"} <= labels


@pytest.mark.parametrize("fmt, media_type", [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_format_parameter_wins_for_browsers(helsinki_server, fmt, media_type):
    response = get(helsinki_server, LABELS, params={"format": fmt}, headers={"Accept": "text/html"})
    assert response.headers["Content-Type"].startswith(media_type)


def test_406_when_nothing_fits(helsinki_server):
    assert get(helsinki_server, LABELS, headers={"Accept": "image/png"}).status_code == 406
    assert get(helsinki_server, CONSTRUCT, headers={"Accept": "text/csv"}).status_code == 406


def test_protocol_dataset_overrides_the_default_graph(helsinki_server):
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/citykg/ontology#City> }"
    everything = int(get(helsinki_server, query).json()["results"]["bindings"][0]["n"]["value"])
    only_000 = get(helsinki_server, query, params={"default-graph-uri": "https://w3id.org/citykg/graph/source/000"})
    assert int(only_000.json()["results"]["bindings"][0]["n"]["value"]) == 2 < everything  # Helsinki, London
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = get(helsinki_server, named, params={"named-graph-uri": "https://w3id.org/citykg/graph/source/003"})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == ["https://w3id.org/citykg/graph/source/003"]


@pytest.mark.parametrize(
    "method, kwargs, status",
    [
        ("post", {"data": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ("post", {"data": b"ASK {}", "headers": {"Content-Type": ""}}, 415),
        ("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("post", {"data": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("post", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("get", {"params": {"update": "CLEAR ALL"}}, 400),
        ("post", {"data": "ASK { ?s ?p 'é' }".encode("latin-1"), "headers": {"Content-Type": "application/sparql-query"}}, 400),
        ("post", {"data": {"update": "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }", "using-graph-uri": "http://g"},
                  "params": None}, 403),
        ("post", {"data": {"update": "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "using-graph-uri": "http://g"}}, 400),
        ("put", {"data": "ASK {}"}, 405),
        ("get", {"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
        ("post", {"data": {"other": "x"}}, 400),
    ],
    ids=["wrong-content-type", "no-content-type", "repeated-query-get", "repeated-query-post", "query-and-update",
         "update-by-get", "not-utf8", "update-refused", "using-graph-uri-with-WITH", "wrong-method", "syntax-error", "missing-query"],
)
def test_protocol_errors_are_4xx(helsinki_server, method, kwargs, status):
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    response = getattr(requests, method)(helsinki_server.url + "/sparql", timeout=30, **kwargs)
    assert response.status_code == status, response.text


def test_syntax_error_names_the_position_in_the_format_asked(helsinki_server):
    as_text = get(helsinki_server, "SELECT * WHERE { ?s ?p }")
    assert as_text.status_code == 400 and as_text.headers["Content-Type"].startswith("text/plain")
    assert "syntax error" in as_text.text and "1:" in as_text.text
    as_json = get(helsinki_server, "SELECT * WHERE { ?s ?p }", headers={"Accept": "application/json"})
    assert as_json.json()["status"] == 400 and "syntax error" in as_json.json()["error"]
    as_html = get(helsinki_server, "SELECT * WHERE { ?s ?p }", headers={"Accept": "text/html"})
    assert as_html.headers["Content-Type"].startswith("text/html") and "syntax error" in as_html.text


def test_oversized_request_is_413(helsinki_server):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70000
    assert requests.post(helsinki_server.url + "/sparql", data={"query": huge}, timeout=30).status_code == 413
    body = b"x" * 2_000_000
    response = requests.post(helsinki_server.url + "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert response.status_code == 413


def test_service_description_without_a_query(helsinki_server):
    response = requests.get(helsinki_server.url + "/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    graph = Graph().parse(data=response.content, format="turtle")
    service = next(graph.subjects(RDF.type, SD.Service))
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.endpoint, URIRef(helsinki_server.url + "/sparql")) in graph
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert "https://w3id.org/citykg/graph/source/002" in names


def test_query_page_for_browsers_works_without_javascript(helsinki_server):
    page = requests.get(helsinki_server.url + "/sparql", headers={"Accept": "text/html,*/*;q=0.8"}, timeout=30)
    assert page.headers["Content-Type"].startswith("text/html")
    assert '<form method="get"' in page.text and "<textarea" in page.text
    # Scripts only from the app itself (the UI works offline), never from elsewhere.
    assert all(src.startswith("/static/") for src in re.findall(r'<script src="([^"]+)"', page.text))
    assert page.text.count("format=html") >= 10  # the example queries
    result = get(helsinki_server, LABELS, params={"format": "html"})
    assert "<table>" in result.text and "Päijät-Hämeen liitto" in result.text


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.title[:40])
def test_every_example_query_answers_on_the_helsinki_data(helsinki_server, example):
    response = get(helsinki_server, example.text, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"], example.title


def test_there_are_at_least_ten_examples():
    assert len(examples()) >= 10


def test_cors_for_simple_requests_and_preflight(helsinki_server):
    response = get(helsinki_server, LABELS, headers={"Origin": "https://app.example"})
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://app.example")
    assert "X-Citykg-Truncated" in response.headers["Access-Control-Expose-Headers"]
    preflight = requests.options(helsinki_server.url + "/sparql", timeout=30, headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_conditional_get_answers_304(helsinki_server):
    first = get(helsinki_server, LABELS)
    assert first.headers["ETag"] and first.headers["Vary"] == "Accept" and first.headers["Last-Modified"]
    again = get(helsinki_server, LABELS, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_relative_iris_resolve_against_the_endpoint(helsinki_server):
    response = get(helsinki_server, "SELECT ?iri WHERE { BIND(<graph/x> AS ?iri) }", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["iri"]["value"] == helsinki_server.url + "/graph/x"


def test_the_html_result_page_varies_by_language_and_is_not_the_json_etag(helsinki_server):
    query = "ASK {}"
    as_json = get(helsinki_server, query, headers={"Accept": "application/sparql-results+json"})
    pages = {lang: get(helsinki_server, query, headers={"Accept": "text/html", "Accept-Language": lang}) for lang in ("fi", "en")}
    assert as_json.headers["Vary"] == "Accept"
    assert {p.headers["ETag"] for p in pages.values()} & {as_json.headers["ETag"]} == set()
    assert pages["fi"].headers["ETag"] != pages["en"].headers["ETag"]
    assert all("Accept-Language" in p.headers["Vary"] and "Cookie" in p.headers["Vary"] for p in pages.values())
    assert "Set-Cookie" not in get(helsinki_server, query, params={"lang": "fi"}, headers={"Accept": "application/sparql-results+json"}).headers
