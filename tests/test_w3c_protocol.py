"""The W3C SPARQL 1.1 Protocol tests (../shared/w3c), run over real HTTP against `citykg serve`.

The manifest describes each test as HTTP requests (W3C HTTP-in-RDF vocabulary) with expected
status classes, formats and ASK answers; this harness sends them as written (``/sparql/`` becomes
``/sparql``) to a server whose store holds the suite's data graphs (data1-3.nt, named as the
manifest labels them).

Which apply:
* every ``query_*`` test and every ``bad_query_*`` test — run;
* every ``bad_update_*`` test (4xx expected) — run, with writes enabled so that the refusal comes
  from the protocol check or the parser, not from the token;
* ``update_*`` tests (dataset and base-IRI semantics of successful updates) — not applicable: on this
  server only graphs under ``https://w3id.org/citykg/graph/writes/`` may be written (source graphs
  are curated as files), and these tests write the default graph or the suite's graphs, which the
  server refuses by design with 403.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from rdflib import Namespace
from rdflib.namespace import RDFS

from citykg.graph.pipeline import BuildConfig, build
from citykg.graph.progress import Reporter

from .conftest import MINI, LiveServer
from .w3c import MF, SPARQL11, cases, manifest, requests_of, status_ok

PROTOCOL = SPARQL11 / "protocol"
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
NOT_APPLICABLE = "writes are limited to graph/writes/* by design (see module docstring)"
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "application/trig", "application/n-quads"}
MANIFEST = manifest(PROTOCOL / "manifest.ttl")
CASES = list(cases(MANIFEST))

# The suite's tests skip where ../shared/w3c is absent; the harness test below does not, so a
# run without the data (CI always has it) cannot pass by running nothing.
needs_suite = pytest.mark.skipif(not PROTOCOL.is_dir(), reason=f"W3C test data not found at {PROTOCOL}")


@pytest.fixture(scope="module")
def suite_server(tmp_path_factory):
    """A server over the suite's data graphs (with the mini ontology and shapes), writes enabled."""
    graph = MANIFEST
    data = tmp_path_factory.mktemp("w3c") / "data"
    data.mkdir()
    quads = []
    for node in graph.objects(None, UT.graphData):
        source = Path(str(graph.value(node, UT.graph)).replace("file://", ""))
        name = str(graph.value(node, RDFS.label))
        for line in (PROTOCOL / source.name).read_text().splitlines():
            if line.strip():
                quads.append(line.rstrip(" .") + f" <{name}> .")
    (data / "suite.nq").write_text("\n".join(sorted(set(quads))) + "\n")
    store = data.parent / "store"
    build(BuildConfig(data_dirs=[data], ontology_dir=MINI / "ontology", shapes_dir=MINI / "shapes", store_root=store), Reporter(quiet=True))
    server = LiveServer(store, env={"CITYKG_UPDATE_TOKEN": "w3c"})
    yield server
    server.stop()


@needs_suite
@pytest.mark.parametrize("name, test", CASES, ids=[n for n, _ in CASES])
def test_w3c_protocol(suite_server, name, test):
    if name.startswith("update_"):
        pytest.skip(NOT_APPLICABLE)
    graph = MANIFEST
    for sent in requests_of(graph, test):
        path = sent.path.replace("/sparql/", "/sparql", 1)
        headers = dict(sent.headers)
        if name.startswith("bad_update_"):
            headers["Authorization"] = "Bearer w3c"
        response = requests.request(sent.method, suite_server.url + path, headers=headers, data=sent.body, timeout=30)
        expected = sent.expected
        assert status_ok(response.status_code, set(graph.objects(expected, MF.expectedStatus))), (name, response.status_code, response.text)
        form = graph.value(expected, MF.expectedFormat)
        media = response.headers.get("Content-Type", "").split(";")[0]
        if form is not None and str(form) in ("tabular", "boolean"):
            assert media in RESULT_TYPES, (name, media)
        if form is not None and str(form) == "RDF":
            assert media in RDF_TYPES, (name, media)
        answer = graph.value(expected, MF.expectedBoolean)
        if answer is not None:
            if media.endswith("json"):
                assert json.loads(response.content)["boolean"] is answer.toPython(), name
            else:
                assert f"<boolean>{str(answer.toPython()).lower()}</boolean>" in response.text, name


def test_the_harness_runs_most_of_the_suite():
    names = [n for n, _ in CASES]
    assert len(names) == 34, f"the W3C protocol manifest was not found or changed ({PROTOCOL})"
    assert len([n for n in names if not n.startswith("update_")]) == 27
