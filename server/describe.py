"""A resource's description as plain data (no HTML): facts with provenance, incoming links, labels.

Built from the store with a few SPARQL queries; the HTML page and the RDF twin are both made from
what this module returns, so they show the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from citykg.graph import INFERRED_GRAPH

from .cache import per_version

LABEL_PROPERTIES = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
QUOTE = "https://w3id.org/citykg/ontology#quote"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUB_PROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
# Incoming links shown per page of a resource with very many of them.
PAGE_SIZE = 100


@dataclass
class Value:
    """An object of a fact: an IRI (with its label) or a literal."""

    iri: str | None
    text: str
    language: str | None = None
    datatype: str | None = None


@dataclass
class Fact:
    """One property of the resource, its values, and where each value comes from."""

    property: str
    label: str
    values: list = field(default_factory=list)  # (Value, [source documents], inferred: bool)


@dataclass
class Description:
    """Everything the page and the RDF twin show about one resource."""

    iri: str
    label: str
    types: list
    facts: list
    incoming: list  # (subject Value, property label)
    incoming_total: int
    quotes: list  # (quote text, source document Value)
    page: int


def pick_label(labels: dict, iri: str, lang: str) -> str:
    """Choose a label in *lang*, else en, fi, sv, any; else the IRI's last segment."""
    options = labels.get(iri, {})
    for choice in (lang, "en", "fi", "sv", None, ""):
        if choice in options:
            return options[choice]
    return next(iter(options.values()), iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def valid_iri(iri: str) -> bool:
    """Say whether *iri* is an IRI (RFC 3987), so it may stand between < > in a query."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def exists(store: ox.Store, iri: str) -> bool:
    """Say whether the store says anything about or pointing at *iri* (never for a non-IRI)."""
    if not valid_iri(iri):
        return False
    node = ox.NamedNode(iri)
    return bool(next(iter(store.quads_for_pattern(node, None, None)), None) or next(iter(store.quads_for_pattern(None, None, node)), None))


def labels_of(store: ox.Store, iris: set) -> dict:
    """Fetch the labels (rdfs:label, skos:prefLabel) of many IRIs in one query: iri -> {lang: text}."""
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    query = f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ <{LABEL_PROPERTIES[0]}> <{LABEL_PROPERTIES[1]}> }} ?s ?p ?l }}"
    found: dict = {}
    for row in store.query(query):
        found.setdefault(row["s"].value, {}).setdefault(row["l"].language or "", row["l"].value)
    return found


def strict_sub_properties(store: ox.Store) -> dict:
    """property -> the properties strictly below it (rdfs:subPropertyOf+, not equivalent), over the whole store."""
    rows = store.query(f"""SELECT DISTINCT ?sub ?super WHERE {{ ?sub <{SUB_PROPERTY}>+ ?super FILTER(isIRI(?sub) && isIRI(?super))
        FILTER(?sub != ?super) FILTER NOT EXISTS {{ ?super <{SUB_PROPERTY}>+ ?sub }} }}""")
    below: dict = {}
    for row in rows:
        below.setdefault(row["super"].value, set()).add(row["sub"].value)
    return below


@per_version
def sub_property_hierarchy(opened) -> dict:
    """:func:`strict_sub_properties` of an open build, computed once per data version (the pages share it)."""
    return strict_sub_properties(opened.store)


def drop_entailed_duplicates(facts: dict, below: dict) -> None:
    """Hide an inferred statement whose subject and object the page already shows with a more specific property.

    OWL RL entails ``s p o`` from ``s q o`` for every ``q rdfs:subPropertyOf p`` (ckg:value ->
    rdf:value, ckg:memberOf -> org:memberOf): the same fact twice, once with its source and once
    "inferred". The statement with the more specific property stays; the RDF keeps both.
    *below* is the sub-property hierarchy (:func:`strict_sub_properties`).
    """
    for p, entries in facts.items():
        subs = below.get(p, ())
        for key in [k for k, entry in entries.items() if entry[2] and any(k in facts.get(q, {}) for q in subs)]:
            del entries[key]


def describe(store: ox.Store, iri: str, lang: str, page: int = 0, below: dict | None = None) -> Description:
    """Describe *iri*: its facts (with source documents), incoming links and quotes, in *lang*.

    *below* is the store's sub-property hierarchy (:func:`sub_property_hierarchy` of the open
    build, cached per version); without it, it is queried from *store*.

    :raise ValueError: *iri* is not an IRI (nothing else may be pasted into the queries).
    """
    node = f"<{ox.NamedNode(iri).value}>"
    outgoing = store.query(f"""SELECT ?p ?o ?g ?doc WHERE {{ GRAPH ?g {{ {node} ?p ?o }}
        OPTIONAL {{ ?g <{PROV_DERIVED}> ?doc }} }}""")
    facts: dict = {}
    mentioned = {iri}
    for row in outgoing:
        p, o, g = row["p"].value, row["o"], row["g"].value
        if isinstance(o, ox.NamedNode):
            value, key = Value(o.value, o.value), ("iri", o.value)
            mentioned.add(o.value)
        elif isinstance(o, ox.Literal):
            value, key = Value(None, o.value, o.language, o.datatype.value), ("lit", o.value, o.language, o.datatype.value)
        else:
            continue
        mentioned.add(p)
        entry = facts.setdefault(p, {}).setdefault(key, [value, set(), True])
        entry[2] = entry[2] and g == str(INFERRED_GRAPH)
        if row["doc"] is not None:
            entry[1].add(row["doc"].value)
            mentioned.add(row["doc"].value)
    drop_entailed_duplicates(facts, strict_sub_properties(store) if below is None else below)
    # Counted as they are paged: distinct (subject, property) links from IRIs.
    total = next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} FILTER(isIRI(?s)) }} }}")))["n"].value
    incoming_rows = list(store.query(f"""SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} FILTER(isIRI(?s)) }}
        ORDER BY ?s ?p LIMIT {PAGE_SIZE} OFFSET {page * PAGE_SIZE}"""))
    mentioned |= {r["s"].value for r in incoming_rows} | {r["p"].value for r in incoming_rows}
    quotes = [(row["q"].value, row["doc"].value) for row in store.query(f"SELECT ?q ?doc WHERE {{ {node} <{QUOTE}> ?q ; <{PROV_DERIVED}> ?doc }}")]
    mentioned |= {doc for _, doc in quotes}
    labels = labels_of(store, mentioned)

    def named(i: str) -> Value:
        return Value(i, pick_label(labels, i, lang))

    fact_list = []
    for p, entries in facts.items():
        if p in LABEL_PROPERTIES or p == RDF_TYPE or not entries:
            continue
        values = []
        for value, docs, inferred in entries.values():
            if value.iri:
                value = named(value.iri)
            values.append((value, [named(d) for d in sorted(docs)], inferred))
        fact_list.append(Fact(p, pick_label(labels, p, lang), sorted(values, key=lambda v: v[0].text)))
    fact_list.sort(key=lambda f: f.label.lower())
    type_iris = [key[1] for key in facts.get(RDF_TYPE, {})]
    types = sorted((named(t) for t in type_iris), key=lambda v: v.text)
    incoming = [(named(r["s"].value), pick_label(labels, r["p"].value, lang)) for r in incoming_rows]
    return Description(iri, pick_label(labels, iri, lang), types, fact_list, incoming, int(total),
                       [(q, named(doc)) for q, doc in sorted(set(quotes))], page)


def rdf_description(store: ox.Store, iri: str, page: int = 0, page_size: int = 1000) -> tuple[list, bool]:
    """The RDF twin: quads about or pointing at *iri*, the relations it takes part in, labels.

    Quads keep their named graph, so TriG/N-Quads carry per-statement provenance; triple formats
    get the same statements once each. A resource with very many links is paged (in a stable
    order, *page_size* statements a page); the second value says whether a next page exists.

    :raise ValueError: *iri* is not an IRI.
    """
    node = f"<{ox.NamedNode(iri).value}>"
    query = f"""SELECT DISTINCT ?s ?p ?o ?g WHERE {{
      {{ GRAPH ?g {{ {node} ?p ?o }} BIND({node} AS ?s) }}
      UNION {{ GRAPH ?g {{ ?s ?p {node} }} BIND({node} AS ?o) }}
      UNION {{ ?s ?x {node} . ?s a <https://w3id.org/citykg/ontology#QualifiedRelation> . GRAPH ?g {{ ?s ?p ?o }} }}
      UNION {{ GRAPH ?h {{ {node} ?q ?s }} GRAPH ?g {{ ?s <{LABEL_PROPERTIES[0]}> ?o }} BIND(<{LABEL_PROPERTIES[0]}> AS ?p) }}
    }} ORDER BY ?g ?s ?p ?o LIMIT {page_size + 1} OFFSET {page * page_size}"""
    quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in store.query(query)]
    return quads[:page_size], len(quads) > page_size
