"""Search by label in any language, case- and accent-insensitive (`pietari`, `Sankt Petersburg`).

The label index is built once per data version in each worker (see :mod:`.cache`; the Helsinki
graph has a few hundred labels; a world-scale deployment would put a full-text index in the
build instead). The `/search` page and the 404 page's suggestions both search here.
"""

from __future__ import annotations

import re
import unicodedata

from .cache import per_version
from .describe import labels_of, pick_label
from .urls import path_for

LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2004/02/skos/core#altLabel")
MAX_HITS = 50


def normalise(text: str) -> str:
    """Fold case and accents, turn punctuation into spaces: 'Päijät-Häme' -> 'paijat hame'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\W_]+", plain)).strip()


@per_version
def index(opened) -> list:
    """(normalised label, label, resource IRI) for every label in the data, cached per version."""
    values = " ".join(f"<{p}>" for p in LABELS)
    rows = opened.store.query(f"SELECT DISTINCT ?s ?l WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?l FILTER(isIRI(?s)) }}")
    return [(normalise(r["l"].value), r["l"].value, r["s"].value) for r in rows]


def search(opened, query: str, lang: str) -> list:
    """Return resources whose labels contain every word of *query*: [{iri, label, matched, path}]."""
    words = normalise(query).split()
    if not words:
        return []
    matched: dict[str, str] = {}
    for folded, label, iri in index(opened):
        if all(word in folded for word in words) and iri.startswith("https://w3id.org/citykg/id/"):
            matched.setdefault(iri, label)
    labels = labels_of(opened.store, set(matched))
    hits = [{"iri": iri, "label": pick_label(labels, iri, lang), "matched": label, "path": path_for(iri)} for iri, label in matched.items()]
    return sorted(hits, key=lambda h: (len(h["matched"]), h["label"].lower()))[:MAX_HITS]
