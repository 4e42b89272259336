"""The endpoint survives its public: timeouts, crashes, nesting, result size, SERVICE and LOAD.

Each test would fail if its protection were removed: without the deadline the runaway query
would hang the client (which gives up after a bound), without the nesting check the engine would
crash instead of a clear refusal, without the SERVICE check the listener below would be contacted.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import LiveServer

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = "SELECT ?l WHERE { <https://w3id.org/citykg/id/city/helsinki> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"


@pytest.fixture(scope="module")
def limited(helsinki_store):
    """A server with a 1 s query limit and a 5-result limit."""
    server = LiveServer(helsinki_store, env={"CITYKG_QUERY_TIMEOUT": "1", "CITYKG_MAX_RESULT_ROWS": "5", "CITYKG_QUERY_PROCESSES": "2"})
    yield server
    server.stop()


def ask(server, query, **kwargs):
    return requests.get(server.url + "/sparql", params={"query": query}, timeout=kwargs.pop("timeout", 30), **kwargs)


@pytest.fixture(scope="module")
def patient(helsinki_store):
    """A server with a 5 s query limit: room for a normal query to be served during a runaway
    one even on a loaded machine."""
    server = LiveServer(helsinki_store, env={"CITYKG_QUERY_TIMEOUT": "5", "CITYKG_QUERY_PROCESSES": "2"})
    yield server
    server.stop()


def test_runaway_query_is_stopped_while_a_normal_one_is_served(patient):
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = time.monotonic()
        runaway = pool.submit(ask, patient, RUNAWAY, timeout=30)
        time.sleep(0.2)
        normal = pool.submit(ask, patient, CHEAP)
        normal_response = normal.result()
        runaway_still_running = not runaway.done()
        runaway_response = runaway.result()
        runaway_seconds = time.monotonic() - started
    # The normal query was answered while the runaway still ran; the runaway was cut at its limit.
    assert normal_response.status_code == 200 and runaway_still_running
    assert runaway_response.status_code == 503 and runaway_seconds < 20
    assert "longer than the limit of 5 s" in runaway_response.text
    assert ask(patient, CHEAP).status_code == 200  # and it goes on serving


def test_limits_hold_under_sustained_load(limited):
    """Thousands of cheap queries with runaway ones firing their timeouts in between."""
    session = requests.Session()
    statuses = {}

    def runaways():
        for _ in range(4):
            statuses.setdefault("runaway", []).append(ask(limited, RUNAWAY, timeout=20).status_code)

    killer = threading.Thread(target=runaways)
    killer.start()
    cheap = [session.get(limited.url + "/sparql", params={"query": CHEAP}, timeout=30).status_code for _ in range(2000)]
    killer.join()
    assert cheap.count(200) == 2000
    assert statuses["runaway"] == [503] * 4
    health = requests.get(limited.url + "/health", timeout=5).json()
    assert health["status"] == "ok"


def test_deep_nesting_is_refused_and_cannot_crash_a_worker(limited):
    deep = "SELECT * WHERE " + "{ " * 2000 + "?s ?p ?o " + "} " * 2000
    response = ask(limited, deep)
    assert response.status_code == 400
    assert "nests groups 2000 levels deep; the limit is 64" in response.text
    assert ask(limited, CHEAP).status_code == 200


def test_truncated_results_say_so(limited):
    response = ask(limited, "SELECT * WHERE { ?s ?p ?o }", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["X-Citykg-Truncated"] == "true" and response.headers["X-Citykg-Result-Rows"] == "5"
    assert len(response.json()["results"]["bindings"]) == 5
    small = ask(limited, CHEAP)
    assert small.headers["X-Citykg-Truncated"] == "false"
    page = requests.get(limited.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "html"}, timeout=30)
    assert "truncated" in page.text.lower()


@pytest.fixture
def listener():
    """A TCP listener on loopback that records whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.5)
    contacted = []

    def accept():
        try:
            conn, _ = sock.accept()
            contacted.append(True)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    yield sock.getsockname()[1], contacted
    thread.join()
    sock.close()


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/sparql", "http://localhost:{port}/sparql",
                                    "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"])
def test_service_to_hosts_not_allowed_is_refused(helsinki_server, listener, target):
    port, contacted = listener
    iri = target.format(port=port)
    response = ask(helsinki_server, f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}")
    assert response.status_code == 403 and "not allowed" in response.text
    time.sleep(0.6)
    assert contacted == []


@pytest.mark.parametrize("clause", ["SERVICE<{iri}>", "SERVICE SILENT<{iri}>", "service\n<{iri}>", "SERVICE # note\n<{iri}>"])
def test_service_written_without_a_space_or_with_silent_is_refused(helsinki_server, listener, clause):
    # Oxigraph runs "SERVICE<iri>{...}" as written: the check must not depend on a space.
    port, contacted = listener
    target = clause.format(iri=f"http://127.0.0.1:{port}/sparql")
    response = ask(helsinki_server, f"SELECT * WHERE {{ {target}{{ ?s ?p ?o }} }}")
    assert response.status_code == 403 and "not allowed" in response.text, response.text
    time.sleep(0.6)
    assert contacted == []


def test_a_variable_or_prefixed_name_called_service_is_not_a_service_clause(helsinki_server):
    query = "PREFIX ex: <http://x/> SELECT ?service WHERE { ?service ex:service ?o } LIMIT 1"
    assert ask(helsinki_server, query).status_code == 200


def test_service_with_a_variable_or_hidden_after_a_hash_iri_is_refused(helsinki_server):
    query = "PREFIX a: <http://x#> SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    assert ask(helsinki_server, query).status_code == 403
    assert ask(helsinki_server, "SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }").status_code == 403
    quoted = 'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/> {" }'
    assert ask(helsinki_server, quoted).status_code == 200  # only real SERVICE clauses count


def test_load_and_updates_are_refused(helsinki_server):
    for update in ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD <file:///etc/passwd>", "CLEAR ALL"):
        response = requests.post(helsinki_server.url + "/sparql", data={"update": update}, timeout=30)
        assert response.status_code == 403
    assert requests.get(helsinki_server.url + "/health", timeout=5).json()["triples"] > 1000


def test_allow_listed_service_federates(helsinki_store, helsinki_server):
    """A partner city's server may be queried by SERVICE when it is on the allow-list."""
    federating = LiveServer(helsinki_store, env={"CITYKG_SERVICE_ALLOWLIST": json.dumps([helsinki_server.url + "/sparql"])})
    try:
        query = (f"SELECT ?l WHERE {{ SERVICE <{helsinki_server.url}/sparql> {{ <https://w3id.org/citykg/id/city/tukholma> "
                 "<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'sv') } }")
        response = ask(federating, query, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.text
        assert [b["l"]["value"] for b in response.json()["results"]["bindings"]] == ["Stockholm"]
    finally:
        federating.stop()
