"""The pages' languages (fi, sv, en): choosing one, remembering the switch, the UI strings.

Every page template gets ``lang``, ``t`` (this language's strings), ``languages`` and
``lang_url(code)`` (this page in another language) from the context processor; ``?lang=`` sets a
cookie that later requests prefer to Accept-Language (see :func:`language`).
"""

from __future__ import annotations

import datetime
from urllib.parse import quote, urlencode

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, Response, request

LANGUAGES = ("fi", "sv", "en")
COOKIE_AGE = 365 * 24 * 3600
# UI strings of every page in the three languages (str.format fields in braces).
MESSAGES = {
    "en": {
        # the shapes page
        "shapes_title": "SHACL shapes", "shapes_intro": "What data published with the City Diplomacy ontology must (violation) and should (warning) satisfy.",
        "as_rdf": "As RDF", "col_shape": "Shape", "col_path": "Path", "col_severity": "Severity", "col_message": "Message",
        "Violation": "violation", "Warning": "warning", "Info": "note",
        # base.html
        "skip": "Skip to content", "site": "Site", "sparql": "SPARQL", "ontology": "Ontology", "search": "Search",
        "footer": "Data: CC BY 4.0. Every fact links to the document that states it.", "language": "Language",
        # resource pages
        "types": "Types", "facts": "Facts", "incoming": "Mentioned by", "source": "Source", "quote": "Quote",
        "inferred": "inferred (OWL RL)", "general": "general knowledge", "as": "This resource as", "missing": "Not found",
        "missing_text": "Nothing in the graph is called", "more": "More", "pictures": "Relations and places",
        "no_page": "There is no page {page} of", "first_page": "First page",
        "search_for": "Search for “{guess}”", "as_sparql": "as a SPARQL query",
        # landing page
        "title": "City diplomacy knowledge graph",
        "intro": "Which cities work with which, through which agreements, networks and programmes, on which themes — "
                 "and which official document says so, down to the passage. This is the City of Helsinki's international "
                 "activity as stated by four official Finnish documents: {triples} triples, built {built}.",
        "search_label": "Search by name (fi, sv, en)", "search_button": "Search", "browse": "Browse", "use": "Use the data",
        "sparql_link": "SPARQL endpoint and query page", "ontology_link": "The City Diplomacy ontology",
        "ontology_note": "(documentation; Turtle by content negotiation)", "shapes_link": "SHACL shapes",
        "void_link": "Dataset description (VoID, DCAT)", "download": "Download {name}", "questions": "Example questions",
        # index and search pages
        "pages": "Pages", "prev": "Previous", "name_label": "Name (fi, sv, en)", "results": "{n} result(s) for “{query}”",
        # diagrams
        "relations_of": "Relations of {name}", "related": "{n} related resources: {names}",
        "map_of": "Map of {name} and related places",
        "rel": {"partnerOf": "partner", "memberOf": "member of", "hasMember": "member", "participatesIn": "participates in",
                "committedTo": "committed to", "administeredBy": "administration", "takesPartIn": "administration's network",
                "partyTo": "party to agreement", "hasAgreement": "administration's agreement"},
    },
    "fi": {
        # the shapes page
        "shapes_title": "SHACL-muodot", "shapes_intro": "Mitä kaupunkidiplomatian ontologialla julkaistun aineiston on täytettävä (virhe) ja pitäisi täyttää (varoitus).",
        "as_rdf": "RDF-muodossa", "col_shape": "Muoto", "col_path": "Polku", "col_severity": "Vakavuus", "col_message": "Viesti",
        "Violation": "virhe", "Warning": "varoitus", "Info": "huomautus",
        "skip": "Siirry sisältöön", "site": "Sivusto", "sparql": "SPARQL", "ontology": "Ontologia", "search": "Haku",
        "footer": "Aineisto: CC BY 4.0. Jokainen tieto linkittää asiakirjaan, jossa se todetaan.", "language": "Kieli",
        "types": "Tyypit", "facts": "Tiedot", "incoming": "Viittaukset", "source": "Lähde", "quote": "Lainaus",
        "inferred": "päätelty (OWL RL)", "general": "yleistieto", "as": "Tämä resurssi muodossa", "missing": "Ei löytynyt",
        "missing_text": "Graafissa ei ole resurssia", "more": "Lisää", "pictures": "Suhteet ja paikat",
        "no_page": "Sivua {page} ei ole resurssilla", "first_page": "Ensimmäinen sivu",
        "search_for": "Hae ”{guess}”", "as_sparql": "SPARQL-kyselynä",
        "title": "Kaupunkidiplomatian tietograafi",
        "intro": "Mitkä kaupungit tekevät yhteistyötä keskenään, minkä sopimusten, verkostojen ja ohjelmien kautta ja mistä "
                 "teemoista – ja mikä virallinen asiakirja sen kertoo, kohtaa myöten. Tämä on Helsingin kaupungin kansainvälinen "
                 "toiminta neljän virallisen suomenkielisen asiakirjan mukaan: {triples} kolmikkoa, koottu {built}.",
        "search_label": "Hae nimellä (fi, sv, en)", "search_button": "Hae", "browse": "Selaa", "use": "Käytä aineistoa",
        "sparql_link": "SPARQL-rajapinta ja kyselysivu", "ontology_link": "Kaupunkidiplomatian ontologia",
        "ontology_note": "(dokumentaatio; Turtle sisältöneuvottelulla)", "shapes_link": "SHACL-muodot",
        "void_link": "Aineiston kuvaus (VoID, DCAT)", "download": "Lataa {name}", "questions": "Esimerkkikysymyksiä",
        "pages": "Sivut", "prev": "Edellinen", "name_label": "Nimi (fi, sv, en)", "results": "{n} tulosta haulle ”{query}”",
        "relations_of": "{name}: suhteet", "related": "{n} liittyvää resurssia: {names}",
        "map_of": "Kartta: {name} ja siihen liittyvät paikat",
        "rel": {"partnerOf": "kumppani", "memberOf": "jäsenenä", "hasMember": "jäsen", "participatesIn": "osallistuu",
                "committedTo": "sitoutunut", "administeredBy": "hallinto", "takesPartIn": "hallinnon verkosto",
                "partyTo": "sopimuksen osapuoli", "hasAgreement": "hallinnon sopimus"},
    },
    "sv": {
        # the shapes page
        "shapes_title": "SHACL-former", "shapes_intro": "Vad data som publiceras med ontologin för stadsdiplomati måste (fel) och bör (varning) uppfylla.",
        "as_rdf": "Som RDF", "col_shape": "Form", "col_path": "Sökväg", "col_severity": "Allvarlighet", "col_message": "Meddelande",
        "Violation": "fel", "Warning": "varning", "Info": "anmärkning",
        "skip": "Hoppa till innehållet", "site": "Webbplats", "sparql": "SPARQL", "ontology": "Ontologi", "search": "Sök",
        "footer": "Data: CC BY 4.0. Varje uppgift länkar till dokumentet som anger den.", "language": "Språk",
        "types": "Typer", "facts": "Uppgifter", "incoming": "Nämns av", "source": "Källa", "quote": "Citat",
        "inferred": "härlett (OWL RL)", "general": "allmän kunskap", "as": "Denna resurs som", "missing": "Hittades inte",
        "missing_text": "Ingenting i grafen heter", "more": "Mer", "pictures": "Relationer och platser",
        "no_page": "Det finns ingen sida {page} av", "first_page": "Första sidan",
        "search_for": "Sök efter ”{guess}”", "as_sparql": "som en SPARQL-fråga",
        "title": "Kunskapsgraf för stadsdiplomati",
        "intro": "Vilka städer samarbetar med vilka, genom vilka avtal, nätverk och program, inom vilka teman – och vilket "
                 "officiellt dokument som säger det, ända ner till stycket. Detta är Helsingfors stads internationella "
                 "verksamhet enligt fyra officiella finska dokument: {triples} tripler, byggd {built}.",
        "search_label": "Sök på namn (fi, sv, en)", "search_button": "Sök", "browse": "Bläddra", "use": "Använd data",
        "sparql_link": "SPARQL-ändpunkt och frågesida", "ontology_link": "Ontologi för stadsdiplomati",
        "ontology_note": "(dokumentation; Turtle via innehållsförhandling)", "shapes_link": "SHACL-former",
        "void_link": "Beskrivning av datamängden (VoID, DCAT)", "download": "Ladda ner {name}", "questions": "Exempelfrågor",
        "pages": "Sidor", "prev": "Föregående", "name_label": "Namn (fi, sv, en)", "results": "{n} träff(ar) för ”{query}”",
        "relations_of": "Relationer för {name}", "related": "{n} relaterade resurser: {names}",
        "map_of": "Karta över {name} och relaterade platser",
        "rel": {"partnerOf": "partner", "memberOf": "medlem i", "hasMember": "medlem", "participatesIn": "deltar i",
                "committedTo": "åtagande", "administeredBy": "förvaltning", "takesPartIn": "förvaltningens nätverk",
                "partyTo": "part i avtal", "hasAgreement": "förvaltningens avtal"},
    },
}


def language() -> str:
    """The page language: ?lang=, else the remembered cookie, else Accept-Language, else English."""
    chosen = request.args.get("lang") or request.cookies.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def lang_url(code: str) -> str:
    """This page (path and parameters) in language *code*.

    ``request.path`` is percent-decoded: quoted again, so ``%3F`` ``%23`` and spaces stay in the path.
    """
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", code)]
    return quote(request.path, safe="/") + "?" + urlencode(args)


def number(value, lang: str) -> str:
    """Format a number the way *lang* writes it (20 000 000 / 20,000,000)."""
    return format_decimal(value, locale=lang)


def day(value: str, lang: str) -> str:
    """Format an ISO date or dateTime ('2026-12-01T19:25:07Z') as *lang* writes the day; else as it is."""
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return value
    return format_date(moment.date(), format="long", locale=lang)


def remember(response: Response) -> Response:
    """Remember a language chosen with ?lang= on an HTML page (a cookie that wins over Accept-Language).

    Only HTML pages: SPARQL results and RDF are the same in every language, and a shared cache
    must be able to store them (no ``Set-Cookie``).
    """
    # Cheap test first: this runs after every response, SPARQL answers included.
    if b"lang=" in request.query_string and response.mimetype == "text/html" and request.args.get("lang") in LANGUAGES:
        response.set_cookie("lang", request.args["lang"], max_age=COOKIE_AGE, samesite="Lax")
    return response


def init_app(app: Flask) -> None:
    """Give every template the language, its strings and the switch; remember switches."""

    @app.context_processor
    def strings():
        lang = language()
        return {"lang": lang, "t": MESSAGES[lang], "languages": LANGUAGES, "lang_url": lang_url}

    app.add_template_filter(number)
    app.add_template_filter(day)
    app.after_request(remember)
