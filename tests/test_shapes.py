"""Every shape, tested both ways: for every (shape, constraint) pair a conforming and a violating case.

Fixtures are synthesised from the shapes themselves, not copied by hand. For a class, the shapes
that reach its instances are those targeting the class or one of its superclasses (by the
ontology's rdfs:subClassOf, as the validator entails types). A *base* focus node of that class
gets just enough values to satisfy every one of those shapes (warnings included): a value for each
sh:minCount, each value meeting all the constraints on its path (datatype, sh:or, class, sh:in,
pattern, bounds, unique languages). Then, for each constraint of each shape:

* the conforming case sits on the constraint's boundary (exactly sh:minCount / sh:maxCount values,
  the bound value itself for sh:minInclusive / sh:maxInclusive, start == end for
  sh:lessThanOrEquals, every sh:in member, every sh:or alternative, distinct languages) and must
  give no result at all for its focus node;
* the violating case changes only what breaks that constraint and must give exactly one result for
  its focus node, whose focus node, path, source shape, constraint component, severity and message
  set (en and fi) are asserted.

Node-level constraints (the IRI pattern) are tested the same way with a malformed IRI and a blank
node. All cases use distinct nodes and are validated in one pyshacl run, so the whole matrix takes
seconds. A constraint parameter the test does not know fails the test rather than going unchecked.
Also checked: every rdf:type the data uses is reached by a node shape, and the style rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from citykg.graph import HELSINKI_DIR, ONTOLOGY_DIR, PROJECT_ROOT, SHAPES_DIR
from citykg.graph.sources import load_sources
from citykg.graph.validation import entail_types

DATA_DIRS = [HELSINKI_DIR, PROJECT_ROOT / "examples" / "tallinn"]
LANGS = ["en", "fi", "sv", "et", "de", "fr"]
# What a property shape may say besides its constraints.
ANNOTATIONS = {RDF.type, SH.path, SH.name, SH.description, SH.message, SH.severity, RDFS.label, RDFS.comment}
# What a node shape may say besides its node-level constraints.
NODE_ANNOTATIONS = ANNOTATIONS | {SH.targetClass, SH.property}
COMPONENT = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
NUMERIC = {XSD.decimal, XSD.integer, XSD.double, XSD.float}


@pytest.fixture(scope="module")
def sources():
    return load_sources(ONTOLOGY_DIR, SHAPES_DIR, [HELSINKI_DIR])


@pytest.fixture(scope="module")
def shapes(sources):
    return sources.graph_of("shapes")


@pytest.fixture(scope="module")
def ontology(sources):
    return sources.graph_of("ontology")


def property_shapes(shapes):
    return sorted(shapes.subjects(RDF.type, SH.PropertyShape))


def node_shapes(shapes):
    return sorted(shapes.subjects(RDF.type, SH.NodeShape))


def node_shape_of(shapes, prop_shape):
    return shapes.value(None, SH.property, prop_shape)


def constraints_of(shapes, shape, annotations):
    return sorted(p for p in set(shapes.predicates(shape)) if p not in annotations)


# --------------------------------------------------------------------------------------------
# Valid and invalid values
# --------------------------------------------------------------------------------------------


def typed_literal(datatype, n: int, lo=None, hi=None) -> Literal:
    """The n-th valid literal of *datatype* (increasing with n), inside [lo, hi] if given."""
    if lo is not None or hi is not None:
        assert datatype in NUMERIC, f"teach the test bounds on {datatype}"
        low, high = Decimal(str(lo if lo is not None else -1000)), Decimal(str(hi if hi is not None else 1000))
        return Literal(str((low + high) / 2 + Decimal(n) / 4), datatype=datatype)
    lexical = {
        RDF.langString: None,
        XSD.string: f"value {n}",
        XSD.decimal: f"{n + 1}.5",
        XSD.integer: str(n + 1),
        XSD.gYear: str(2000 + n),
        XSD.gYearMonth: f"{2000 + n}-01",
        XSD.date: f"{2000 + n}-01-01",
        XSD.dateTime: f"{2000 + n}-01-01T00:00:00",
    }
    if datatype == RDF.langString:
        return Literal(f"value {n}", lang=LANGS[n])
    assert datatype in lexical, f"teach the test a value of {datatype}"
    return Literal(lexical[datatype], datatype=None if datatype == XSD.string else datatype)


def wrong_datatype(value: Literal, datatype) -> Literal:
    """A literal like *value* (same number, same text) but not of *datatype*."""
    if datatype in NUMERIC:  # stay comparable, so only sh:datatype fails, not the bounds
        if datatype == XSD.integer:
            return Literal(str(value), datatype=XSD.decimal)
        return Literal(str(int(Decimal(str(value)))), datatype=XSD.integer)
    if datatype == XSD.string:  # keep the text, so a pattern still matches
        return Literal(str(value), lang="en")
    return Literal(str(value))  # a plain xsd:string


def date_literal(lexical: str) -> Literal:
    """An xsd:gYear, xsd:gYearMonth or xsd:date by the length of *lexical*."""
    return Literal(lexical, datatype={4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(lexical)])


@dataclass
class Rules:
    """Everything the shapes that reach one class say about one path."""

    shapes: list = field(default_factory=list)
    datatypes: set = field(default_factory=set)
    alternatives: list = field(default_factory=list)  # sh:or ( [sh:datatype ...] ... )
    classes: set = field(default_factory=set)
    allowed: list | None = None
    patterns: list = field(default_factory=list)
    lo: object = None
    hi: object = None
    min_count: int = 0


def rules_for(shapes, prop_shapes) -> dict:
    rules: dict = {}
    for ps in prop_shapes:
        path = shapes.value(ps, SH.path)
        r = rules.setdefault(path, Rules())
        r.shapes.append(ps)
        for dt in shapes.objects(ps, SH.datatype):
            r.datatypes.add(dt)
        for alt in shapes.objects(ps, SH["or"]):
            items = list(Collection(shapes, alt))
            for item in items:
                assert set(shapes.predicates(item)) == {SH.datatype}, f"{ps}: teach the test this sh:or"
            r.alternatives.append([shapes.value(item, SH.datatype) for item in items])
        r.classes |= set(shapes.objects(ps, SH["class"]))
        for allowed in shapes.objects(ps, SH["in"]):
            r.allowed = list(Collection(shapes, allowed))
        r.patterns += [str(p) for p in shapes.objects(ps, SH.pattern)]
        for lo in shapes.objects(ps, SH.minInclusive):
            r.lo = lo.toPython()
        for hi in shapes.objects(ps, SH.maxInclusive):
            r.hi = hi.toPython()
        for m in shapes.objects(ps, SH.minCount):
            r.min_count = max(r.min_count, int(m))
    return rules


class Fixture:
    """A focus node of *cls* with values that satisfy every shape reaching it."""

    def __init__(self, shapes, ontology, cls, case: int):
        self.shapes, self.ontology, self.cls = shapes, ontology, cls
        classes = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        self.node_shapes = [n for n in node_shapes(shapes) if shapes.value(n, SH.targetClass) in classes]
        self.prop_shapes = [ps for n in self.node_shapes for ps in shapes.objects(n, SH.property)]
        self.rules = rules_for(shapes, self.prop_shapes)
        patterns = [str(p) for n in self.node_shapes for p in shapes.objects(n, SH.pattern)]
        candidates = [f"https://w3id.org/citykg/id/test/case-{case}", f"https://w3id.org/citykg/graph/test/case-{case}"]
        fitting = [c for c in candidates if all(re.search(p, c) for p in patterns)]
        assert fitting, f"no test IRI fits the patterns for {cls}: {patterns}"
        self.focus = URIRef(fitting[0])
        self.values: dict = {}

    def value(self, path, n: int, graph: Graph):
        """The n-th value for *path* that meets every constraint the shapes put on it."""
        r = self.rules[path]
        if r.allowed is not None:
            return r.allowed[n]
        if r.classes:
            node = URIRef(f"{self.focus}-{re.sub(r'[^a-z0-9]', '', str(path).lower())[-20:]}-{n}")
            for cls in r.classes:
                graph.add((node, RDF.type, cls))
            return node
        datatypes = set(r.datatypes)
        for alternatives in r.alternatives:
            datatypes.add(alternatives[0])
        assert len(datatypes) <= 1, f"{path}: conflicting datatypes {datatypes}"
        if not datatypes:
            declared = self.ontology.value(path, RDFS.range)
            if declared is not None and not (str(declared).startswith(str(XSD)) or declared in (RDF.langString, RDFS.Literal)):
                return URIRef(f"{self.focus}-value-{n}")
            datatypes = {declared if declared not in (None, RDFS.Literal) else RDF.langString}
        datatype = datatypes.pop()
        if r.patterns:
            for candidate in (f"person{n}@example.org", f"value-{n}"):
                if all(re.search(p, candidate) for p in r.patterns):
                    return Literal(candidate, datatype=None if datatype == XSD.string else datatype)
            raise AssertionError(f"teach the test a value matching {r.patterns}")
        return typed_literal(datatype, n, r.lo, r.hi)

    def graph(self, counts: dict | None = None, replace: dict | None = None, focus=None) -> Graph:
        """The fixture: *counts* overrides how many values a path gets, *replace* sets them outright."""
        counts, replace = counts or {}, replace or {}
        focus = self.focus if focus is None else focus
        graph = Graph()
        graph.add((focus, RDF.type, self.cls))
        for path, r in self.rules.items():
            if path in replace:
                for value in replace[path]:
                    graph.add((focus, path, value))
                continue
            for n in range(counts.get(path, r.min_count)):
                graph.add((focus, path, self.value(path, n, graph)))
        return graph


# --------------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    shape: URIRef
    constraint: URIRef
    conforms: bool
    focus: object
    path: object
    graph: Graph
    note: str


def property_cases(shapes, ontology, prop_shape, counter) -> list[Case]:
    """A conforming and a violating case for every constraint of *prop_shape*."""
    cls = shapes.value(node_shape_of(shapes, prop_shape), SH.targetClass)
    path = shapes.value(prop_shape, SH.path)
    cases = []

    def case(constraint, conforms, note, counts=None, replace=None):
        fixture = Fixture(shapes, ontology, cls, next(counter))
        base = {path: max(fixture.rules[path].min_count, 1)}
        graph = fixture.graph(counts={**base, **(counts or {})}, replace=replace)
        cases.append(Case(prop_shape, constraint, conforms, fixture.focus, path, graph, note))
        return fixture

    probe = Fixture(shapes, ontology, cls, 0)

    def values(k, start=0, scratch=None):
        scratch = Graph() if scratch is None else scratch
        return [probe.value(path, n, scratch) for n in range(start, start + k)]

    for constraint in constraints_of(shapes, prop_shape, ANNOTATIONS):
        bound = shapes.value(prop_shape, constraint)
        if constraint == SH.minCount:
            m = int(bound)
            case(constraint, True, f"exactly {m} value(s)", counts={path: m})
            case(constraint, False, f"{m - 1} value(s)", counts={path: m - 1})
        elif constraint == SH.maxCount:
            k = int(bound)
            case(constraint, True, f"exactly {k} value(s)", counts={path: k})
            case(constraint, False, f"{k + 1} values", counts={path: k + 1})
        elif constraint == SH.datatype:
            good = values(1)[0]
            case(constraint, True, f"a {bound}", counts={path: 1})
            case(constraint, False, "another datatype", counts={path: 1}, replace={path: [wrong_datatype(good, bound)]})
        elif constraint == SH["or"]:
            for item in Collection(shapes, bound):
                alternative = shapes.value(item, SH.datatype)
                case(constraint, True, f"alternative {alternative}", replace={path: [typed_literal(alternative, 0)]})
            case(constraint, False, "no alternative", replace={path: [Literal("2001")]})
        elif constraint == SH["class"]:
            case(constraint, True, f"an instance of {bound}", counts={path: 1})
            case(constraint, False, "an untyped IRI", replace={path: [URIRef(f"https://w3id.org/citykg/id/test/untyped-{next(counter)}")]})
        elif constraint == SH["in"]:
            for member in Collection(shapes, bound):
                case(constraint, True, f"member {member}", replace={path: [member]})
            case(constraint, False, "not a member", replace={path: [Literal("roughly")]})
        elif constraint == SH.pattern:
            good = values(1)[0]
            bad = Literal("not an address", datatype=good.datatype, lang=good.language)
            assert not re.search(str(bound), str(bad))
            case(constraint, True, "matching", counts={path: 1})
            case(constraint, False, "not matching", replace={path: [bad]})
        elif constraint in (SH.minInclusive, SH.maxInclusive):
            datatype = values(1)[0].datatype
            edge = Decimal(str(bound.toPython()))
            outside = edge - 1 if constraint == SH.minInclusive else edge + 1
            case(constraint, True, f"the bound {edge}", replace={path: [Literal(str(edge), datatype=datatype)]})
            case(constraint, False, f"{outside}", replace={path: [Literal(str(outside), datatype=datatype)]})
        elif constraint == SH.lessThanOrEquals:
            other = bound
            early, late = values(2)
            assert probe.rules.get(other) is not None, f"{prop_shape}: no shape on {other}"
            case(constraint, True, "equal", replace={path: [early], other: [early]})
            case(constraint, False, "after", replace={path: [late], other: [early]})
        elif constraint == SH.sparql and str(prop_shape).endswith("-endDate-2"):
            # the one SPARQL constraint: an end never before its start, at the precision both have
            start = URIRef("https://w3id.org/citykg/ontology#startDate")
            for begin, end in (("2019", "2019"), ("2019", "2019-05-01"), ("2019-05-01", "2019"), ("2019-05", "2020")):
                case(constraint, True, f"{begin} .. {end}", replace={start: [date_literal(begin)], path: [date_literal(end)]})
            for begin, end in (("2020", "2019"), ("2019-05-01", "2019-04"), ("2019-05", "2019-04-30")):
                case(constraint, False, f"{begin} .. {end}", replace={start: [date_literal(begin)], path: [date_literal(end)]})
        elif constraint == SH.uniqueLang:
            assert bound.toPython() is True
            case(constraint, True, "two languages", replace={path: [Literal("a", lang="en"), Literal("b", lang="fi")]})
            case(constraint, False, "one language twice", replace={path: [Literal("a", lang="en"), Literal("b", lang="en")]})
        else:
            raise AssertionError(f"{prop_shape}: the test does not know how to check {constraint}")
    return cases


def node_cases(shapes, ontology, node, counter) -> list[Case]:
    """A conforming and violating cases for every node-level constraint of *node*."""
    cls = shapes.value(node, SH.targetClass)
    cases = []
    for constraint in constraints_of(shapes, node, NODE_ANNOTATIONS):
        if constraint != SH.pattern:
            raise AssertionError(f"{node}: the test does not know how to check node-level {constraint}")
        fixture = Fixture(shapes, ontology, cls, next(counter))
        cases.append(Case(node, constraint, True, fixture.focus, None, fixture.graph(), "well-formed IRI"))
        fixture = Fixture(shapes, ontology, cls, next(counter))
        malformed = URIRef(str(fixture.focus).replace("case-", "Case_"))
        cases.append(Case(node, constraint, False, malformed, None, fixture.graph(focus=malformed), "malformed IRI"))
        fixture = Fixture(shapes, ontology, cls, next(counter))
        blank = BNode()
        cases.append(Case(node, constraint, False, blank, None, fixture.graph(focus=blank), "blank node"))
    return cases


@pytest.fixture(scope="module")
def cases(shapes, ontology):
    counter = iter(range(1, 10**6))
    found = []
    for prop_shape in property_shapes(shapes):
        found += property_cases(shapes, ontology, prop_shape, counter)
    for node in node_shapes(shapes):
        found += node_cases(shapes, ontology, node, counter)
    return found


@pytest.fixture(scope="module")
def results(cases, shapes, ontology):
    """Validate every case in one pyshacl run; return the results grouped by focus node."""
    union = Graph()
    for c in cases:
        for triple in c.graph:
            union.add(triple)
    _, report, _ = pyshacl.validate(
        entail_types(union, ontology), shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True, advanced=True
    )
    grouped: dict = {}
    for r in report.subjects(RDF.type, SH.ValidationResult):
        grouped.setdefault(report.value(r, SH.focusNode), []).append({
            "path": report.value(r, SH.resultPath),
            "shape": report.value(r, SH.sourceShape),
            "component": report.value(r, SH.sourceConstraintComponent),
            "severity": report.value(r, SH.resultSeverity),
            "messages": {(str(m), m.language) for m in report.objects(r, SH.resultMessage)},
        })
    return grouped




def test_every_shape_constraint_pair_has_a_conforming_and_a_violating_case(shapes, cases):
    expected = {(ps, c) for ps in property_shapes(shapes) for c in constraints_of(shapes, ps, ANNOTATIONS)}
    expected |= {(n, c) for n in node_shapes(shapes) for c in constraints_of(shapes, n, NODE_ANNOTATIONS)}
    conforming = {(c.shape, c.constraint) for c in cases if c.conforms}
    violating = {(c.shape, c.constraint) for c in cases if not c.conforms}
    assert expected == conforming == violating
    assert len(expected) >= 100


def test_conforming_cases_give_no_result_at_all(cases, results):
    failures = [f"{c.shape} {c.constraint} ({c.note}) on {c.focus}: {results[c.focus]}"
                for c in cases if c.conforms and results.get(c.focus)]
    assert not failures, "\n".join(failures)


def test_violating_cases_give_exactly_the_one_expected_result(cases, results, shapes):
    failures = []
    for c in cases:
        if c.conforms:
            continue
        expected = {
            "path": c.path,
            "shape": c.shape,
            "component": COMPONENT[c.constraint],
            "severity": shapes.value(c.shape, SH.severity) or SH.Violation,
            "messages": {(str(m), m.language) for m in shapes.objects(c.shape, SH.message)},
        }
        got = results.get(c.focus, [])
        if c.constraint == SH.sparql:
            # pyshacl (0.40) drops the language tags of messages of SPARQL-based results:
            # compare the texts there, the (text, language) pairs everywhere else.
            expected["messages"] = {(text, None) for text, _ in expected["messages"]}
        if got != [expected]:
            failures.append(f"{c.shape} {c.constraint} ({c.note}) on {c.focus}:\n  expected {expected}\n  got      {got}")
    assert not failures, "\n".join(failures)


def test_violating_messages_are_bilingual(cases, shapes):
    for c in cases:
        assert {m.language for m in shapes.objects(c.shape, SH.message)} >= {"en", "fi"}, c.shape


# --------------------------------------------------------------------------------------------
# Coverage: every class the data uses has a node shape
# --------------------------------------------------------------------------------------------


def used_types(directory):
    data = load_sources(ONTOLOGY_DIR, SHAPES_DIR, [directory]).graph_of("data")
    return set(data.objects(None, RDF.type))


@pytest.mark.parametrize("directory", DATA_DIRS, ids=lambda d: d.name)
def test_every_type_the_data_uses_is_reached_by_a_node_shape(directory, shapes, ontology):
    targets = set(shapes.objects(None, SH.targetClass))
    types = used_types(directory)
    assert types
    unreached = sorted(t for t in types if not set(ontology.transitive_objects(t, RDFS.subClassOf)) & targets)
    assert not unreached, f"no node shape targets these classes or a superclass: {unreached}"


def test_every_type_the_code_lists_use_is_reached_by_a_node_shape(shapes, ontology):
    """The shared concept schemes (ontology/vocabularies.ttl) are instance data too."""
    targets = set(shapes.objects(None, SH.targetClass))
    instances = {t for s, t in ontology.subject_objects(RDF.type) if str(s).startswith("https://w3id.org/citykg/id/")}
    assert {SKOS.Concept, SKOS.ConceptScheme} <= instances
    assert not sorted(t for t in instances if not set(ontology.transitive_objects(t, RDFS.subClassOf)) & targets)


def test_the_coverage_check_would_catch_an_unshaped_class(shapes, ontology):
    targets = set(shapes.objects(None, SH.targetClass))
    assert not set(ontology.transitive_objects(OWL.Thing, RDFS.subClassOf)) & targets
    assert not set(ontology.transitive_objects(URIRef("https://w3id.org/citykg/ontology#NoSuchClass"), RDFS.subClassOf)) & targets


@pytest.mark.parametrize("directory", DATA_DIRS, ids=lambda d: d.name)
def test_the_real_data_conforms(directory):
    from citykg.graph.validation import validate

    report = validate(load_sources(ONTOLOGY_DIR, SHAPES_DIR, [directory]))
    assert report.count("Violation") == 0, [r.line() for r in report.results]


# --------------------------------------------------------------------------------------------
# Style
# --------------------------------------------------------------------------------------------


def test_style_every_property_shape_is_named_described_and_has_bilingual_messages(shapes):
    for prop_shape in property_shapes(shapes):
        assert isinstance(prop_shape, URIRef), "no blank-node property shapes"
        assert shapes.value(prop_shape, SH.name) is not None, prop_shape
        assert shapes.value(prop_shape, SH.description) is not None, prop_shape
        assert {m.language for m in shapes.objects(prop_shape, SH.message)} >= {"en", "fi"}, prop_shape
        assert shapes.value(prop_shape, SH.severity) in (SH.Violation, SH.Warning), prop_shape
        assert constraints_of(shapes, prop_shape, ANNOTATIONS), f"{prop_shape} constrains nothing"
        assert str(prop_shape).startswith(str(node_shape_of(shapes, prop_shape)) + "-"), "named <Class>Shape-<property>"


def test_style_only_shacl_terms_in_the_sh_namespace(shapes):
    used = {t for t in set(shapes.predicates()) | set(shapes.objects()) if isinstance(t, URIRef) and str(t).startswith(str(SH))}
    assert {t for t in used if t not in SH} == set()


def test_every_node_shape_targets_a_class_and_is_named(shapes):
    for node in node_shapes(shapes):
        assert str(node).endswith("Shape") and shapes.value(node, SH.targetClass) is not None, node
        assert shapes.value(node, RDFS.label) is not None, node
        assert shapes.value(node, SH.name) is not None, node
        assert {d.language for d in shapes.objects(node, SH.description)} >= {"en", "fi"}, node
        reports = bool(constraints_of(shapes, node, NODE_ANNOTATIONS))
        # sh:message and sh:severity apply to results of the shape's own (node-level) constraints;
        # a shape that only groups property shapes reports nothing under its own name.
        assert ({m.language for m in shapes.objects(node, SH.message)} >= {"en", "fi"}) == reports, node
        assert (shapes.value(node, SH.severity) is not None) == reports, node
        assert reports or any(shapes.objects(node, SH.property)), f"{node} checks nothing"


def test_one_rule_one_place_no_shape_repeats_a_superclass_rule(shapes, ontology):
    """A rule on a superclass's shape reaches the subclass too; repeating it reports one error twice."""
    for node in node_shapes(shapes):
        cls = shapes.value(node, SH.targetClass)
        superclasses = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        above = [n for n in node_shapes(shapes) if n != node and shapes.value(n, SH.targetClass) in superclasses]
        if shapes.value(node, SH.pattern) is not None:
            assert not [n for n in above if shapes.value(n, SH.pattern) is not None], node
        mine = {(shapes.value(ps, SH.path), c) for ps in shapes.objects(node, SH.property) for c in constraints_of(shapes, ps, ANNOTATIONS)}
        for n in above:
            theirs = {(shapes.value(ps, SH.path), c) for ps in shapes.objects(n, SH.property) for c in constraints_of(shapes, ps, ANNOTATIONS)}
            assert not mine & theirs, f"{node} repeats {mine & theirs} of {n}"
