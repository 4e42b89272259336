"""The `citykg` command line: thin click commands over the library.

Exit codes: 0 success, 1 invalid data or state (a :class:`click.ClickException`), 2 usage error.
Each command parses its options, imports its implementation lazily (so `--help` is instant)
and calls it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

# Where `build`, `serve` and `query` look for the store unless told otherwise.
DEFAULT_STORE = os.environ.get("CITYKG_STORE", "var/store")
QUERY_FORMATS = ["json", "xml", "csv", "tsv", "turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]

HELP_VALIDATE = """Parse and SHACL-validate RDF data; report every problem and change nothing.

PATH are data files or folders (default: the Helsinki dataset). The ontology and shapes of
this project are always used. Exit 0 if the data conforms, 1 if not."""
HELP_BUILD = """Validate, infer (OWL 2 RL) and load a new store, then publish it atomically.

A failed or interrupted build leaves the last good store in place."""
HELP_SERVE = """Serve the built store: SPARQL endpoint and linked-data pages.

Runs the Flask application under a production WSGI server (granian by default)."""
HELP_QUERY = "Run a SPARQL query against the built store and print the results."

store_option = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="Store root folder (env CITYKG_STORE).",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only errors and results.")
strict_option = click.option("--strict", is_flag=True, help="Fail on SHACL warnings too.")
ontology_option = click.option(
    "--ontology",
    "ontology_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Ontology folder or file (default: this project's ontology/).",
)
shapes_option = click.option(
    "--shapes",
    "shapes_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="SHACL shapes folder or file (default: this project's shapes/).",
)


def make_config(data_dirs, ontology_dir, shapes_dir, **options):
    """Build a BuildConfig, leaving defaults in place for options not given."""
    from citykg.graph.pipeline import BuildConfig

    given = {"data_dirs": list(data_dirs), "ontology_dir": ontology_dir, "shapes_dir": shapes_dir}
    return BuildConfig(**options, **{key: value for key, value in given.items() if value})


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citykg")
def main():
    """citykg: a knowledge graph of city diplomacy, with provenance to the passage."""


@main.command(help=HELP_VALIDATE)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ontology_option
@shapes_option
@strict_option
@quiet_option
def validate(paths, ontology_dir, shapes_dir, strict, quiet):
    from citykg.graph.pipeline import validate as run
    from citykg.graph.progress import Reporter

    report = run(make_config(paths, ontology_dir, shapes_dir, strict=strict), Reporter(quiet=quiet))
    click.echo(report.summary() + ": conforms")


@main.command(help=HELP_BUILD)
@click.option(
    "--data",
    "data_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Data folder or file (repeatable; default: graph/helsinki).",
)
@ontology_option
@shapes_option
@store_option
@strict_option
@quiet_option
def build(data_dirs, ontology_dir, shapes_dir, store, strict, quiet):
    from citykg.graph.pipeline import build as run
    from citykg.graph.progress import Reporter

    config = make_config(data_dirs, ontology_dir, shapes_dir, store_root=store, strict=strict)
    built = run(config, Reporter(quiet=quiet))
    click.echo(f"built {built.meta['triples']:,} triples ({built.meta['quads']:,} quads), data version {built.version}, store {store}")


@main.command(help=HELP_SERVE)
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--server",
    "server_name",
    type=click.Choice(["granian", "gunicorn"]),
    default="granian",
    show_default=True,
    help="WSGI server (see docs/dependencies.md for the measurements behind the default).",
)
def serve(store, host, port, workers, server_name):
    from citykg.graph.store import current
    from citykg.server.wsgi import ensure_port_free, run

    current(store)  # fail fast, with exit 1, if nothing has been built
    ensure_port_free(host, port)
    run(store_root=store, host=host, port=port, workers=workers, server=server_name)


@main.command(help=HELP_QUERY)
@click.argument("query")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default=None,
    help="Result format (default: json for SELECT/ASK, turtle for CONSTRUCT/DESCRIBE).",
)
def query(query, store, fmt):
    from citykg.graph.query import run_query
    from citykg.graph.store import current

    output = run_query(current(store).open(), query, fmt)
    sys.stdout.buffer.write(output)
    if not output.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
