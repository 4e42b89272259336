"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (../shared/w3c), over real HTTP.

Both manifests run against `citykg serve` on the miniature store with writes enabled: the 9
indirect-identification tests (``/gsp?graph=IRI`` becomes ``/graph-store?graph=IRI``) and the 4
direct-identification tests (``/gsp/person/1.ttl`` becomes ``/graph/writes/.../person/1.ttl``, a
named graph whose IRI is its URL on this server). The suite's graph IRIs
(``http://www.example/gsp/...``) are moved into the writable space
``https://w3id.org/citykg/graph/writes/<test name>/...`` (each test its own folder, so every test
starts from no graphs, as the suite assumes), and each write carries the bearer token. Expected
bodies are compared as graphs (isomorphism: the suite's bodies use blank nodes).

Not applicable: ``put_get_default`` — it writes the default graph, which on this server is the
merge of all named graphs and is not writable by design (400; see README, "Writes").
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
import requests
from rdflib import Graph
from rdflib.compare import isomorphic

from citykg.graph.writes import WRITABLE

from .conftest import LiveServer, built_mini_store
from .w3c import CNT, HT, MF, SPARQL11, cases, header_list, manifest, requests_of, status_ok

GSP = SPARQL11 / "graph-store-protocol"
MANIFESTS = {name: manifest(GSP / f"manifest-{name}.ttl") for name in ("indirect", "direct")}
CASES = [(kind, name, test) for kind, graph in MANIFESTS.items() for name, test in cases(graph)]
SUITE_GRAPHS = "http://www.example/gsp/"
NOT_APPLICABLE = {"put_get_default": "the default graph is the merge of all graphs and is not writable by design"}
TOKEN = "w3c-gsp"

# The suite's tests skip where ../shared/w3c is absent; the harness test below does not, so a
# run without the data (CI always has it) cannot pass by running nothing.
needs_suite = pytest.mark.skipif(not GSP.is_dir(), reason=f"W3C test data not found at {GSP}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`citykg serve` with writes enabled, on a mini store of this module's own (the suite writes)."""
    live = LiveServer(built_mini_store(tmp_path_factory.mktemp("gsp")), env={"CITYKG_UPDATE_TOKEN": TOKEN})
    yield live
    live.stop()


def local_path(path: str, folder: str, location: str | None) -> str:
    """Rewrite a suite path onto this server, with the suite's graphs moved into *folder*."""
    if location is not None:
        path = path.replace("$LOCATION$", quote(location, safe=""))
    target = WRITABLE + folder + "/"
    path = path.replace(quote(SUITE_GRAPHS, safe=""), quote(target, safe="")).replace(SUITE_GRAPHS, target)
    if path.startswith("/gsp/"):
        return "/graph/writes/" + folder + "/" + path.removeprefix("/gsp/")
    return path.replace("/gsp", "/graph-store", 1)


def same_media_type(actual: str, expected: str) -> bool:
    """Compare Content-Type values ignoring case and spaces around parameters."""
    def norm(value):
        return [part.strip().lower() for part in value.split(";")]

    return norm(actual) == norm(expected)


@needs_suite
@pytest.mark.parametrize("kind, name, test", CASES, ids=[f"{k}-{n}" for k, n, _ in CASES])
def test_w3c_graph_store(server, kind, name, test):
    if name in NOT_APPLICABLE:
        pytest.skip(NOT_APPLICABLE[name])
    graph = MANIFESTS[kind]
    location = None
    for sent in requests_of(graph, test):
        path = local_path(sent.path, name, location)
        headers = {**sent.headers, "Authorization": f"Bearer {TOKEN}"}
        response = requests.request(sent.method, server.url + path, headers=headers, data=sent.body, timeout=60)
        expected = sent.expected
        statuses = set(graph.objects(expected, MF.expectedStatus))
        assert status_ok(response.status_code, statuses), (name, sent.method, path, response.status_code, response.text)
        location = response.headers.get("Location", location)
        for field, value in header_list(graph, graph.value(expected, HT.headers)).items():
            assert same_media_type(response.headers.get(field, ""), value), (name, field, response.headers.get(field))
        body = graph.value(expected, HT.body)
        if body is not None and sent.method == "GET":
            want = Graph().parse(data=str(graph.value(body, CNT.chars)), format="turtle")
            got = Graph().parse(data=response.content, format="turtle")
            assert isomorphic(want, got), (name, response.text)


def test_the_harness_runs_both_manifests():
    found = [len([c for c in CASES if c[0] == kind]) for kind in MANIFESTS]
    assert found == [9, 4], f"the W3C Graph Store manifests were not found or changed ({GSP})"
