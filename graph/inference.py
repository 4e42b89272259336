"""OWL 2 RL inference with owlrl, keeping the useful entailments apart from the asserted data.

owlrl computes the full OWL 2 RL closure of ontology + data. Most of that closure is noise for
a reader of the data (axiomatic triples about RDF/OWL itself, reflexive ``owl:sameAs``, datatype
axioms, ``owl:Thing`` typings). The build keeps only entailments *about the data*:

* a subject that is a data resource (an IRI outside the RDF/RDFS/OWL/XSD, ontology and shapes
  namespaces and not a term of another vocabulary the ontology mentions, or a blank node);
* not ``x owl:sameAs x``, not ``rdf:type owl:Thing`` / ``rdfs:Resource`` / ``owl:NamedIndividual``;
* not an ``rdfs:Datatype`` typing;
* not a triple already asserted.

So the inferred graph holds: types from the class hierarchy, super-properties (a membership is
also an ``org:Membership``), inverse and symmetric relations, and the shortcut properties the
ontology derives by property chains. owlrl's inconsistency messages are returned beside it and
fail the build.
"""

from __future__ import annotations

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from . import BASE

# Namespaces whose resources are vocabulary, not data: entailments about them are noise here.
VOCABULARY_PREFIXES = (str(RDF), str(RDFS), str(OWL), str(XSD), BASE + "ontology", BASE + "shapes")
# Types every resource gets under OWL RL; saying them adds nothing.
TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class, OWL.Class, RDF.Property, RDFS.Datatype}


def is_data_subject(node, external_vocabulary: set) -> bool:
    """Say whether an entailment about *node* is about the data."""
    if isinstance(node, BNode):
        return True
    return (
        isinstance(node, URIRef)
        and not str(node).startswith(VOCABULARY_PREFIXES)
        and node not in external_vocabulary
    )


def is_useful(triple, asserted: Graph, external_vocabulary: set) -> bool:
    """Say whether an inferred *triple* is worth keeping (see the module docstring)."""
    s, p, o = triple
    if triple in asserted or not is_data_subject(s, external_vocabulary):
        return False
    if p == OWL.sameAs and s == o:
        return False
    if p == RDF.type and (o in TRIVIAL_TYPES or o == ERRNS.ErrorMessage):
        return False
    return p != ERRNS.error


def closure(ontology: Graph, data: Graph) -> tuple[Graph, Graph]:
    """Return (asserted, expanded): the merged input and its full OWL 2 RL closure."""
    asserted = Graph()
    for graph in (ontology, data):
        for triple in graph:
            asserted.add(triple)
    expanded = Graph()
    for triple in asserted:
        expanded.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(expanded)
    return asserted, expanded


def infer(ontology: Graph, data: Graph) -> tuple[Graph, list[str]]:
    """Return the useful OWL 2 RL entailments of *ontology* + *data* and owlrl's inconsistencies."""
    asserted, expanded = closure(ontology, data)
    # Terms of other vocabularies (org:, skos:, prov: ...) that the ontology mentions are not data.
    ontology_terms = set(ontology.subjects()) | set(ontology.objects())
    external_vocabulary = {t for t in ontology_terms if isinstance(t, URIRef)}
    errors = [str(message) for message in expanded.objects(None, ERRNS.error)]
    errors += [f"{node.n3()} is a member of owl:Nothing" for node in expanded.subjects(RDF.type, OWL.Nothing)]
    inferred = Graph()
    for prefix, ns in data.namespaces():
        inferred.bind(prefix, ns, override=False)
    for triple in expanded:
        if is_useful(triple, asserted, external_vocabulary):
            inferred.add(triple)
    return inferred, errors
