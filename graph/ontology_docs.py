"""HTML documentation of the ontology, generated from the Turtle file with pyLODE (never by hand)."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path


def render_ontology_html(ontology_path: Path) -> str:
    """Render the ontology file as one self-contained HTML page (pyLODE's OntPub profile)."""
    from pylode import OntPub

    with warnings.catch_warnings():
        # pyLODE 3.3 uses rdflib APIs that rdflib 7 deprecates; the output is unaffected.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", ResourceWarning)
        html = OntPub(ontology=str(ontology_path)).make_html()
        gc.collect()  # pyLODE leaves its CSS file open; close it while its warning is muted
    return html


def write_ontology_html(ontology_path: Path, out_path: Path) -> Path:
    """Write the rendered documentation to *out_path* and return it."""
    out_path = Path(out_path)
    out_path.write_text(render_ontology_html(ontology_path), encoding="utf-8")
    return out_path
