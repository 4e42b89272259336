"""The `citykg` command line through real subprocesses: output and exit codes (0 ok, 1 data, 2 usage)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess

import pytest

from .conftest import CITYKG, ROOT, mini_config


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run `citykg ARGS` and capture its output."""
    return subprocess.run([CITYKG, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def validate_helsinki_with(tmp_path, name: str, text: str):
    """Validate a copy of the Helsinki data with one more file; return (that file, the run)."""
    data = tmp_path / "helsinki"
    shutil.copytree(ROOT / "graph" / "helsinki", data)
    extra = data / name
    extra.write_text(text)
    return extra, run("validate", str(data))


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
    misfit = run("query", select, "--store", store, "--format", "turtle")
    assert misfit.returncode == 2 and "cannot represent" in misfit.stderr  # a usage error, whatever the data


def test_query_without_a_store_exits_1(tmp_path):
    result = run("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "no built store" in result.stderr


def test_serve_refuses_a_port_that_is_already_listened_on(mini_store):
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as granian and gunicorn listen
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--store", str(mini_store), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_serve_without_a_store_exits_1(tmp_path):
    result = run("serve", "--store", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "citykg build" in result.stderr


def test_a_violation_names_the_file_and_line_of_its_statement_and_the_rule(tmp_path):
    # A bad latitude stated in one file of the Helsinki data, while other files also describe the
    # city: the report must point at the statement, not at the first file mentioning the city.
    extra, result = validate_helsinki_with(tmp_path, "zz-bad-latitude.ttl",
        "@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .\n\n"
        '<https://w3id.org/citykg/id/city/helsinki>\n    geo:lat "north" .\n'
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "Violation:" in line and "value='north'" in line]
    assert lines and all(line.startswith(f"{extra}:4: Violation: focus=city:helsinki path=geo:lat ") for line in lines), lines
    assert any("rule=datatype" in line for line in lines), lines
    assert len({line.split("rule=")[1].split(":")[0] for line in lines}) == len(lines), "one line per failed rule"


def test_data_files_without_triples_are_an_error_not_an_empty_graph(tmp_path):
    config = mini_config(tmp_path)
    folder = tmp_path / "empty-data"
    folder.mkdir()
    (folder / "a.ttl").write_text("# nothing here yet\n")
    result = run("build", "--data", str(folder), "--store", str(tmp_path / "store"), *source_options(config))
    assert result.returncode == 1
    assert "hold no triples" in result.stderr and "a.ttl" in result.stderr
    assert not (tmp_path / "store" / "current").exists()


def test_an_empty_file_beside_real_data_is_a_warning(tmp_path):
    config = mini_config(tmp_path)
    (config.data_dirs[0] / "empty.ttl").write_text("")
    result = run("validate", str(config.data_dirs[0]), *source_options(config))
    assert result.returncode == 0
    assert "empty.ttl: warning: the file holds no triples" in result.stderr


def test_an_unwritable_store_is_a_clear_error(tmp_path):
    config = mini_config(tmp_path)
    result = run("build", "--data", str(config.data_dirs[0]), "--store", "/proc/citykg-store", *source_options(config))
    assert result.returncode == 1
    assert "cannot write a store here" in result.stderr and "Traceback" not in result.stderr


def test_an_end_before_the_start_is_reported_in_english_at_its_line(tmp_path):
    extra, result = validate_helsinki_with(tmp_path, "zz-ends-too-early.ttl",
        "@prefix ckg: <https://w3id.org/citykg/ontology#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
        '<https://w3id.org/citykg/id/membership/kansainvaliset-asiat-strategiaosasto>\n    ckg:endDate "2019-12"^^xsd:gYearMonth .\n'
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "Violation:" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{extra}:5: Violation:"), lines
    assert "rule=sparql" in lines[0] and "must not be before its start date" in lines[0]
