"""Reading the W3C test manifests (../shared/w3c): HTTP requests in the W3C HTTP-in-RDF vocabulary.

Shared by the SPARQL 1.1 Protocol and Graph Store Protocol harnesses: each manifest entry is a list
of requests (method, path, headers, body) with the expected response (status classes, headers,
body), which the harnesses send as written to a real `citykg serve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.collection import Collection

from .conftest import W3C

SPARQL11 = W3C / "sparql" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")


@dataclass
class HttpRequest:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: dict
    body: bytes | None
    expected: object  # the ht:resp node, read with the manifest graph


def manifest(path: Path) -> Graph:
    """Parse a manifest (an empty graph where the suite is absent; the tests skip then)."""
    return Graph().parse(path, format="turtle") if path.is_file() else Graph()


def cases(graph: Graph):
    """Yield (name, test node) in manifest order."""
    for head in graph.objects(None, MF.entries):
        for test in Collection(graph, head):
            yield str(test).rsplit("#", 1)[-1], test


def header_list(graph: Graph, node) -> dict:
    """An ht:headers list as a dict of lower-case field names to values."""
    if node is None:
        return {}
    return {str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue)) for h in Collection(graph, node)}


def requests_of(graph: Graph, test) -> list[HttpRequest]:
    """The HTTP requests of a test, in order."""
    found = []
    for request in Collection(graph, graph.value(graph.value(test, MF.action), HT.requests)):
        body = graph.value(request, HT.body)
        data = None
        if body is not None:
            encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
            data = str(graph.value(body, CNT.chars)).encode(encoding.lower())
        found.append(HttpRequest(str(graph.value(request, HT.methodName)), str(graph.value(request, HT.absolutePath)),
                                 header_list(graph, graph.value(request, HT.headers)), data, graph.value(request, HT.resp)))
    return found


def status_ok(status: int, expected: set) -> bool:
    """Match a status against hts: codes (Created, OK ...) or classes (StatusCode4xx ...)."""
    names = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}
    for code in expected:
        local = str(code).rsplit("#", 1)[-1]
        if local in names and names[local] == status:
            return True
        local = local.removeprefix("StatusCode")
        if local.endswith("xx") and str(status).startswith(local[0]) or local == str(status):
            return True
    return False
