"""Writes: off by default, token-protected, SHACL-validated, all or nothing, kept across builds."""

from __future__ import annotations

import subprocess

import pytest

from citykg.graph.pipeline import build
from citykg.graph.progress import Reporter
from citykg.graph.store import current
from citykg.server import create_app

from .conftest import CITYKG, mini_config

TOKEN = "s3cret-token"
GRAPH = "https://w3id.org/citykg/graph/writes/espoo"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ESPOO = ('<https://w3id.org/citykg/id/city/espoo> a <https://w3id.org/citykg/ontology#City> ; '
         '<http://www.w3.org/2000/01/rdf-schema#label> "Espoo"@fi , "Esbo"@sv .\n')
NO_LABEL = "<https://w3id.org/citykg/id/city/vantaa> a <https://w3id.org/citykg/ontology#City> .\n"


@pytest.fixture
def store(tmp_path):
    config = mini_config(tmp_path)
    build(config, Reporter(quiet=True))
    return config


def client(config, token=TOKEN):
    return create_app({"STORE": str(config.store_root), "UPDATE_TOKEN": token}).test_client()


def labels(c, city="espoo"):
    query = f"SELECT ?l WHERE {{ <https://w3id.org/citykg/id/city/{city}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    rows = c.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}).get_json()
    return sorted(b["l"]["value"] for b in rows["results"]["bindings"])


def test_writes_are_off_by_default(store):
    c = client(store, token="")
    assert c.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {ESPOO} }} }}"}).status_code == 403
    assert c.put("/graph-store", query_string={"graph": GRAPH}, data=ESPOO, content_type="text/turtle").status_code == 403


def test_writes_need_the_token(store):
    c = client(store)
    assert c.put("/graph-store", query_string={"graph": GRAPH}, data=ESPOO, content_type="text/turtle").status_code == 401
    wrong = c.put("/graph-store", query_string={"graph": GRAPH}, data=ESPOO, content_type="text/turtle", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "Bearer" in wrong.headers["WWW-Authenticate"]
    assert c.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {ESPOO} }} }}"}).status_code == 401
    assert labels(c) == []


def test_graph_store_put_get_post_delete(store):
    c = client(store)
    put = c.put("/graph-store", query_string={"graph": GRAPH}, data=ESPOO, content_type="text/turtle", headers=AUTH)
    assert put.status_code == 201, put.get_data(as_text=True)  # a new graph: "201 Created"
    assert labels(c) == ["Esbo", "Espoo"]
    got = c.get("/graph-store", query_string={"graph": GRAPH}, headers={"Accept": "text/turtle"})  # reading is open
    assert got.status_code == 200 and "Esbo" in got.get_data(as_text=True)
    more = '<https://w3id.org/citykg/id/city/espoo> <http://www.w3.org/2000/01/rdf-schema#label> "Espoo"@en .\n'
    assert c.post("/graph-store", query_string={"graph": GRAPH}, data=more, content_type="text/turtle", headers=AUTH).status_code == 200
    assert labels(c) == ["Esbo", "Espoo", "Espoo"]
    assert c.delete("/graph-store", query_string={"graph": GRAPH}, headers=AUTH).status_code == 200
    assert labels(c) == [] and c.get("/graph-store", query_string={"graph": GRAPH}).status_code == 404


def test_invalid_write_is_rejected_with_the_shacl_report_and_changes_nothing(store):
    c = client(store)
    before = current(store.store_root).path
    response = c.put("/graph-store", query_string={"graph": GRAPH}, data=NO_LABEL, content_type="text/turtle", headers=AUTH)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "nothing changed" in text and "focus=" in text and "A city needs a label." in text
    assert current(store.store_root).path == before
    assert not list((store.store_root / "writes").glob("*.trig"))


def test_sparql_update_is_all_or_nothing_and_limited_to_writable_graphs(store):
    c = client(store)
    ok = c.post("/sparql", data={"update": f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {ESPOO} }} }}"}, headers=AUTH)
    assert ok.status_code == 200, ok.get_data(as_text=True)
    assert labels(c) == ["Esbo", "Espoo"]
    source_graph = "https://w3id.org/citykg/graph/source/test-doc"
    refused = c.post("/sparql", data={"update": f"DELETE WHERE {{ GRAPH <{source_graph}> {{ ?s ?p ?o }} }}"}, headers=AUTH)
    assert refused.status_code == 403 and "not writable" in refused.get_data(as_text=True)
    assert labels(c, "helsinki") == ["Helsingfors", "Helsinki"]
    both = f"INSERT DATA {{ GRAPH <{GRAPH}x> {{ {NO_LABEL} }} }}"
    assert c.post("/sparql", data={"update": both}, headers=AUTH).status_code == 422
    assert labels(c) == ["Esbo", "Espoo"]


def test_written_data_survives_a_rebuild_from_the_source_files(store):
    c = client(store)
    c.put("/graph-store", query_string={"graph": GRAPH}, data=ESPOO, content_type="text/turtle", headers=AUTH)
    result = subprocess.run([CITYKG, "build", "-q", "--store", str(store.store_root), "--data", str(store.data_dirs[0]),
                             "--ontology", str(store.ontology_dir), "--shapes", str(store.shapes_dir)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    fresh = create_app({"STORE": str(store.store_root)}).test_client()
    assert labels(fresh) == ["Esbo", "Espoo"]


@pytest.mark.parametrize("path", ["/graph/a%3Eb", "/graph/a%20b", "/graph-store?graph=a%20b", "/graph-store?graph=http://x/%3C"])
def test_graph_store_refuses_what_is_not_an_iri(store, path):
    c = client(store)
    for method in ("GET", "HEAD", "PUT", "DELETE"):
        response = c.open(path, method=method, data=ESPOO, content_type="text/turtle", headers=AUTH)
        assert response.status_code == 400, (method, path, response.status_code)
