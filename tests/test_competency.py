"""Competency questions: what users ask of the Helsinki graph, with answers taken from the seeds.

Each question names the seed document whose text gives the expected answer (000 = the Mayor's
decision on the London declaration, 002 = the priorities of international activity 16.9.2019,
003 = the city-strategy report on advocacy, 004 = the international-activity web page). They run on
the store the real pipeline builds (its default graph is the merge of asserted and inferred graphs).
"""

from __future__ import annotations

import pytest

from citykg.graph.store import current

PREFIXES = """
PREFIX ckg: <https://w3id.org/citykg/ontology#>
PREFIX c: <https://w3id.org/citykg/id/concept/>
PREFIX city: <https://w3id.org/citykg/id/city/>
PREFIX o: <https://w3id.org/citykg/id/organisation/>
PREFIX net: <https://w3id.org/citykg/id/network/>
PREFIX doc: <https://w3id.org/citykg/id/document/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def fi(var: str) -> str:
    """A SPARQL fragment binding ?{var}_fi to the Finnish label of ?{var}."""
    return f"?{var} rdfs:label ?{var}_fi . FILTER(LANG(?{var}_fi) = 'fi')"


# (id, source document, SPARQL SELECT with one variable ?x, expected set of ?x values)
QUESTIONS = [
    ("signatory-of-london-declaration", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:signatory/foaf:name ?x }", {"Mikko Rusama"}),
    ("signatory-post", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:signatory ?p . ?post org:heldBy ?p . ?a ckg:signatoryPost ?post . ?post rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"Helsingin kaupungin digitalisaatiojohtaja"}),
    ("london-declaration-parties", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:party ?p . ?p rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"Helsingin kaupunki", "Greater London Authority"}),
    ("decision-maker-of-authorisation", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:authorisedBy/ckg:decisionMaker/rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Mayor of Helsinki"}),
    ("declaration-decision-is-undated", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:authorisedBy ?d . OPTIONAL { ?d dct:date ?date } BIND(BOUND(?date) AS ?x) }",
     {"false"}),
    ("declaration-status", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:status/skos:prefLabel ?x FILTER(LANG(?x)='en') }", {"authorised for signature"}),
    ("gla-cdo-unnamed", "000",
     "SELECT ?x WHERE { BIND(<https://w3id.org/citykg/id/post/gla-digitalisaatiojohtaja> AS ?p) OPTIONAL { ?p org:heldBy ?h } BIND(BOUND(?h) AS ?x) }",
     {"false"}),
    ("essential-themes", "002",
     "SELECT ?x WHERE { ?t a ckg:Theme ; ckg:priorityLevel c:essential ; skos:prefLabel ?x FILTER(LANG(?x)='fi') }",
     {"Smart City ja digitalisaatio", "Ilmastonmuutoksen torjunta ja kestävä kehitys"}),
    ("strength-themes-count", "002",
     "SELECT (COUNT(DISTINCT ?t) AS ?x) WHERE { ?t a ckg:Theme ; ckg:priorityLevel c:strength-based }", {"6"}),
    ("three-goals", "002",
     "SELECT ?x WHERE { GRAPH <https://w3id.org/citykg/graph/source/002> { ?g a ckg:Goal ; ckg:quote ?q ; rdfs:label ?x } "
     "FILTER(CONTAINS(STR(?q), 'Keskeisiä painopisteitä') && LANG(?x)='fi') }",
     {"Osaamisen ja ymmärryksen kasvattaminen", "Helsingin kansainvälisen tunnettuuden kehittäminen",
      "Helsingin vaikuttavuuden ja merkityksen kasvattaminen"}),
    ("twin-city-aim", "002",
     "SELECT ?x WHERE { ?r ckg:relationKind c:twin-city-aim ; ckg:partner/rdfs:label ?x FILTER(LANG(?x)='en') }", {"Tallinn"}),
    ("historical-partners", "004",
     "SELECT ?x WHERE { ?r ckg:relationKind c:historical-partnership ; ckg:partner/rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Beijing", "Moscow"}),
    ("close-bilateral-partners", "004",
     "SELECT ?x WHERE { ?r ckg:relationKind c:close-partner ; ckg:partner/rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Tallinn", "Stockholm", "Saint Petersburg"}),
    ("data-ethics-cooperation", "002",
     "SELECT ?x WHERE { ?c a ckg:Cooperation ; ckg:quote ?q ; ckg:participant/rdfs:label ?x FILTER(CONTAINS(STR(?q), 'eettiseen') && LANG(?x)='en') }",
     {"Helsinki", "London", "Amsterdam", "Barcelona", "New York City"}),
    ("founding-member-of", "002",
     "SELECT ?x WHERE { ?m ckg:member o:helsingin-kaupunki ; ckg:role c:founding-member ; ckg:organisation/rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"City Possible -verkosto"}),
    ("city-possible-run-by", "002",
     "SELECT ?x WHERE { net:city-possible ckg:organiser/rdfs:label ?x FILTER(LANG(?x)='fi') }", {"Mastercard"}),
    ("networks-via-shortcut", "002/003",
     "SELECT ?x WHERE { o:helsingin-kaupunki ckg:memberOf ?n . ?n a ckg:CityNetwork . ?n rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Eurocities", "Urban 20 city network", "C40 network", "World Cities Culture Forum", "Scale network",
      "City Possible network", "C21 network of large cities", "Six largest cities of Finland (Kuutoset)",
      "Finnish Growth Corridor network"}),
    # The city and its administration: the member of a network is the administration
    # (o:helsingin-kaupunki); the city (city:helsinki, the place and community) takes part through
    # it. OWL RL derives ckg:administeredBy (inverse) and ckg:takesPartIn / ckg:hasAgreement (chains).
    ("city-takes-part-in-networks-via-its-administration", "002/003",
     "SELECT ?x WHERE { city:helsinki ckg:takesPartIn ?n . ?n a ckg:CityNetwork . ?n rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Eurocities", "Urban 20 city network", "C40 network", "World Cities Culture Forum", "Scale network",
      "City Possible network", "C21 network of large cities", "Six largest cities of Finland (Kuutoset)",
      "Finnish Growth Corridor network"}),
    ("city-shortcut-is-derived-not-asserted", "002 (inference)",
     "SELECT ?x WHERE { GRAPH ?g { city:helsinki ckg:takesPartIn net:eurocities } BIND(STR(?g) AS ?x) }",
     {"https://w3id.org/citykg/graph/inferred"}),
    ("city-is-not-claimed-a-member", "002 (modelling)",
     "SELECT (COUNT(?n) AS ?x) WHERE { city:helsinki ckg:memberOf|org:memberOf ?n }", {"0"}),
    ("city-administered-by", "002",
     "SELECT ?x WHERE { city:helsinki ckg:administeredBy/rdfs:label ?x FILTER(LANG(?x)='fi') }", {"Helsingin kaupunki"}),
    ("eurocities-participating-cities", "002",
     "SELECT ?x WHERE { net:eurocities ckg:hasParticipatingCity/rdfs:label ?x FILTER(LANG(?x)='en') }", {"Helsinki"}),
    ("cities-of-the-london-declaration", "000",
     "SELECT ?x WHERE { ?a a ckg:Agreement ; ckg:agreementOf/rdfs:label ?x FILTER(LANG(?x)='en') }", {"Helsinki", "London"}),
    ("partner-symmetric", "002/004",
     "SELECT ?x WHERE { city:tallinna ckg:partnerOf ?p . ?p rdfs:label ?x FILTER(LANG(?x)='en') }", {"Helsinki"}),
    ("eu-office-members-count", "004",
     "SELECT (COUNT(DISTINCT ?m) AS ?x) WHERE { ?mm ckg:organisation o:helsinki-eu-toimisto ; ckg:member ?m }", {"10"}),
    ("eu-office-location", "004",
     "SELECT ?x WHERE { o:helsinki-eu-toimisto ckg:locatedIn/rdfs:label ?x FILTER(LANG(?x)='en') }", {"Brussels"}),
    ("helsinki-centre-funders", "004",
     "SELECT ?x WHERE { ?m ckg:organisation o:helsinki-keskus ; ckg:role c:funder ; ckg:member/rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"City of Helsinki", "City of Tampere", "City of Lahti", "City of Kotka", "Helsinki-Uusimaa Regional Council"}),
    ("echa-since", "004",
     "SELECT ?x WHERE { o:echa ckg:operatingSince ?x }", {"2007"}),
    ("echa-staff", "004",
     "SELECT ?x WHERE { ?o ckg:observedEntity o:echa ; ckg:value ?v ; ckg:valueQualifier ?q BIND(CONCAT(?q, ' ', STR(xsd:integer(?v))) AS ?x) }",
     {"approximately 600"}),
    ("unit-founded-2018", "002/004",
     "SELECT ?x WHERE { ?u ckg:foundingDate '2018'^^xsd:gYear ; rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"International Affairs Unit", "Communications Department"}),
    ("unit-head-contact", "004",
     "SELECT ?x WHERE { ?cp ckg:contactPost/org:heldBy/foaf:name ?n ; schema:email ?e BIND(CONCAT(?n, ' ', ?e) AS ?x) }",
     {"Jani Moliis jani.moliis@hel.fi"}),
    ("coordination-group-size", "002",
     "SELECT (COUNT(?m) AS ?x) WHERE { ?m ckg:organisation <https://w3id.org/citykg/id/unit/koordinaatioryhma> }", {"10"}),
    ("vlr-committed-cities", "002",
     "SELECT ?x WHERE { ?c ckg:commitmentTo <https://w3id.org/citykg/id/programme/vlr> ; ckg:committedAgent/rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Helsinki", "New York City"}),
    ("carbon-neutrality-year", "002",
     "SELECT ?x WHERE { <https://w3id.org/citykg/id/target/hiilineutraalius> ckg:targetYear ?y ; ckg:previousTargetYear ?p BIND(CONCAT(STR(?y), '<-', STR(?p)) AS ?x) }",
     {"2035<-2050"}),
    ("emission-target", "002",
     "SELECT ?x WHERE { <https://w3id.org/citykg/id/target/paastovahennys-2030> ckg:targetValue ?v ; ckg:targetYear ?y BIND(CONCAT(STR(xsd:integer(?v)), '% by ', STR(?y)) AS ?x) }",
     {"60% by 2030"}),
    ("challenge-with-new-york", "002",
     "SELECT ?x WHERE { ?c a ckg:Challenge ; ckg:leadBy o:new-yorkin-kaupunki ; ckg:participant o:helsingin-kaupunki ; rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"NYCx Cyber Challenge"}),
    ("beijing-event", "004",
     "SELECT ?x WHERE { ?e a ckg:Event ; ckg:locatedIn city:peking ; dct:date ?x }", {"2016-05"}),
    ("airport-passengers", "002",
     "SELECT ?x WHERE { ?o ckg:observedEntity <https://w3id.org/citykg/id/place/helsinki-vantaan-lentoasema> ; ckg:value ?v ; ckg:valueQualifier ?q BIND(CONCAT(?q, ' ', STR(xsd:integer(?v))) AS ?x) }",
     {"more than 20000000"}),
    ("rankings-fell", "003",
     "SELECT ?x WHERE { <https://w3id.org/citykg/id/indicator/kaupunkivertailut-laskenut> ckg:value ?v BIND(STR(xsd:integer(?v)) AS ?x) }", {"5"}),
    ("national-networks", "003",
     "SELECT ?x WHERE { ?m prov:wasDerivedFrom doc:003-edunvalvonta ; ckg:organisation ?n . ?n a ckg:CityNetwork ; rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"Suurten kaupunkien C21-verkosto", "Kuutoset – Suomen väkiluvultaan kuusi suurinta kaupunkia", "Suomen kasvukäytäväverkosto"}),
    ("priorities-approved", "002",
     "SELECT ?x WHERE { doc:002-kansainvalisen-toiminnan-painopisteet dct:date ?d ; ckg:approvedBy/rdfs:label ?b FILTER(LANG(?b)='fi') BIND(CONCAT(STR(?d), ' ', ?b) AS ?x) }",
     {"2019-09-16 Helsingin kaupunginhallituksen elinkeinojaosto"}),
    ("which-document-says-twin-city", "002 (provenance)",
     "SELECT ?x WHERE { ?r ckg:relationKind c:twin-city-aim ; prov:wasDerivedFrom/dct:identifier ?x }", {"002_8e088ecf51b71634"}),
    ("which-graph-states-founding-member", "002 (provenance)",
     "SELECT ?x WHERE { GRAPH ?g { ?m ckg:role c:founding-member } ?g prov:wasDerivedFrom/dct:title ?x FILTER(LANG(?x)='fi') }",
     {"Helsingin kansainvälisen toiminnan painopisteet"}),
    ("quote-for-eurocities", "002 (provenance)",
     "SELECT ?x WHERE { ?m ckg:organisation net:eurocities ; ckg:quote ?x }",
     {"kaupungin keskeinen yhteistyöverkosto on Eurocities"}),
    ("national-advocacy-processes", "003",
     "SELECT (COUNT(?p) AS ?x) WHERE { ?p a ckg:Project ; ckg:participant o:helsingin-kaupunki ; prov:wasDerivedFrom doc:003-edunvalvonta }", {"5"}),
    ("finnish-state-cooperation", "002",
     "SELECT ?x WHERE { ?r ckg:partnershipOf city:helsinki ; ckg:relationKind c:cooperation ; ckg:partner ?p . ?p a ckg:Country ; rdfs:label ?x FILTER(LANG(?x)='en') }",
     {"Finland"}),
    ("who-leads-what", "002",
     "SELECT ?x WHERE { GRAPH <https://w3id.org/citykg/graph/source/002> { ?p a ckg:Post ; ckg:responsibility ?r ; rdfs:label ?x } FILTER(LANG(?x)='fi') }",
     {"Pormestari", "Apulaispormestarit", "Kaupungin johto", "Kaupungin muu johto"}),
    ("networks-solving-global-challenges", "002",
     "SELECT ?x WHERE { ?m ckg:member o:helsingin-kaupunki ; ckg:quote ?q ; ckg:organisation/rdfs:label ?x FILTER(CONTAINS(STR(?q), 'kuten C40 ja U20') && LANG(?x)='en') }",
     {"C40 network", "Urban 20 city network"}),
    ("spearheads-stated-by", "000/003 (provenance)",
     "SELECT ?x WHERE { <https://w3id.org/citykg/id/goal/kv-toiminnan-karjet> prov:wasDerivedFrom/dct:identifier ?x }",
     {"000_29ea1eb3cb5a8010", "003_c632a0fe72f724c7"}),
    ("bloomberg-participation-start-left-open", "003",
     "SELECT ?x WHERE { ?m ckg:organisation o:bloomberg-philanthropies ; rdfs:seeAlso/dct:date ?d . OPTIONAL { ?m ckg:startDate ?s } BIND(CONCAT(STR(BOUND(?s)), ' ', STR(?d)) AS ?x) }",
     {"false 2019-06-25"}),
    ("airport-in-capital-region", "002",
     "SELECT ?x WHERE { <https://w3id.org/citykg/id/place/helsinki-vantaan-lentoasema> ckg:locatedIn ?r . ?r a ckg:Region ; rdfs:label ?x FILTER(LANG(?x)='fi') }",
     {"Pääkaupunkiseutu"}),
    ("roadmap-replaced-by-priorities", "002",
     "SELECT ?x WHERE { doc:002-kansainvalisen-toiminnan-painopisteet dct:replaces/dct:date ?x }", {"2017-12-11"}),
    ("web-page-links-priorities", "004",
     "SELECT ?x WHERE { doc:004-kansainvalinen-toiminta dct:references/dct:identifier ?x }", {"002_8e088ecf51b71634"}),
    ("unit-in-city-executive-office-per", "004 (provenance)",
     "SELECT ?x WHERE { GRAPH ?g { <https://w3id.org/citykg/id/unit/kansainvalisten-asioiden-yksikko> org:unitOf <https://w3id.org/citykg/id/unit/kaupunginkanslia> } ?g prov:wasDerivedFrom/dct:identifier ?x }",
     {"004_067f9f3e3fdd9d1e"}),
    ("gla-governs-london-is-general-knowledge", "general knowledge",
     "SELECT ?x WHERE { GRAPH ?g { o:greater-london-authority ckg:administers city:lontoo } BIND(STR(?g) AS ?x) }",
     {"https://w3id.org/citykg/graph/general-knowledge"}),
    ("coordinates-are-general-knowledge", "general knowledge",
     "SELECT ?x WHERE { GRAPH ?g { city:helsinki <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat } BIND(STR(?g) AS ?x) }",
     {"https://w3id.org/citykg/graph/general-knowledge"}),
]


@pytest.fixture(scope="module")
def store(helsinki_store):
    """The Helsinki store built by the real pipeline, opened read-only."""
    return current(helsinki_store).open()


def test_there_are_at_least_thirty_questions():
    assert len(QUESTIONS) >= 30


@pytest.mark.parametrize("question, document, query, expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_competency_question(store, question, document, query, expected):
    rows = store.query(PREFIXES + query)
    answers = {str(row["x"].value) for row in rows if row["x"] is not None}
    assert answers == expected, f"{question} (seed {document})"
