"""HTML documentation of the ontology, generated from the Turtle file with pyLODE (never by hand)."""

from __future__ import annotations

import gc
import logging
import warnings
from pathlib import Path

from rdflib import Graph, URIRef


def import_pylode():
    """Import pyLODE without letting it reconfigure logging.

    pyLODE 3.3 calls ``logging.basicConfig(level=DEBUG)`` at import time, which would make every
    library log to stderr during a build; a handler in place first makes that call a no-op.
    """
    root = logging.getLogger()
    level = root.level
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    from pylode import OntPub

    root.setLevel(level)
    return OntPub


def render_ontology_html(ontology) -> str:
    """Render the ontology (a file path or an rdflib Graph) as one self-contained HTML page."""
    OntPub = import_pylode()

    with warnings.catch_warnings():
        # pyLODE 3.3 uses rdflib APIs that rdflib 7 deprecates; the output is unaffected.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", ResourceWarning)
        source = ontology if isinstance(ontology, Graph) else str(ontology)
        publisher = OntPub(ontology=source)
        # Anchor every term by its local name, so that a hash IRI such as ontology#City lands on
        # its own section (pyLODE would otherwise derive anchors from a label in any language).
        for term in set(publisher.ont.subjects()):
            if isinstance(term, URIRef) and "#" in term and term.split("#", 1)[1]:
                publisher.fids[str(term)] = term.split("#", 1)[1]
        html = publisher.make_html()
        gc.collect()  # pyLODE leaves its CSS file open; close it while its warning is muted
    return html


def write_ontology_html(ontology, out_path: Path) -> Path:
    """Write the rendered documentation of *ontology* (path or Graph) to *out_path* and return it."""
    out_path = Path(out_path)
    out_path.write_text(render_ontology_html(ontology), encoding="utf-8")
    return out_path
