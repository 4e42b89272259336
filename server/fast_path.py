"""Answer SPARQL queries in machine formats straight from WSGI, in front of the Flask site.

A cheap query costs the engine about 0.05 ms; Flask's dispatch around it (request and app
contexts, URL routing, after-request hooks, the response object) cost about as much as the query
and its trip to a query process together (0.3-0.4 ms a request, benchmarks/sparql_overhead.py).
So the commonest request of all, a query at `/sparql` that asks for SPARQL results or RDF, is
answered here by the same functions the Flask view uses
(:mod:`.protocol`, :mod:`.negotiation`, :mod:`.query_answers`), with the same CORS headers
(flask-cors's own function, on the app's policy).

Everything else goes on to Flask untouched: other paths, other methods, the query page and
Service Description, HTML results, updates, conditional requests that match, and every protocol
error (refused before any query runs, so answering them in Flask costs nothing twice). A query
that fails or times out after it ran is answered by the view's own error function inside a Flask
request context, so its representation (text, JSON or an HTML page) is the view's.
"""

from __future__ import annotations

from functools import partial
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
HAND_ON = None  # what :meth:`QueryFastPath.answer` returns for a request that is Flask's


class QueryFastPath:
    """WSGI middleware: `/sparql` queries in machine formats answered without Flask's dispatch."""

    def __init__(self, app: Flask, cors_policy: dict):
        self.app = app
        self.site = app.wsgi_app  # the Flask application proper, where everything else goes
        self.cors = get_cors_options(app, cors_policy)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != ENDPOINT or environ.get("REQUEST_METHOD") not in ("GET", "POST"):
            return self.site(environ, start_response)
        try:
            answer = self.answer(Request(environ), environ)
        except Exception as exc:  # a bug, an unreadable store, a broken body: as Flask answers it
            return self.in_flask(environ, start_response, error=exc)
        if answer is HAND_ON:
            return self.site(environ, start_response)
        return answer(environ, start_response)

    def keep_body(self, request: Request, environ) -> bool:
        """Read a POST body once and put it back for Flask; False when Flask must judge it first
        (no length given, or more than the configured request size)."""
        limit = self.app.config["MAX_CONTENT_LENGTH"]  # None: no limit, as in Flask
        length = request.content_length
        if length is None or (limit is not None and length > limit):
            return False
        request.max_content_length = limit  # never read past it, whatever the stream holds
        body = request.get_data()
        environ["wsgi.input"] = BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return True

    def answer(self, request: Request, environ):
        """Return the WSGI answer to a query request, or HAND_ON when the view's own handling is needed."""
        config = self.app.config
        if request.method == "POST" and not self.keep_body(request, environ):
            return HAND_ON
        try:
            operation = parse_request(request)
            if operation is None or operation.kind != "query":
                return HAND_ON
            # The limits first, as in the view: nothing else may scan a text that is too long.
            limits = Limits.from_config(config)
            check(operation, limits.max_bytes, limits.max_depth, config["SERVICE_ALLOWLIST"])
        except ProtocolError:
            return HAND_ON  # Flask says what is wrong, in the asked-for form
        kind = query_kind(operation.text)
        chosen = choose(request, kind, requested=operation.format or "")
        if chosen is None or chosen == "html":
            return HAND_ON
        opened = open_current(config["STORE"])
        options = query_options(operation, request)
        etag = answer_etag(opened, operation.text, options, chosen, None)
        if request.method == "GET" and etag in request.if_none_match:
            return HAND_ON  # 304, answered by the view
        try:
            outcome = execute(config, limits, opened, operation.text, options, chosen)
        except (QueryTimeout, QueryFailed) as exc:
            return partial(self.in_flask, make_answer=partial(failure, exc, kind))
        headers = [("Content-Type", content_type(chosen)), ("Content-Length", str(len(outcome.body)))]
        headers += answer_headers(outcome, etag, opened, "Accept").items()
        headers += get_cors_headers(self.cors, request.headers, request.method).items()

        def respond(environ, start_response):
            start_response("200 OK", headers)
            return [outcome.body]

        return respond

    def in_flask(self, environ, start_response, make_answer=None, error: Exception | None = None):
        """Answer inside Flask's request cycle, as ``Flask.wsgi_app`` does: before-request hooks
        and *make_answer()* (or the *error* raised), the app's error handling, after-request hooks
        (CORS among them), so the answer is the one the view would have given."""
        with self.app.request_context(environ):
            try:
                try:
                    if error is not None:
                        raise error
                    answer = self.app.preprocess_request() or make_answer()
                except Exception as exc:
                    answer = self.app.handle_user_exception(exc)
                response = self.app.finalize_request(answer)
            except Exception as exc:
                response = self.app.handle_exception(exc)
            return response(environ, start_response)
