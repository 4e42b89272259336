"""The WSGI fast path for `/sparql` queries answers exactly as the Flask view would.

Every request below is sent to two apps over the same store: one with the fast path (the
default) and one without it (``SPARQL_FAST_PATH=False``, Flask's view answers everything). Their
status, body and headers must agree, and the fast path must really have answered the requests it
is meant for (the view is not called) and handed every other one to Flask with its body intact.
"""

from __future__ import annotations

import io
import time

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from citykg.server import create_app

QUERY = "SELECT ?l WHERE { <https://w3id.org/citykg/id/city/helsinki> <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
CONSTRUCT = "CONSTRUCT WHERE { <https://w3id.org/citykg/id/city/helsinki> ?p ?o }"
# Headers that may differ between two answers a moment apart; every other one must agree, repeats included.
UNCOMPARED = {"Date", "Expires"}

# (method, query-string parameters, form or body, headers) the fast path answers itself.
ANSWERED = {
    "GET json by Accept": ("GET", {"query": QUERY}, None, {"Accept": "application/sparql-results+json"}),
    "GET with a weighed Accept": ("GET", {"query": QUERY}, None, {"Accept": "text/csv;q=0.9, application/sparql-results+xml"}),
    "GET tsv by format": ("GET", {"query": QUERY, "format": "tsv"}, None, {}),
    "GET no Accept": ("GET", {"query": QUERY}, None, {}),
    "GET with Origin (CORS)": ("GET", {"query": QUERY}, None, {"Origin": "https://app.example", "Accept": "text/csv"}),
    "GET CONSTRUCT as Turtle": ("GET", {"query": CONSTRUCT}, None, {"Accept": "text/turtle"}),
    "GET a protocol dataset": ("GET", {"query": QUERY, "default-graph-uri": "https://w3id.org/citykg/graph/helsinki"}, None,
                               {"Accept": "application/sparql-results+json"}),
    "POST form": ("POST", {}, {"query": QUERY}, {"Accept": "application/sparql-results+json"}),
    "POST direct": ("POST", {}, QUERY.encode(), {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}),
    "POST direct, Finnish text": ("POST", {}, 'ASK { ?s ?p "Päijät-Hämeen liitto"@fi }'.encode(),
                                  {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": "application/sparql-results+json"}),
}
# Requests the fast path must hand to Flask (and that must come out the same).
HANDED_ON = {
    "query page": ("GET", {}, None, {"Accept": "text/html"}),
    "service description": ("GET", {}, None, {"Accept": "text/turtle"}),
    "HTML results": ("GET", {"query": QUERY}, None, {"Accept": "text/html,*/*;q=0.8"}),
    "HTML results by POST form": ("POST", {}, {"query": QUERY, "format": "html"}, {}),
    "406": ("GET", {"query": QUERY}, None, {"Accept": "image/png"}),
    "repeated query": ("GET", [("query", QUERY), ("query", QUERY)], None, {}),
    "update by GET": ("GET", {"update": "CLEAR ALL"}, None, {}),
    "wrong Content-Type": ("POST", {}, QUERY.encode(), {"Content-Type": "text/plain"}),
    "body not UTF-8": ("POST", {}, b"SELECT * WHERE { ?s ?p '\xff' }", {"Content-Type": "application/sparql-query"}),
    "SERVICE refused": ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }"}, None, {}),
    "too deep": ("GET", {"query": "SELECT * WHERE " + "{" * 100 + "}" * 100}, None, {"Accept": "application/json"}),
    "update by POST (writes off)": ("POST", {}, {"update": "CLEAR ALL"}, {}),
    "HEAD": ("HEAD", {"query": QUERY}, None, {}),
    "with ?lang (cookie only on HTML)": ("GET", {"query": QUERY, "lang": "fi"}, None, {"Accept": "text/html"}),
}
# Requests that run and fail: the fast path answers them through the view's error function.
FAILED = {
    "syntax error, text": ("GET", {"query": "SELECT ?x WHERE { ?x"}, None, {}),
    "syntax error, JSON": ("GET", {"query": "SELECT ?x WHERE { ?x"}, None, {"Accept": "application/sparql-results+json, application/json"}),
    "syntax error, HTML page": ("GET", {"query": "SELECT ?x WHERE { ?x"}, None,
                                {"Accept": "application/sparql-results+json, text/html;q=0.9"}),
    "syntax error, CORS": ("POST", {}, "SELECT ?x WHERE { ?x".encode(), {"Content-Type": "application/sparql-query", "Origin": "https://app.example"}),
}


@pytest.fixture(scope="module")
def apps(helsinki_store):
    """(fast, flask_only, calls): two apps over one store, and a count of the fast app's view calls."""
    fast = create_app({"STORE": str(helsinki_store)})
    plain = create_app({"STORE": str(helsinki_store), "SPARQL_FAST_PATH": False})
    calls = []
    view = fast.view_functions["sparql.endpoint"]

    def counted():
        calls.append(1)
        return view()

    fast.view_functions["sparql.endpoint"] = counted
    return fast.test_client(), plain.test_client(), calls


def send(client, method, params, body, headers):
    kwargs = {"query_string": params, "headers": headers}
    if isinstance(body, dict):
        kwargs["data"] = body
    elif body is not None:
        kwargs["data"] = body
        kwargs["content_type"] = headers.get("Content-Type")
    return client.open("/sparql", method=method, **kwargs)


def assert_same(fast, plain):
    assert fast.status_code == plain.status_code
    if fast.mimetype == "text/turtle" and fast.get_data() != plain.get_data():
        # The service description is made anew for each request, with fresh blank nodes.
        assert isomorphic(Graph().parse(data=fast.get_data(), format="turtle"), Graph().parse(data=plain.get_data(), format="turtle"))
    else:
        assert fast.get_data() == plain.get_data()
    assert headers(fast) == headers(plain)


def headers(response) -> list:
    """All headers but the time-dependent ones, repeats kept; a cookie's expiry is time too."""
    return sorted((k, v.split("; Expires=")[0]) for k, v in response.headers.items() if k not in UNCOMPARED)


@pytest.mark.parametrize("name", list(ANSWERED))
def test_fast_path_answers_as_the_view_does(apps, name):
    fast, plain, calls = apps
    calls.clear()
    answer = send(fast, *ANSWERED[name])
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert calls == [], "the Flask view answered a request the fast path is for"
    assert_same(answer, send(plain, *ANSWERED[name]))


@pytest.mark.parametrize("name", list(HANDED_ON))
def test_everything_else_reaches_flask_unchanged(apps, name):
    fast, plain, calls = apps
    calls.clear()
    answer = send(fast, *HANDED_ON[name])
    assert calls == [1], "the fast path answered a request that is the view's (or handed it on twice)"
    assert_same(answer, send(plain, *HANDED_ON[name]))


def test_head_gets_the_gets_headers(apps):
    fast, _, _ = apps
    head, get = send(fast, *HANDED_ON["HEAD"]), send(fast, "GET", {"query": QUERY}, None, {})
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["ETag"] == get.headers["ETag"] and head.mimetype == get.mimetype


def test_handed_on_post_keeps_its_body(apps):
    fast, _, _ = apps
    page = send(fast, *HANDED_ON["HTML results by POST form"])
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Helsingfors" in page.get_data(as_text=True)  # the query in the body ran


@pytest.mark.parametrize("name", list(FAILED))
def test_failures_are_answered_by_the_views_error_function(apps, name):
    fast, plain, calls = apps
    calls.clear()
    answer = send(fast, *FAILED[name])
    assert answer.status_code == 400
    assert "SPARQL syntax error" in answer.get_data(as_text=True)
    assert calls == [], "the query ran twice: the fast path handed its failure to the view"
    assert_same(answer, send(plain, *FAILED[name]))


def test_a_timeout_is_answered_once_as_the_view_does(helsinki_store):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    answers = [create_app({"STORE": str(helsinki_store), "QUERY_TIMEOUT": 1, "SPARQL_FAST_PATH": fast}).test_client()
               .get("/sparql", query_string={"query": runaway, "lang": "fi"}, headers={"Accept": "application/json", "Origin": "https://a.example"})
               for fast in (True, False)]
    assert [a.status_code for a in answers] == [503, 503]
    assert "longer than the limit of 1 s" in answers[0].get_json()["error"]
    assert_same(*answers)


def test_conditional_get_still_answers_304(apps):
    fast, _, _ = apps
    first = send(fast, *ANSWERED["GET json by Accept"])
    again = fast.get("/sparql", query_string={"query": QUERY},
                     headers={"Accept": "application/sparql-results+json", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]


def test_oversized_body_is_refused_by_flask(helsinki_store):
    client = create_app({"STORE": str(helsinki_store), "MAX_CONTENT_LENGTH": 1000}).test_client()
    answer = client.post("/sparql", data=("SELECT * WHERE { ?s ?p ?o } #" + "x" * 2000).encode(),
                         content_type="application/sparql-query")
    assert answer.status_code == 413


def test_an_unexpected_error_is_flasks_500(tmp_path):
    """No build in the store folder: both paths log it and answer 500, with CORS headers."""
    answers = [create_app({"STORE": str(tmp_path), "SPARQL_FAST_PATH": fast}).test_client()
               .get("/sparql", query_string={"query": QUERY}, headers={"Accept": "text/csv", "Origin": "https://app.example"})
               for fast in (True, False)]
    assert [a.status_code for a in answers] == [500, 500]
    assert_same(*answers)


@pytest.mark.parametrize("fast", [True, False])
def test_a_text_that_defeats_backtracking_is_judged_at_once(helsinki_store, fast):
    """Escaped quotes with no closing quote once made the masking scan quadratic, holding the GIL
    (21 s for a 64 KiB query, minutes for a 1 MiB body): the limits and the scan must stay linear."""
    client = create_app({"STORE": str(helsinki_store), "SPARQL_FAST_PATH": fast}).test_client()
    for size, status in ((30_000, 400), (60_000, 413)):  # under the 64 KiB limit (x2 bytes), over it
        text = 'ASK { ?s ?p "' + '\\"' * size
        started = time.monotonic()
        answer = client.post("/sparql", data=text.encode(), content_type="application/sparql-query")
        assert answer.status_code == status, answer.get_data(as_text=True)
        assert time.monotonic() - started < 10, "the scan of the query text is not linear"


@pytest.mark.parametrize("fast", [True, False])
def test_no_request_size_limit_is_flasks_none(helsinki_store, fast):
    client = create_app({"STORE": str(helsinki_store), "MAX_CONTENT_LENGTH": None, "SPARQL_FAST_PATH": fast}).test_client()
    answer = client.post("/sparql", data=b"ASK {}", content_type="application/sparql-query", headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.get_json()["boolean"] is True


def test_a_body_shorter_than_its_length_is_a_400(apps):
    for client in apps[:2]:
        # As `flask run` passes a body whose client went away (granian and gunicorn cut it themselves).
        answer = client.post("/sparql", content_type="application/sparql-query",
                             environ_overrides={"wsgi.input": io.BytesIO(b"ASK {}"), "CONTENT_LENGTH": "100"})
        assert answer.status_code == 400


def test_a_parameter_name_not_in_utf8_is_a_400(apps):
    for client in apps[:2]:
        # A raw byte 0xFF in the query string (WSGI hands it over as the latin-1 character).
        answer = client.get("/sparql", environ_overrides={"QUERY_STRING": "query=ASK%7B%7D&\xff=1"}, headers={"Accept": "text/html"})
        assert answer.status_code == 400 and "not valid UTF-8" in answer.get_data(as_text=True)
