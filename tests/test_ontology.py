"""The ontology is free of the OOPS! pitfalls a program can detect, and annotated the house way.

Checked here (OOPS! code): P04 unconnected terms, P06 class cycles, P08 missing labels/comments,
P11 missing domain/range (with the exemptions the comments justify), P13 undeclared inverses
(for properties whose comment names one), P19 multiple domains/ranges, P22 naming conventions,
P25 self-inverse, P26 inverse of a symmetric property, P33 one-property chains, P34/P35 untyped
terms, P36 file extensions in IRIs, P38 ontology declaration, P41 licence; plus terms defined twice,
exact ``rdfs:isDefinedBy``, and no rdf/rdfs/owl terms that do not exist (ORG's ``subClasOf`` typo).
Not checkable by a program, so left to review: P01, P07, P09, P10 (partly: disjointness is declared),
P14-P18, P23-P24, P27-P32 (they need the intended meaning), P37/P39/P40 (need the web).
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from citykg.graph import CKG, ONTOLOGY_DIR, ONTOLOGY_IRI
from citykg.graph.inference import infer
from citykg.graph.ontology_docs import render_ontology_html

ONTOLOGY_FILE = ONTOLOGY_DIR / "citykg.ttl"
VANN = "http://purl.org/vocab/vann/"
LANGUAGES = {"en", "fi", "sv"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def own_terms(onto, kind):
    return sorted(t for t in onto.subjects(RDF.type, kind) if str(t).startswith(str(CKG)))


def classes(onto):
    return own_terms(onto, OWL.Class)


def properties(onto):
    return own_terms(onto, OWL.ObjectProperty) + own_terms(onto, OWL.DatatypeProperty)


def test_p38_p41_header(onto):
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/" + str(onto.value(header, OWL.versionInfo)))
    assert str(onto.value(header, DCTERMS.license)).startswith("https://creativecommons.org/licenses/by/4.0")
    titles = {t.language for t in onto.objects(header, DCTERMS.title)}
    assert {"en", "fi"} <= titles
    for p in (DCTERMS.description, DCTERMS.creator, DCTERMS.created, DCTERMS.modified):
        assert onto.value(header, p) is not None, p
    assert str(onto.value(header, URIRef(VANN + "preferredNamespacePrefix"))) == "ckg"
    assert str(onto.value(header, URIRef(VANN + "preferredNamespaceUri"))) == str(CKG)


def test_p08_every_term_has_labels_and_comments_in_en_and_fi(onto):
    for term in classes(onto) + properties(onto):
        labels = [l for l in onto.objects(term, RDFS.label) if isinstance(l, Literal)]
        comments = [c for c in onto.objects(term, RDFS.comment) if isinstance(c, Literal)]
        assert {l.language for l in labels} == LANGUAGES, term
        assert len(labels) == len(LANGUAGES), f"{term}: exactly one label per language"
        assert {"en", "fi"} <= {c.language for c in comments}, term


def test_comments_open_with_a_definition(onto):
    for term in classes(onto) + properties(onto):
        english = next(str(c) for c in onto.objects(term, RDFS.comment) if c.language == "en")
        assert english.startswith(("Represents", "Indicates")), term


def test_is_defined_by_the_exact_ontology_iri(onto):
    for term in classes(onto) + properties(onto):
        assert list(onto.objects(term, RDFS.isDefinedBy)) == [URIRef(ONTOLOGY_IRI)], term


def test_p11_p19_domain_and_range_declared_once_or_left_open_with_a_reason(onto):
    for prop in properties(onto):
        domains, ranges = list(onto.objects(prop, RDFS.domain)), list(onto.objects(prop, RDFS.range))
        assert len(domains) <= 1 and len(ranges) <= 1, f"P19 {prop}"
        comment = next(str(c) for c in onto.objects(prop, RDFS.comment) if c.language == "en")
        if not domains:
            assert "Domain left open" in comment, f"P11 domain {prop}"
        if not ranges:
            assert "Range left open" in comment, f"P11 range {prop}"


def test_p13_p25_p26_inverses(onto):
    for prop in properties(onto):
        comment = next(str(c) for c in onto.objects(prop, RDFS.comment) if c.language == "en")
        named = re.search(r"Inverse of ckg:(\w+)", comment)
        if named:
            other = CKG[named.group(1)]
            assert (prop, OWL.inverseOf, other) in onto or (other, OWL.inverseOf, prop) in onto, f"P13 {prop}"
        for inverse in onto.objects(prop, OWL.inverseOf):
            assert inverse != prop, f"P25 {prop}"
            assert (prop, RDF.type, OWL.SymmetricProperty) not in onto, f"P26 {prop}"


def test_partnership_is_symmetric_and_never_transitive(onto):
    assert (CKG.partnerOf, RDF.type, OWL.SymmetricProperty) in onto
    assert not list(onto.subjects(RDF.type, OWL.TransitiveProperty))


def test_p33_property_chains_have_at_least_two_steps(onto):
    for prop, chain in onto.subject_objects(OWL.propertyChainAxiom):
        assert len(list(Collection(onto, chain))) >= 2, prop


def test_p06_no_cycles_in_the_class_hierarchy(onto):
    for cls in classes(onto):
        seen, frontier = set(), [cls]
        while frontier:
            for parent in onto.objects(frontier.pop(), RDFS.subClassOf):
                assert parent != cls, f"cycle through {cls}"
                if parent not in seen:
                    seen.add(parent)
                    frontier.append(parent)


def test_p22_naming_conventions(onto):
    for cls in classes(onto):
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", str(cls)[len(str(CKG)):]), cls
    for prop in properties(onto):
        assert re.fullmatch(r"[a-z][A-Za-z0-9]*", str(prop)[len(str(CKG)):]), prop


def test_p04_no_unconnected_class(onto):
    used = set(onto.objects(None, RDFS.domain)) | set(onto.objects(None, RDFS.range))
    for cls in classes(onto):
        connected = cls in used or any(onto.objects(cls, RDFS.subClassOf)) or any(onto.subjects(RDFS.subClassOf, cls))
        assert connected, cls


def test_p34_p35_every_ckg_term_used_is_declared(onto):
    declared = set(classes(onto)) | set(properties(onto))
    mentioned = {t for t in set(onto.subjects()) | set(onto.objects()) if isinstance(t, URIRef) and str(t).startswith(str(CKG))}
    assert mentioned <= declared, mentioned - declared


def test_p36_no_file_extension_in_iris(onto):
    for term in classes(onto) + properties(onto):
        assert not re.search(r"\.(owl|ttl|rdf|xml)$", str(term)), term


def test_no_term_defined_twice():
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    heads = re.findall(r"^ckg:(\w+)\n\s+a ", text, flags=re.M)
    assert len(heads) == len(set(heads))


@pytest.mark.parametrize("namespace", [RDF, RDFS, OWL, SKOS])
def test_no_nonexistent_standard_terms(onto, namespace):
    # rdflib's closed namespaces know every term the W3C specs define, so a typo such as
    # ORG's rdfs:subClasOf is not `in` them.
    used = {t for t in set(onto.predicates()) | set(onto.objects()) if isinstance(t, URIRef) and str(t).startswith(str(namespace))}
    assert used
    assert {t for t in used if t not in namespace} == set()


def test_the_closed_namespace_check_would_catch_a_typo():
    assert URIRef(str(RDFS) + "subClasOf") not in RDFS


def test_owl_rl_finds_no_contradiction_with_the_helsinki_data():
    from citykg.graph import HELSINKI_DIR, SHAPES_DIR
    from citykg.graph.sources import load_sources

    sources = load_sources(ONTOLOGY_DIR, SHAPES_DIR, [HELSINKI_DIR])
    inferred, errors = infer(sources.graph_of("ontology"), sources.graph_of("data"))
    assert errors == []
    assert len(inferred) > 100


def test_disjointness_catches_a_contradiction():
    onto = Graph().parse(ONTOLOGY_FILE)
    data = Graph()
    thing = URIRef("https://w3id.org/citykg/id/city/nowhere")
    data.add((thing, RDF.type, CKG.City))
    data.add((thing, RDF.type, CKG.Organisation))
    _, errors = infer(onto, data)
    assert errors


def test_html_documentation_renders_every_class(onto):
    html = render_ontology_html(ONTOLOGY_FILE)
    assert "<html" in html.lower()
    for term in classes(onto) + properties(onto):
        assert f'id="{str(term)[len(str(CKG)):]}"' in html, f"no anchor for {term}: ontology#Term must land on it"
