"""The `citykg` command line through real subprocesses: output and exit codes (0 ok, 1 data, 2 usage)."""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import CITYKG, mini_config


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run `citykg ARGS` and capture its output."""
    return subprocess.run([CITYKG, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def source_options(config) -> list[str]:
    """Return the CLI options that point at a BuildConfig's sources."""
    return ["--ontology", str(config.ontology_dir), "--shapes", str(config.shapes_dir)]


@pytest.mark.parametrize("command", [[], ["validate"], ["build"], ["serve"], ["query"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "Usage: citykg" in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0 and "citykg, version" in result.stdout


def test_usage_errors_exit_2():
    assert run("frobnicate").returncode == 2
    assert run("serve", "--port", "notaport").returncode == 2
    assert run("query").returncode == 2  # missing QUERY argument


def test_validate_ok_exits_0(tmp_path):
    config = mini_config(tmp_path)
    result = run("validate", str(config.data_dirs[0]), *source_options(config))
    assert result.returncode == 0, result.stderr
    assert "0 violation(s)" in result.stdout
    assert "validate" in result.stderr and "parse" in result.stderr  # phase lines with timings


def test_validate_violation_exits_1_with_one_line_per_result(tmp_path):
    config = mini_config(tmp_path)
    (config.data_dirs[0] / "bad.ttl").write_text(
        "<https://w3id.org/citykg/id/city/espoo> a <https://w3id.org/citykg/ontology#City> .\n"
    )
    result = run("validate", str(config.data_dirs[0]), *source_options(config))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "Violation:" in line]
    assert len(lines) == 1
    assert "bad.ttl:1: Violation: focus=" in lines[0]
    assert "path=rdfs:label" in lines[0] and "shape=ckgsh:CityShape-label" in lines[0]
    assert "A city needs a label." in lines[0]
    assert "Error: SHACL validation: 1 violation(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_syntax_error_exits_1(tmp_path):
    config = mini_config(tmp_path)
    (config.data_dirs[0] / "bad.ttl").write_text("<a> <b> .\n")
    result = run("validate", str(config.data_dirs[0]), *source_options(config))
    assert result.returncode == 1
    assert "bad.ttl:1:" in result.stderr and "Traceback" not in result.stderr


def test_validate_missing_folder_exits_1(tmp_path):
    result = run("validate", str(tmp_path / "missing"), *source_options(mini_config(tmp_path)))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_build_then_query_in_every_format(tmp_path):
    config = mini_config(tmp_path)
    store = str(config.store_root)
    result = run("build", "--data", str(config.data_dirs[0]), *source_options(config), "--store", store)
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout and "infer" in result.stderr
    select = "SELECT ?label WHERE { <https://w3id.org/citykg/id/city/helsinki> rdfs:label ?label } ORDER BY ?label"
    select = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + select
    out = run("query", select, "--store", store)
    assert out.returncode == 0
    labels = [b["label"]["value"] for b in json.loads(out.stdout)["results"]["bindings"]]
    assert labels == ["Helsingfors", "Helsinki"]
    assert run("query", select, "--store", store, "--format", "csv").stdout.splitlines()[0].strip() == "label"
    describe = "DESCRIBE <https://w3id.org/citykg/id/city/helsinki>"
    assert "Helsingfors" in run("query", describe, "--store", store, "--format", "ntriples").stdout
    bad = run("query", "SELECT WHERE {", "--store", store)
    assert bad.returncode == 1 and "SPARQL syntax error" in bad.stderr


def test_query_without_a_store_exits_1(tmp_path):
    result = run("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "no built store" in result.stderr


def test_serve_without_a_store_exits_1(tmp_path):
    result = run("serve", "--store", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "citykg build" in result.stderr
