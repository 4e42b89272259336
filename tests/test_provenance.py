"""Nothing in the data claims a seed says what it does not: quotes occur in the cited document.

Method: every ``ckg:quote`` of a resource must occur in the text of the seed document the resource
is ``prov:wasDerivedFrom``, after normalising both for the PDF/OCR layout: a hyphen at a line end
joins the word, and whitespace is dropped (the PDF also splits words at line ends without a hyphen). Every source graph is derived
from a described source document whose seed file exists, and the general-knowledge graph never
names a seed as source.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from citykg.graph import HELSINKI_DIR

from .conftest import SEEDS

CKG = Namespace("https://w3id.org/citykg/ontology#")
GENERAL_KNOWLEDGE = URIRef("https://w3id.org/citykg/graph/general-knowledge")
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")


def normalise(text: str) -> str:
    """Undo layout: join words hyphenated at line ends, then drop all whitespace.

    Whitespace goes entirely because the PDF text also breaks words at line ends without a
    hyphen ("kieh\ntovimpia"); letters, digits and punctuation must still match exactly.
    """
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """All Helsinki data files in one Dataset, named graphs kept."""
    ds = Dataset(default_union=True)
    for path in sorted(HELSINKI_DIR.glob("*.trig")):
        ds.parse(path, format="trig")
    return ds


@pytest.fixture(scope="module")
def seed_texts(dataset) -> dict:
    """Map each source document IRI to its seed file's normalised text."""
    texts = {}
    for doc in dataset.subjects(RDF.type, CKG.SourceDocument):
        identifier = dataset.value(doc, DCTERMS.identifier)
        path = SEEDS / f"{identifier}.txt"
        assert path.is_file(), f"{doc} names seed {identifier}, which does not exist"
        texts[doc] = normalise(path.read_text(encoding="utf-8"))
    return texts


def quoted(dataset):
    """Yield (resource, source document, quote) for every quote in the data."""
    for resource, quote in set(dataset.subject_objects(CKG.quote)):
        sources = set(dataset.objects(resource, PROV.wasDerivedFrom))
        assert sources, f"{resource} quotes a passage but names no source document"
        yield resource, sources, quote


def test_there_are_many_quotes(dataset):
    assert len(set(dataset.objects(None, CKG.quote))) >= 45


def test_every_quote_occurs_in_its_cited_document(dataset, seed_texts):
    wrong = []
    for resource, sources, quote in quoted(dataset):
        if not any(normalise(str(quote)) in seed_texts.get(source, "") for source in sources):
            wrong.append(f"{resource}: {str(quote)[:80]!r} not in {sorted(map(str, sources))}")
    assert not wrong, "\n".join(wrong)


def test_quotes_are_finnish(dataset):
    assert {q.language for q in dataset.objects(None, CKG.quote)} == {"fi"}


def test_every_source_graph_derives_from_an_existing_seed(dataset, seed_texts):
    graphs = {g.identifier for g in dataset.graphs() if str(g.identifier).startswith("https://w3id.org/citykg/graph/source/")}
    assert len(graphs) == 4
    for graph in graphs:
        documents = set(dataset.objects(graph, PROV.wasDerivedFrom))
        assert len(documents) == 1 and documents <= set(seed_texts), graph


def test_statements_in_a_source_graph_cite_that_graphs_document(dataset):
    for graph in dataset.graphs():
        documents = set(dataset.objects(graph.identifier, PROV.wasDerivedFrom))
        if not documents:
            continue
        for resource, source in graph.subject_objects(PROV.wasDerivedFrom):
            assert source in documents, f"{resource} in {graph.identifier} cites {source}"


def test_general_knowledge_never_cites_a_seed(dataset):
    graph = dataset.graph(GENERAL_KNOWLEDGE)
    assert len(graph) > 100
    assert not list(graph.triples((None, PROV.wasDerivedFrom, None)))
    assert not list(graph.triples((None, CKG.quote, None)))
    assert (GENERAL_KNOWLEDGE, RDF.type, CKG.GeneralKnowledge) in dataset.graph(URIRef("https://w3id.org/citykg/graph/documents"))


def test_wikidata_links_are_only_the_verified_ones(dataset):
    verified = {"Q1757", "Q84", "Q1770", "Q1754", "Q656", "Q649", "Q956", "Q60", "Q727", "Q1492", "Q40840", "Q28695"}
    linked = {str(o).rsplit("/", 1)[1] for o in dataset.objects(None, URIRef("http://schema.org/sameAs"))}
    assert linked and linked <= verified
