"""Landing page, class indexes, search, VoID/DCAT, dumps and the server-drawn pictures."""

from __future__ import annotations

import gzip

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, RDF

from citykg.server import create_app

VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def client(helsinki_store):
    return create_app({"STORE": str(helsinki_store)}).test_client()


def test_landing_page_links_everything(client):
    page = client.get("/").get_data(as_text=True)
    for link in ('href="/sparql"', 'href="/ontology"', 'href="/.well-known/void"', 'href="/dumps/citykg.nq.gz"', 'href="/index/City"', 'role="search"'):
        assert link in page


def test_class_index_sorted_and_counted(client):
    page = client.get("/index/City", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Amsterdam" in page and page.index("Amsterdam") < page.index("Stockholm")
    assert client.get("/index/NoSuchClass").status_code == 404


@pytest.mark.parametrize("query", ["pietari", "PIETARI", "Sankt Petersburg", "St Petersburg", "saint petersburg"])
def test_search_is_case_and_accent_insensitive_across_languages(client, query):
    hits = client.get("/search", query_string={"q": query, "format": "json"}).get_json()["results"]
    assert hits[0]["iri"] == "https://w3id.org/citykg/id/city/pietari"


def test_search_folds_accents_both_ways(client):
    hits = client.get("/search", query_string={"q": "paijat hame", "format": "json"}).get_json()["results"]
    assert "https://w3id.org/citykg/id/organisation/paijat-hameen-liitto" in [h["iri"] for h in hits]
    page = client.get("/search", query_string={"q": "Päijät"}).get_data(as_text=True)
    assert "/id/organisation/paijat-hameen-liitto" in page


def test_void_and_dcat_describe_the_dataset(client):
    graph = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    dataset = next(graph.subjects(RDF.type, VOID.Dataset))
    assert int(graph.value(dataset, VOID.triples)) > 4000
    assert graph.value(dataset, VOID.sparqlEndpoint) is not None
    assert URIRef("https://w3id.org/citykg/ontology#") in set(graph.objects(dataset, VOID.vocabulary))
    assert len(list(graph.objects(dataset, DCAT.distribution))) == 2


def test_dumps_download_and_decompress(client):
    response = client.get("/dumps/citykg.nq.gz")
    assert response.status_code == 200
    body = response.data
    response.close()  # send_file streams from the open dump file
    assert b"https://w3id.org/citykg/graph/source/002" in gzip.decompress(body)
    assert client.get("/dumps/../build.json").status_code == 404


def test_city_page_has_a_relations_diagram_and_a_map(client):
    page = client.get("/id/city/helsinki", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="diagram"' in page and 'class="map"' in page
    assert '<title id="rel-title">Relations of Helsinki</title>' in page
    assert 'href="/id/city/tukholma"' in page


# --- Pictures: well-formed SVG with accessible names, and the city's administration's relations ------

def svgs(page: str) -> dict:
    """The page's SVG pictures by class, parsed as XML (they must be well-formed)."""
    import re
    import xml.etree.ElementTree as ET

    found = {}
    for match in re.finditer(r"<svg\b.*?</svg>", page, re.S):
        root = ET.fromstring(match.group(0))
        found[root.get("class")] = root
    return found


def test_diagram_desc_is_markup_and_labelledby_points_at_it(client):
    page = client.get("/id/city/helsinki", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert '<desc id="rel-desc">' in page and '<desc id="map-desc">' in page
    assert "&lt;desc" not in page and "&lt;title" not in page
    ns = "{http://www.w3.org/2000/svg}"
    for kind, root in svgs(page).items():
        ids = {e.get("id") for e in root.iter() if e.get("id")}
        assert set(root.get("aria-labelledby").split()) <= ids, kind
        assert root.find(ns + "desc").text  # a text alternative, not empty


def test_city_diagram_shows_its_administrations_networks_and_agreements(client, helsinki_store):
    from citykg.graph.store import current

    store = current(helsinki_store).open()
    # What the diagram must reach, found in the data rather than hard-coded.
    networks = {r["n"].value for r in store.query("""PREFIX ckg: <https://w3id.org/citykg/ontology#>
        SELECT ?n WHERE { ?admin ckg:administers <https://w3id.org/citykg/id/city/helsinki> ; ckg:memberOf ?n . ?n a ckg:CityNetwork }""")}
    agreements = {r["a"].value for r in store.query("""PREFIX ckg: <https://w3id.org/citykg/ontology#>
        SELECT ?a WHERE { ?admin ckg:administers <https://w3id.org/citykg/id/city/helsinki> . ?a ckg:party ?admin }""")}
    assert "https://w3id.org/citykg/id/network/eurocities" in networks
    assert "https://w3id.org/citykg/id/agreement/lontoo-helsinki-digitalisaatiojulistus" in agreements
    page = client.get("/id/city/helsinki", headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    diagram = svgs(page)["diagram"]
    links = {a.get("href") for a in diagram.iter("{http://www.w3.org/2000/svg}a")}
    expected = {iri.replace("https://w3id.org/citykg", "") for iri in networks | agreements}
    assert expected <= links
    assert "/id/organisation/helsingin-kaupunki" in links and "/id/city/tukholma" in links


# --- Every page kind in fi/sv/en, with a switch; caching headers ---------------------------------------

def test_landing_page_text_follows_the_language(client):
    finnish = client.get("/", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert '<html lang="fi">' in finnish and "<h1>Kaupunkidiplomatian tietograafi</h1>" in finnish
    assert "Hae nimellä" in finnish and "Which cities work" not in finnish and "Skip to content" not in finnish
    swedish = client.get("/", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert "Kunskapsgraf för stadsdiplomati" in swedish and "Hoppa till innehållet" in swedish


@pytest.mark.parametrize("path", ["/", "/index/City", "/search?q=pietari", "/shapes"])
def test_every_page_kind_has_a_remembered_language_switch(helsinki_store, path):
    client = create_app({"STORE": str(helsinki_store)}).test_client()
    page = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert 'class="languages"' in page
    separator = "&amp;" if "?" in path else "?"
    assert f'href="{path.replace("&", "&amp;")}{separator}lang=sv"' in page
    switched = client.get(path + ("&" if "?" in path else "?") + "lang=sv", headers={"Accept": "text/html"})
    assert '<html lang="sv">' in switched.get_data(as_text=True) and "lang=sv" in switched.headers["Set-Cookie"]
    again = client.get(path, headers={"Accept": "text/html", "Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="sv">' in again  # the cookie wins over Accept-Language


@pytest.mark.parametrize("path", ["/", "/index/City", "/search?q=pietari", "/search?q=pietari&format=json"])
def test_dataset_pages_vary_and_answer_304(client, path):
    first = client.get(path, headers={"Accept-Language": "en"})
    assert first.status_code == 200 and first.headers["ETag"]
    assert {"Accept", "Accept-Language", "Cookie"} <= {v.strip() for v in first.headers["Vary"].split(",")}
    again = client.get(path, headers={"Accept-Language": "en", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = client.get(path, headers={"Accept-Language": "fi"})
    assert other.headers["ETag"] != first.headers["ETag"]


def test_search_etag_depends_on_the_representation(client):
    html = client.get("/search?q=pietari", headers={"Accept": "text/html"})
    json = client.get("/search?q=pietari", headers={"Accept": "application/json"})
    assert json.mimetype == "application/json" and html.headers["ETag"] != json.headers["ETag"]


# --- Ontology and shapes: version IRI, suffixes, format names ----------------------------------------

def loaded_version_iri(helsinki_store) -> str:
    import pyoxigraph as ox

    from citykg.graph import ONTOLOGY_GRAPH, ONTOLOGY_IRI
    from citykg.graph.store import current

    store = current(helsinki_store).open()
    quads = store.quads_for_pattern(ox.NamedNode(ONTOLOGY_IRI), ox.NamedNode("http://www.w3.org/2002/07/owl#versionIRI"), None,
                                    ox.NamedNode(str(ONTOLOGY_GRAPH)))
    return next(iter(quads)).object.value


def test_the_ontology_version_iri_dereferences(client, helsinki_store):
    version = loaded_version_iri(helsinki_store)  # e.g. https://w3id.org/citykg/ontology/1.1.0, whatever was loaded
    path = version.replace("https://w3id.org/citykg", "")
    assert client.get(path, headers={"Accept": "text/html"}).status_code == 200
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.data, format="turtle")
    assert (URIRef("https://w3id.org/citykg/ontology"), URIRef("http://www.w3.org/2002/07/owl#versionIRI"), URIRef(version)) in graph
    assert client.get(path + ".ttl").mimetype == "text/turtle"
    assert client.get(path + ".html").mimetype == "text/html"
    assert client.get("/ontology/0.0.0-no-such-version", headers={"Accept": "text/html"}).status_code == 404
    # Only the loaded version is served: a prior version (owl:priorVersion) is another document.
    assert client.get("/ontology/1.0.0", headers={"Accept": "text/html"}).status_code == (200 if version.endswith("/1.0.0") else 404)


def test_document_suffixes_use_the_one_suffix_table(client):
    from citykg.server.ontology_pages import DOCUMENT_SUFFIXES
    from citykg.server.urls import split_suffix

    assert split_suffix("1.1.0.html", DOCUMENT_SUFFIXES) == ("1.1.0", "html")
    assert split_suffix("1.1.0.ttl", DOCUMENT_SUFFIXES) == ("1.1.0", "turtle")
    assert split_suffix("city/helsinki.html") == ("city/helsinki.html", None)  # data pages have no .html
    assert split_suffix("1.1.0") == ("1.1.0", None)
    assert client.get("/ontology.html").mimetype == "text/html"
    assert client.get("/ontology.x.ttl", headers={"Accept": "text/html"}).status_code == 404


@pytest.mark.parametrize("name", ["ontology", "shapes"])
@pytest.mark.parametrize("suffix, media, fmt", [("ttl", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"),
                                                ("jsonld", "application/ld+json", "json-ld"), ("rdf", "application/rdf+xml", "xml")])
def test_documents_by_suffix(client, name, suffix, media, fmt):
    response = client.get(f"/{name}.{suffix}")
    assert response.status_code == 200 and response.mimetype == media
    assert len(Graph().parse(data=response.data, format=fmt)) > 100


@pytest.mark.parametrize("name", ["ontology", "shapes"])
def test_documents_accept_the_endpoints_format_names(client, name):
    for asked, media in (("turtle", "text/turtle"), ("ttl", "text/turtle"), ("json-ld", "application/ld+json"),
                         ("rdf%2Bxml", "application/rdf+xml"), ("ntriples", "application/n-triples"), ("html", "text/html")):
        assert client.get(f"/{name}?format={asked}").mimetype == media, asked
    assert client.get(f"/{name}?format=bogus").status_code == 406
    assert client.get(f"/{name}.bogus", headers={"Accept": "text/html"}).status_code == 404
    turtle = client.get(f"/{name}.ttl").get_data(as_text=True)
    assert "@prefix ckg: <https://w3id.org/citykg/ontology#>" in turtle and "@prefix owl:" in turtle
    assert "ckg:" in turtle.split("\n\n", 1)[-1]  # the prefixes are used, not just declared


# --- VoID: triples per named graph --------------------------------------------------------------------

def test_void_counts_the_triples_of_each_named_graph(client, helsinki_store):
    from citykg.graph.store import current

    store = current(helsinki_store).open()
    counts = {r["g"].value: int(r["n"].value) for r in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    graph = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    dataset = URIRef("https://w3id.org/citykg/dataset")
    subsets = list(graph.objects(dataset, VOID.subset))
    assert subsets
    for subset in subsets:
        name = str(graph.value(subset, URIRef("http://purl.org/dc/terms/identifier")))
        assert int(graph.value(subset, VOID.triples)) == counts[name] > 0, name



def test_the_build_counts_the_triples_of_each_named_graph_and_void_reads_them(client, helsinki_store):
    from citykg.graph.store import current
    from citykg.server.store import open_current

    built = current(helsinki_store)
    sizes = built.meta["graph_triples"]
    assert set(sizes) == set(built.meta["graphs"]) and all(n > 0 for n in sizes.values())
    # The VoID view reads the counts from the build's metadata (no COUNT query per worker).
    opened = open_current(str(helsinki_store.resolve()))
    some_graph = sorted(sizes)[0]
    saved = opened.built.meta["graph_triples"]
    opened.built.meta["graph_triples"] = {**saved, some_graph: 123456789}
    try:
        graph = Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    finally:
        opened.built.meta["graph_triples"] = saved
    subset = next(graph.subjects(URIRef("http://purl.org/dc/terms/identifier"), URIRef(some_graph)))
    assert int(graph.value(subset, VOID.triples)) == 123456789


# --- UI strings ---------------------------------------------------------------------------------------

def test_every_language_has_the_same_messages():
    from citykg.server.diagrams import RELATIONS
    from citykg.server.i18n import LANGUAGES, MESSAGES

    assert set(MESSAGES) == set(LANGUAGES)

    def keys(table: dict, prefix: str = "") -> set:
        return {k for name, value in table.items()
                for k in ({prefix + name} | (keys(value, prefix + name + ".") if isinstance(value, dict) else set()))}

    english = keys(MESSAGES["en"])
    for lang in LANGUAGES:
        assert keys(MESSAGES[lang]) == english, (lang, keys(MESSAGES[lang]) ^ english)
        assert set(MESSAGES[lang]["rel"]) == set(RELATIONS), lang  # every relation the diagram draws is named
