"""HTTP details the page views share: the `page` parameter, ETags, Vary, conditional GET, the 404 page."""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Callable

from urllib.parse import parse_qsl

from flask import Request, Response, abort, render_template, request
from werkzeug.http import is_resource_modified
from werkzeug.utils import cached_property

from .i18n import language
from .label_index import search
from .store import OpenStore, get_store
from .urls import path_for

# Pages of anything are numbered 0..MAX_PAGE; a larger number is beyond every list (404).
MAX_PAGE = 10**6
# Every page view varies by these: the representation (Accept), the language (Accept-Language, Cookie).
VARY = "Accept, Accept-Language, Cookie"
# The 404 page guesses a label from the start of the IRI's last segment: this many characters and
# words of it at most (one label search a word), and shows this many of the resources found.
GUESS_CHARS = 100
GUESS_WORDS = 5
MAX_SUGGESTIONS = 10


class TolerantRequest(Request):
    """Flask's request, but a raw non-UTF-8 byte in the query string does not make ``args`` raise
    (werkzeug decodes the raw string strictly, so a page that reads a parameter answered 500).

    The byte becomes U+FFFD, as werkzeug already does for a percent-encoded one (``%FF``); the
    SPARQL protocol still refuses such a query string with 400, reading the raw bytes itself.
    """

    @cached_property
    def args(self):
        text = self.query_string.decode("utf-8", "replace")
        return self.parameter_storage_class(parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))


def page_number() -> int:
    """The ``page`` parameter: 0 when absent; a number beyond :data:`MAX_PAGE` is MAX_PAGE + 1.

    :raise 400: the parameter is not a non-negative decimal integer.
    """
    raw = request.args.get("page")
    if raw is None or raw == "":
        return 0
    if not (raw.isascii() and raw.isdigit()):
        abort(Response("400 Bad Request: page must be a non-negative integer\n", status=400, mimetype="text/plain"))
    # Leading zeros off, then compare by length first: int() of a very long digit string is slow
    # (and refused past 4300 digits), "000…0001" included.
    raw = raw.lstrip("0") or "0"
    return int(raw) if len(raw) <= len(str(MAX_PAGE)) and int(raw) <= MAX_PAGE else MAX_PAGE + 1


def etag_for(opened: OpenStore, *parts) -> str:
    """An opaque ETag for the data version of *opened* and what else selects the representation."""
    return hashlib.sha256("\x00".join(map(str, (opened.version, *parts))).encode()).hexdigest()[:32]


def answer(opened: OpenStore, parts: tuple, render: Callable[[], Response], vary: str = VARY) -> Response:
    """Answer a GET of a page whose representation *parts* select, from the build *opened*.

    The ETag (data version + *parts*) and Last-Modified come first: when the client's copy is
    current (``If-None-Match``, compared weakly, else ``If-Modified-Since``) the answer is 304
    and *render* never runs. Otherwise *render()* makes the response, which gets ETag,
    Last-Modified and Vary; an error it returns (a 404 page) goes out as it is.
    """
    etag = etag_for(opened, *parts)
    modified = datetime.datetime.fromtimestamp(int(opened.modified), datetime.timezone.utc)
    if not is_resource_modified(request.environ, etag=etag, last_modified=modified):
        response = Response(status=304)
        del response.headers["Content-Type"]  # no body; and no HTML page (i18n.remember sets no cookie)
    else:
        response = render()
        if response.status_code >= 400:
            return response
    response.set_etag(etag)
    response.last_modified = modified
    response.headers["Vary"] = vary
    return response


def guess_of(iri: str) -> str:
    """The label the 404 page searches for: the first few words of the IRI's last segment."""
    segment = iri.rsplit("/", 1)[-1][:GUESS_CHARS]
    return " ".join(segment.replace("-", " ").split()[:GUESS_WORDS])


def suggestions(opened: OpenStore, guess: str, lang: str) -> list:
    """Up to :data:`MAX_SUGGESTIONS` resources a label search finds for the words of *guess*, one search a word."""
    hits: dict[str, dict] = {}
    for word in guess.split():
        for hit in search(opened, word, lang):
            hits.setdefault(hit["iri"], hit)
            if len(hits) >= MAX_SUGGESTIONS:
                return list(hits.values())
    return list(hits.values())


def suggestion_query(guess: str) -> str:
    """The SPARQL query the 404 page offers: labels containing *guess* (as a safely quoted literal)."""
    literal = json.dumps(guess.lower(), ensure_ascii=False)  # a JSON string is a valid SPARQL string literal
    return ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT DISTINCT ?resource ?label WHERE {\n"
            f"  ?resource rdfs:label ?label\n  FILTER(CONTAINS(LCASE(STR(?label)), {literal}))\n}} LIMIT 50")


def not_found(iri: str, chosen: str | None = None, page: int | None = None, suggest: bool = True,
              opened: OpenStore | None = None) -> Response:
    """A 404 people can act on: the IRI, a search hint; plain text for machines.

    *chosen* is the representation negotiated ('html', an RDF format, None: by Accept). With
    *page*, the resource exists but that page of its links does not: link to the first page.
    With *suggest*, the HTML page lists resources whose labels match the IRI's last segment
    (:func:`guess_of`, :func:`suggestions`); the 404s of indexes and documents do not search.
    """
    if chosen == "html" or chosen is None and request.accept_mimetypes.accept_html:
        lang = language()
        guess = guess_of(iri)
        hits = suggestions(opened or get_store(), guess, lang) if suggest and page is None else []
        body = render_template("resources/not_found.html", iri=iri, guess=guess, hits=hits, page=page,
                               first=path_for(iri) if page is not None else None, sparql_query=suggestion_query(guess))
        response = Response(body, status=404, mimetype="text/html")
    elif page is not None:
        response = Response(f"404 Not Found: <{iri}> has no page {page}\n", status=404, mimetype="text/plain")
    else:
        response = Response(f"404 Not Found: nothing in the graph is called <{iri}>\n", status=404, mimetype="text/plain")
    response.headers["Vary"] = VARY
    return response
