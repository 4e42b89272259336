"""The documentation names what users type: every CLI option, every config key, every class."""

from __future__ import annotations

import click
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from citykg.cli import main
from citykg.graph import CKG, ONTOLOGY_DIR
from citykg.server.config import DEFAULTS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def cli_options():
    """Yield (command, option) for every option of every subcommand."""
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                yield name, max(param.opts, key=len)


@pytest.mark.parametrize("command, option", sorted(set(cli_options())))
def test_every_cli_option_is_in_the_readme(command, option):
    assert f"citykg {command}" in README
    assert option in README, f"README does not mention {option} of `citykg {command}`"


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_every_config_key_is_in_the_readme(key):
    assert f"CITYKG_{key}" in README


def test_every_ontology_class_is_named_in_the_ontology_readme():
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    if not files:
        pytest.skip("ontology/ has no Turtle file yet")
    graph = Graph()
    for path in files:
        graph.parse(path)
    guide = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    classes = sorted(str(c)[len(str(CKG)):] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(CKG)))
    missing = [c for c in classes if c not in guide]
    assert not missing, f"ontology/README.md does not name: {missing}"
