"""The real server started by `citykg serve`, queried over HTTP."""

from __future__ import annotations

import requests

from citykg.graph.pipeline import build
from citykg.graph.progress import Reporter
from citykg.graph.store import current

from .conftest import LiveServer, mini_config


def test_health_reports_triples_and_version(mini_server, mini_store):
    response = requests.get(mini_server.url + "/health", timeout=5)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["triples"] == current(mini_store).meta["triples"] > 0
    assert body["quads"] == current(mini_store).meta["quads"] >= body["triples"]
    assert body["version"] == current(mini_store).version


def test_sparql_get_answers_json(mini_server):
    query = "SELECT ?o WHERE { <https://w3id.org/citykg/id/city/helsinki> <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
    response = requests.get(mini_server.url + "/sparql", params={"query": query}, timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    values = sorted(b["o"]["value"] for b in response.json()["results"]["bindings"])
    assert values == ["Helsingfors", "Helsinki"]


def test_sparql_bad_query_is_400(mini_server):
    response = requests.get(mini_server.url + "/sparql", params={"query": "SELEKT"}, timeout=5)
    assert response.status_code == 400


def test_gunicorn_serves_too_without_a_control_socket(mini_store, tmp_path):
    # gunicorn 27 puts its control socket in $XDG_RUNTIME_DIR, else under $HOME: watch both.
    home, runtime = tmp_path / "home", tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir()
    server = LiveServer(mini_store, "--server", "gunicorn", "--workers", "1", env={"HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)})
    try:
        assert requests.get(server.url + "/health", timeout=5).json()["status"] == "ok"
    finally:
        server.stop()
    assert not any(p.suffix in (".sock", ".ctl") or "gunicorn" in p.name for p in tmp_path.rglob("*"))


def test_server_follows_a_rebuild_at_once_without_restart(tmp_path):
    config = mini_config(tmp_path)
    first = build(config, Reporter(quiet=True))
    server = LiveServer(config.store_root)
    try:
        assert requests.get(server.url + "/health", timeout=5).json()["version"] == first.version
        (config.data_dirs[0] / "more.ttl").write_text(
            '<https://w3id.org/citykg/id/city/espoo> a <https://w3id.org/citykg/ontology#City> ; '
            '<http://www.w3.org/2000/01/rdf-schema#label> "Espoo"@fi .\n'
        )
        second = build(config, Reporter(quiet=True))
        # Every worker reads the `current` link on each request: no worker serves the old build.
        versions = {requests.get(server.url + "/health", timeout=5).json()["version"] for _ in range(8)}
        assert versions == {second.version}
    finally:
        server.stop()


def test_ontology_is_served_as_html_and_as_rdf(helsinki_store):
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF

    from citykg.server import create_app

    client = create_app({"STORE": str(helsinki_store)}).test_client()
    html = client.get("/ontology", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert b"Membership" in html.data and html.headers["Vary"] == "Accept"
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.data, format="turtle")
    assert (URIRef("https://w3id.org/citykg/ontology"), RDF.type, OWL.Ontology) in graph
    assert client.get("/ontology?format=nt").mimetype == "application/n-triples"
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
    again = client.get("/ontology", headers={"Accept": "text/turtle", "If-None-Match": turtle.headers["ETag"]})
    assert again.status_code == 304


def test_shapes_are_served_as_html_and_as_rdf(helsinki_store):
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from citykg.server import create_app

    client = create_app({"STORE": str(helsinki_store)}).test_client()
    html = client.get("/shapes", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="MembershipShape"' in html and "Every qualified relation needs a source document" in html
    assert "Jokaisella määritellyllä suhteella on oltava lähdeasiakirja" in html
    graph = Graph().parse(data=client.get("/shapes", headers={"Accept": "text/turtle"}).data, format="turtle")
    assert len(set(graph.subjects(RDF.type, SH.NodeShape))) >= 20
    # The page itself speaks the reader's language; the Finnish reader sees the Finnish message first.
    swedish = client.get("/shapes", headers={"Accept": "text/html", "Accept-Language": "sv"}).get_data(as_text=True)
    assert "<h1>SHACL-former</h1>" in swedish and ">Allvarlighet</th>" in swedish and ">fel</td>" in swedish
    finnish = client.get("/shapes", headers={"Accept": "text/html", "Accept-Language": "fi"}).get_data(as_text=True)
    assert ">Vakavuus</th>" in finnish and ">virhe</td>" in finnish
    assert finnish.index("Jokaisella määritellyllä suhteella") < finnish.index("Every qualified relation needs a source document")
