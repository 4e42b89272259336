"""The SPARQL 1.1 Service Description of the endpoint, built as an rdflib graph."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from citykg.graph.query import FORMATS

from .query_answers import Limits

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
# W3C format IRIs (http://www.w3.org/ns/formats/) for the formats the endpoint serves.
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML", "trig": "TriG", "nquads": "N-Quads",
}


def describe_service(endpoint: str, named_graphs: list[str], triples: int, limits: Limits) -> Graph:
    """Describe the endpoint: languages, formats, features and the default dataset."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in FORMATS:
        graph.add((service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/" + FORMAT_IRIS[name])))
    graph.add((service, DCTERMS.description, Literal(
        "citykg SPARQL endpoint. The default graph is the union of all named graphs (asserted data, "
        "OWL RL inferences, ontology) unless the request names graphs with default-graph-uri / "
        "named-graph-uri. SERVICE reaches only allow-listed endpoints; LOAD and updates are refused. "
        f"Limits: {limits.timeout:g} s per query, {limits.max_rows} results, "
        f"{limits.max_bytes} bytes per query, nesting depth {limits.max_depth}.", lang="en")))
    dataset = BNode()
    default = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for iri in named_graphs:
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
    return graph
