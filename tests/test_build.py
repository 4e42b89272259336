"""The build pipeline on the miniature fixtures: success, every kind of failure, atomicity."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess

import pyoxigraph
import pytest

from citykg.graph import INFERRED_GRAPH
from citykg.graph.errors import CitykgError, SourceError, ValidationFailed
from citykg.graph.pipeline import build, validate
from citykg.graph.progress import Reporter
from citykg.graph.query import run_query
from citykg.graph.store import StoreWriter, current

from .conftest import CITYKG

QUIET = Reporter(quiet=True)
HELSINKI = "https://w3id.org/citykg/id/city/helsinki"
EUROCITIES = "https://w3id.org/citykg/id/network/eurocities"


def count(store_root, query: str) -> int:
    """Run a COUNT query named ?n on the current build."""
    result = json.loads(run_query(current(store_root).open(), query, "json"))
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_valid_sources_build_a_store(mini):
    built = build(mini, QUIET)
    store = built.open()
    assert len(store) == built.meta["quads"] + built.meta["triples"] and built.meta["triples"] > 0
    graphs = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/citykg/graph/source/test-doc" in graphs  # TriG graph kept
    assert "https://w3id.org/citykg/graph/data/extra" in graphs  # Turtle file -> graph named after it
    assert "https://w3id.org/citykg/graph/ontology" in graphs
    assert built.meta["version"] and built.meta["built_at"]


def test_inference_derives_the_shortcut_into_its_own_graph(mini):
    build(mini, QUIET)
    store = current(mini.store_root).open()
    quad = pyoxigraph.Quad(
        pyoxigraph.NamedNode(HELSINKI),
        pyoxigraph.NamedNode("https://w3id.org/citykg/ontology#memberOf"),
        pyoxigraph.NamedNode(EUROCITIES),
        pyoxigraph.NamedNode(str(INFERRED_GRAPH)),
    )
    assert quad in store
    # Noise is dropped: no owl:Thing typings, no reflexive sameAs, nothing about vocabulary terms.
    noise = """SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/citykg/graph/inferred> {
        { ?s a <http://www.w3.org/2002/07/owl#Thing> } UNION { ?s <http://www.w3.org/2002/07/owl#sameAs> ?s }
        UNION { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "http://www.w3.org/")) } } }"""
    assert count(mini.store_root, noise) == 0


def test_default_graph_is_the_union(mini):
    build(mini, QUIET)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{HELSINKI}> <https://w3id.org/citykg/ontology#memberOf> ?x }}"
    assert count(mini.store_root, query) == 1


def test_dumps_hold_the_whole_dataset(mini):
    built = build(mini, QUIET)
    with gzip.open(built.path / "dumps" / "citykg.nq.gz") as f:
        quads = [line for line in f.read().decode().splitlines() if line.strip()]
    assert len(quads) == built.meta["quads"]


def test_turtle_syntax_error_names_file_and_line(mini):
    bad = mini.data_dirs[0] / "broken.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n')
    with pytest.raises(SourceError) as excinfo:
        build(mini, QUIET)
    assert f"{bad}:3:" in excinfo.value.message
    assert "syntax error" in excinfo.value.message
    assert not mini.store_root.exists() or not (mini.store_root / "current").exists()


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("bad.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n", 2),
        ("bad.jsonld", '{"@id": "http://a",\n "http://b": }', 2),
        ("bad.trig", "<http://g> {\n <http://a> <http://b> \n}\n", 3),
        ("bad.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                    '<rdf:Description rdf:about="http://a">\n<broken>\n</rdf:RDF>\n', 5),
    ],
)
def test_syntax_errors_in_other_formats_name_the_line(mini, name, text, line):
    (mini.data_dirs[0] / name).write_text(text)
    with pytest.raises(SourceError) as excinfo:
        validate(mini, QUIET)
    assert f"{name}:{line}:" in excinfo.value.message


def test_shape_violation_fails_with_one_line_per_result(mini):
    (mini.data_dirs[0] / "nolabel.ttl").write_text(
        "<https://w3id.org/citykg/id/city/espoo> a <https://w3id.org/citykg/ontology#City> .\n"
    )
    with pytest.raises(ValidationFailed) as excinfo:
        build(mini, QUIET)
    report = excinfo.value.report
    assert report.count("Violation") == 1
    result = report.results[0]
    assert result.focus.endswith("city/espoo>") or result.focus.endswith(":espoo")
    assert result.path == "rdfs:label"
    assert result.shape == "ckgsh:CityShape-label"
    assert result.message == "A city needs a label."
    assert result.location == f"{mini.data_dirs[0] / 'nolabel.ttl'}:1" or result.location.endswith("nolabel.ttl:1")
    assert "1 violation(s)" in excinfo.value.message
    assert not (mini.store_root / "current").exists()


def test_warnings_pass_unless_strict(mini):
    membership = mini.data_dirs[0] / "cities.trig"
    membership.write_text(membership.read_text().replace('ckg:quote "kaupungin keskeinen yhteistyöverkosto on Eurocities"@fi .', "."))
    report = validate(mini, QUIET)
    assert report.count("Warning") == 1 and report.conforms
    mini.strict = True
    with pytest.raises(ValidationFailed):
        validate(mini, QUIET)


def test_missing_folder_is_an_error(mini, tmp_path):
    mini.data_dirs = [tmp_path / "nowhere"]
    with pytest.raises(SourceError, match="data folder does not exist"):
        build(mini, QUIET)


def test_empty_folder_is_an_error_not_an_empty_graph(mini, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not RDF")
    mini.data_dirs = [empty]
    with pytest.raises(SourceError, match="holds no RDF files"):
        build(mini, QUIET)


def test_failed_build_keeps_the_last_good_store(mini):
    first = build(mini, QUIET)
    (mini.data_dirs[0] / "broken.ttl").write_text("this is not turtle")
    with pytest.raises(SourceError):
        build(mini, QUIET)
    assert current(mini.store_root).path == first.path
    assert count(mini.store_root, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == first.meta["triples"]


def test_interrupted_build_keeps_the_last_good_store(mini, monkeypatch):
    first = build(mini, QUIET)
    (mini.data_dirs[0] / "more.ttl").write_text(
        '<https://w3id.org/citykg/id/city/espoo> a <https://w3id.org/citykg/ontology#City> ; '
        '<http://www.w3.org/2000/01/rdf-schema#label> "Espoo"@fi .\n'
    )

    def interrupted(self):
        raise KeyboardInterrupt  # as if Ctrl-C arrived while the dumps were written

    monkeypatch.setattr(StoreWriter, "write_dumps", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(mini, QUIET)
    assert current(mini.store_root).path == first.path
    assert not list((mini.store_root / "builds").glob(".incomplete-*"))  # cleaned up
    query = "ASK { <https://w3id.org/citykg/id/city/espoo> ?p ?o }"
    assert json.loads(run_query(current(mini.store_root).open(), query, "json"))["boolean"] is False


def test_killed_build_process_keeps_a_good_store(mini):
    """SIGKILL a real `citykg build` mid-way: whatever moment it hits, a complete build answers."""
    first = build(mini, QUIET)
    process = subprocess.Popen(
        [CITYKG, "build", "--store", str(mini.store_root), "--data", str(mini.data_dirs[0]),
         "--ontology", str(mini.ontology_dir), "--shapes", str(mini.shapes_dir)],
        stderr=subprocess.PIPE,
    )
    process.stderr.readline()  # the parse line: the build is under way
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    survivor = current(mini.store_root)
    assert survivor.path == first.path or survivor.meta["quads"] > 0
    assert count(mini.store_root, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == survivor.meta["triples"]
    # The next build cleans the debris a killed build leaves behind.
    build(mini, QUIET)
    assert not list((mini.store_root / "builds").glob(".incomplete-*"))


def test_inconsistent_data_fails_the_build(mini):
    (mini.ontology_dir / "disjoint.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/citykg/ontology#City> owl:disjointWith <https://w3id.org/citykg/ontology#CityNetwork> .\n"
    )
    (mini.data_dirs[0] / "both.ttl").write_text(
        "<https://w3id.org/citykg/id/city/tallinn> a <https://w3id.org/citykg/ontology#CityNetwork> .\n"
    )
    with pytest.raises(CitykgError, match="inconsistent"):
        build(mini, QUIET)
