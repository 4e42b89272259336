"""Every shape, tested both ways: a conforming fixture and a violating one with the exact result.

Fixtures are derived, not hand-copied: for each property shape a focus node of its target class is
taken from the Helsinki data (which conforms) together with the resources it links to; that small
graph must conform. Then one mutation that breaks exactly this shape's constraint (values removed
for sh:minCount, a value added for sh:maxCount, a wrong datatype, a wrong class, a value outside
sh:in or sh:pattern, an end before a start) must give exactly one result, whose focus node, path,
severity and message are asserted. The style rules of the shapes files are checked too.
"""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from citykg.graph import HELSINKI_DIR, ONTOLOGY_DIR, SHAPES_DIR
from citykg.graph.sources import load_sources
from citykg.graph.validation import entail_types

SHACL_TERMS = set(dir(SH))


@pytest.fixture(scope="module")
def sources():
    return load_sources(ONTOLOGY_DIR, SHAPES_DIR, [HELSINKI_DIR])


@pytest.fixture(scope="module")
def shapes(sources):
    return sources.graph_of("shapes")


@pytest.fixture(scope="module")
def ontology(sources):
    return sources.graph_of("ontology")


@pytest.fixture(scope="module")
def data(sources, ontology):
    """The Helsinki data with the types the validator entails (so targets reach subclasses)."""
    return entail_types(sources.graph_of("data"), ontology)


def property_shapes(shapes):
    return sorted(shapes.subjects(RDF.type, SH.PropertyShape))


def node_shape_of(shapes, prop_shape):
    return shapes.value(None, SH.property, prop_shape)


def neighbourhood(data, focus) -> Graph:
    """The focus node's triples and the triples of every resource it points to."""
    graph = Graph()
    for s, p, o in data.triples((focus, None, None)):
        graph.add((s, p, o))
        for triple in data.triples((o, None, None)):
            if triple[1] == RDF.type or not str(triple[0]).startswith("https://w3id.org/citykg/id/concept/"):
                graph.add(triple)
    return graph


def validate(graph, shapes, ontology):
    """Validate *graph* (plus the ontology's code lists) and return its results as tuples.

    The graphs here already carry their RDFS-entailed types (see the data fixture), so pyshacl
    runs without inference: the same results, many times faster.
    """
    codes = Graph()
    for triple in ontology.triples((None, None, None)):
        if str(triple[0]).startswith("https://w3id.org/citykg/id/concept/"):
            codes.add(triple)
    _, results, _ = pyshacl.validate(graph + codes, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True)
    found = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        messages = {str(m) for m in results.objects(r, SH.resultMessage)}
        found.append((results.value(r, SH.focusNode), results.value(r, SH.resultPath), results.value(r, SH.resultSeverity), messages))
    return found


def pick_focus(data, shapes, prop_shape):
    """Choose a focus node of the shape's target class that has a value for the path (if any has)."""
    target = shapes.value(node_shape_of(shapes, prop_shape), SH.targetClass)
    path = shapes.value(prop_shape, SH.path)
    candidates = sorted(c for c in data.subjects(RDF.type, target) if isinstance(c, URIRef))
    with_value = [c for c in candidates if (c, path, None) in data]
    if not (with_value or candidates):  # no instance in the Helsinki data: make a minimal one
        example = URIRef("https://w3id.org/citykg/id/place/example")
        data.add((example, RDF.type, target))
        data.add((example, RDFS.label, Literal("Example", lang="en")))
        return example, path
    return (with_value or candidates)[0], path


def wrong_value(constraint):
    """Return a value that breaks *constraint* (and, being out of place, nothing checks it otherwise)."""
    if constraint in (SH.datatype, SH["or"], SH["class"]):
        return URIRef("https://w3id.org/citykg/id/place/untyped")  # an IRI with no type: no literal, no class
    if constraint == SH["in"]:
        return Literal("roughly")
    if constraint == SH.pattern:
        return Literal("not an address")
    if constraint in (SH.minInclusive, SH.maxInclusive):
        return Literal("999.0", datatype=XSD.decimal)
    raise AssertionError(constraint)


def valid_value(graph, shapes, prop_shape, n: int):
    """Return the n-th fresh value that satisfies every constraint of the shape but cardinality."""
    datatype = shapes.value(prop_shape, SH.datatype)
    allowed = shapes.value(prop_shape, SH["in"])
    cls = shapes.value(prop_shape, SH["class"])
    if allowed is not None:
        return list(Collection(shapes, allowed))[n]
    if shapes.value(prop_shape, SH.pattern) is not None:
        return Literal(f"person{n}@example.org")
    if datatype == XSD.decimal:
        return Literal(f"{n + 1}.5", datatype=XSD.decimal)
    if datatype == RDF.langString:
        return Literal(f"value {n}", lang="en")
    if datatype == XSD.string:
        return Literal(f"value {n}")
    if datatype == XSD.date:
        return Literal(f"200{n}-01-01", datatype=XSD.date)
    if datatype is not None or shapes.value(prop_shape, SH["or"]) is not None:
        return Literal(f"190{n}", datatype=XSD.gYear)
    fresh = URIRef(f"https://w3id.org/citykg/id/place/extra-{n}")
    if cls is not None:
        graph.add((fresh, RDF.type, cls))
    return fresh


def mutate(graph, shapes, prop_shape, focus, path):
    """Break the shape's first constraint on *focus* in *graph*; return what was broken."""
    for constraint in (SH.minCount, SH.maxCount, SH.lessThanOrEquals, SH.datatype, SH["or"], SH["class"], SH["in"],
                       SH.pattern, SH.minInclusive, SH.maxInclusive):
        bound = shapes.value(prop_shape, constraint)
        if bound is None:
            continue
        values = list(graph.objects(focus, path))
        if constraint == SH.minCount:
            graph.remove((focus, path, None))
        elif constraint == SH.maxCount:
            for n in range(int(bound) + 1 - len(values)):
                graph.add((focus, path, valid_value(graph, shapes, prop_shape, n)))
        elif constraint == SH.lessThanOrEquals:
            graph.set((focus, path, Literal("2030", datatype=XSD.gYear)))
            graph.set((focus, bound, Literal("2020", datatype=XSD.gYear)))
        else:
            graph.remove((focus, path, None))
            graph.add((focus, path, wrong_value(constraint)))
        return constraint
    raise AssertionError(f"{prop_shape} has no constraint the test knows how to break")


def test_style_every_property_shape_is_named_described_and_has_bilingual_messages(shapes):
    for prop_shape in property_shapes(shapes):
        assert isinstance(prop_shape, URIRef), "no blank-node property shapes"
        assert shapes.value(prop_shape, SH.name) is not None, prop_shape
        assert shapes.value(prop_shape, SH.description) is not None, prop_shape
        assert {m.language for m in shapes.objects(prop_shape, SH.message)} >= {"en", "fi"}, prop_shape
        assert shapes.value(prop_shape, SH.severity) in (SH.Violation, SH.Warning), prop_shape
        constraints = {p for p in shapes.predicates(prop_shape) if p not in (RDF.type, SH.path, SH.name, SH.description, SH.message, SH.severity)}
        assert constraints, f"{prop_shape} constrains nothing"
        assert str(prop_shape).startswith(str(node_shape_of(shapes, prop_shape)) + "-"), "named <Class>Shape-<property>"


def test_style_only_shacl_terms_in_the_sh_namespace(shapes):
    used = {t for t in set(shapes.predicates()) | set(shapes.objects()) if isinstance(t, URIRef) and str(t).startswith(str(SH))}
    assert {t for t in used if t not in SH} == set()


def test_every_node_shape_targets_a_class_and_is_named(shapes):
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        assert str(node).endswith("Shape") and shapes.value(node, SH.targetClass) is not None, node
        assert shapes.value(node, RDFS.label) is not None, node
        assert shapes.value(node, SH.name) is not None, node
        assert {d.language for d in shapes.objects(node, SH.description)} >= {"en", "fi"}, node
        assert {m.language for m in shapes.objects(node, SH.message)} >= {"en", "fi"}, node


@pytest.fixture(scope="module")
def cases(shapes):
    return property_shapes(shapes)


def test_there_is_a_case_for_every_property_shape(cases):
    assert len(cases) >= 50


def test_every_property_shape_conforms_and_then_fails_exactly(data, shapes, ontology, cases):
    failures = []
    for prop_shape in cases:
        focus, path = pick_focus(data, shapes, prop_shape)
        graph = neighbourhood(data, focus)
        before = [r for r in validate(graph, shapes, ontology) if r[0] == focus]
        if before:
            failures.append(f"{prop_shape}: fixture for {focus} does not conform: {before}")
            continue
        broken = mutate(graph, shapes, prop_shape, focus, path)
        results = [r for r in validate(graph, shapes, ontology) if r[0] == focus]
        expected_messages = {str(m) for m in shapes.objects(prop_shape, SH.message)}
        matching = [r for r in results if r[1] == path and r[3] == expected_messages]
        if len(matching) != 1 or matching[0][2] != shapes.value(prop_shape, SH.severity):
            failures.append(f"{prop_shape} ({broken}) on {focus}: got {results}")
    assert not failures, "\n".join(failures)


def test_iri_pattern_of_every_node_shape(shapes, ontology):
    """Each node shape: a well-formed IRI conforms, a malformed one fails with the shape's message."""
    failures = []
    for node in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        target = shapes.value(node, SH.targetClass)
        messages = {str(m) for m in shapes.objects(node, SH.message)}
        for iri, should_fail in (("https://w3id.org/citykg/id/place/good-slug", False), ("https://w3id.org/citykg/id/place/Not_A_Slug", True)):
            graph = Graph()
            graph.add((URIRef(iri), RDF.type, target))
            node_results = [r for r in validate(graph, shapes, ontology) if r[1] is None and r[3] == messages]
            if (len(node_results) == 1) != should_fail or (should_fail and node_results[0][0] != URIRef(iri)):
                failures.append(f"{node} on {iri}: {node_results}")
    assert not failures, "\n".join(failures)
