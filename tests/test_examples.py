"""A partner city's dataset builds with the same code (examples/tallinn)."""

from __future__ import annotations

import json
import subprocess

from citykg.graph import PROJECT_ROOT
from citykg.graph.pipeline import BuildConfig, build
from citykg.graph.progress import Reporter
from citykg.graph.query import run_query

from .conftest import CITYKG

TALLINN = PROJECT_ROOT / "examples" / "tallinn"


def test_tallinn_validates_through_the_cli():
    result = subprocess.run([CITYKG, "validate", str(TALLINN)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "0 violation(s)" in result.stdout


def test_tallinn_builds_and_answers(tmp_path):
    built = build(BuildConfig(data_dirs=[TALLINN], store_root=tmp_path / "store"), Reporter(quiet=True))
    query = """SELECT ?label WHERE { <https://w3id.org/citykg/id/organisation/tallinna-linn>
        <https://w3id.org/citykg/ontology#administers>/<http://www.w3.org/2000/01/rdf-schema#label> ?label
        FILTER(LANG(?label) = "en") }"""
    rows = json.loads(run_query(built.open(), query, "json"))["results"]["bindings"]
    assert [r["label"]["value"] for r in rows] == ["Tallinn"]
    # The city is an agent by the ontology's class hierarchy: an entailment in graph/inferred.
    ask = """ASK { GRAPH <https://w3id.org/citykg/graph/inferred> {
        <https://w3id.org/citykg/id/city/tallinn> a <http://xmlns.com/foaf/0.1/Agent> } }"""
    assert json.loads(run_query(built.open(), ask, "json"))["boolean"] is True
