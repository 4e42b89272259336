"""Answer SPARQL queries in machine formats straight from WSGI, in front of the Flask site.

A cheap query costs the engine about 0.05 ms; Flask's dispatch around it (request and app
contexts, URL routing, after-request hooks, the response object) cost more than the query and its
trip to a query process together. So the commonest request of all, a query at `/sparql` that asks
for SPARQL results or RDF, is answered here by the same functions the Flask view uses
(:mod:`.protocol`, :mod:`.negotiation`, :mod:`.query_answers`), with the same CORS headers
(flask-cors's own function, on the app's policy).

Everything else goes on to Flask untouched: other paths, other methods, the query page and
Service Description, HTML results, updates, conditional requests that match, and every protocol
error (refused before any query runs, so answering them in Flask costs nothing twice). A query
that fails or times out after it ran is answered by the view's own error function inside a Flask
request context, so its representation (text, JSON or an HTML page) is the view's.
"""

from __future__ import annotations

from io import BytesIO

from flask import Flask
from flask_cors.core import get_cors_headers, get_cors_options
from werkzeug.wrappers import Request

from .executor import QueryFailed, QueryTimeout
from .negotiation import choose, query_kind
from .protocol import ProtocolError, check, parse_request
from .query_answers import Limits, answer_etag, answer_headers, content_type, execute, query_options
from .sparql import failure
from .store import open_current

ENDPOINT = "/sparql"


class QueryFastPath:
    """WSGI middleware: `/sparql` queries in machine formats answered without Flask's dispatch."""

    def __init__(self, app: Flask, cors_policy: dict):
        self.app = app
        self.site = app.wsgi_app  # the Flask application proper, where everything else goes
        self.cors = get_cors_options(app, cors_policy)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != ENDPOINT or environ.get("REQUEST_METHOD") not in ("GET", "POST"):
            return self.site(environ, start_response)
        request = Request(environ)
        if request.method == "POST" and not self.keep_body(request, environ):
            return self.site(environ, start_response)
        try:
            return self.answer(request, environ, start_response)
        except ProtocolError:
            return self.site(environ, start_response)  # Flask says what is wrong, in the asked-for form
        except Exception as exc:  # a bug or an unreadable store: logged and answered as Flask does (500)
            return self.in_flask(environ, start_response, lambda: self.app.handle_exception(exc))

    def keep_body(self, request: Request, environ) -> bool:
        """Read a POST body once and put it back for Flask; False when Flask must judge it first
        (no length given, or more than the configured request size)."""
        length = request.content_length
        if length is None or length > self.app.config["MAX_CONTENT_LENGTH"]:
            return False
        body = request.get_data()
        environ["wsgi.input"] = BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return True

    def answer(self, request: Request, environ, start_response):
        """Answer a query request here, or pass it to Flask when the view's own handling is needed."""
        config = self.app.config
        operation = parse_request(request)
        if operation is None or operation.kind != "query":
            return self.site(environ, start_response)
        kind = query_kind(operation.text)
        chosen = choose(request, kind, requested=operation.format or "")
        if chosen is None or chosen == "html":
            return self.site(environ, start_response)
        limits = Limits.from_config(config)
        check(operation, limits.max_bytes, limits.max_depth, config["SERVICE_ALLOWLIST"])
        opened = open_current(config["STORE"])
        options = query_options(operation, request)
        etag = answer_etag(opened, operation.text, options, chosen, None)
        if request.method == "GET" and etag in request.if_none_match:
            return self.site(environ, start_response)  # 304, answered by the view
        try:
            outcome = execute(config, limits, opened, operation.text, options, chosen)
        except (QueryTimeout, QueryFailed) as exc:
            return self.in_flask(environ, start_response, lambda: failure(exc, kind))
        headers = [("Content-Type", content_type(chosen)), ("Content-Length", str(len(outcome.body)))]
        headers += answer_headers(outcome, etag, opened, "Accept").items()
        headers += get_cors_headers(self.cors, request.headers, request.method).items()
        start_response("200 OK", headers)
        return [outcome.body]

    def in_flask(self, environ, start_response, make_answer):
        """Answer with *make_answer()* inside Flask's request cycle: before-request hooks, then the
        answer, then after-request hooks (CORS among them), as if the view had answered."""
        with self.app.request_context(environ):
            response = self.app.preprocess_request() or make_answer()
            response = self.app.finalize_request(response)
            return response(environ, start_response)
