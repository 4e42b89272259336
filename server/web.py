"""HTTP details the page views share: the `page` parameter, ETags, Vary and conditional GET."""

from __future__ import annotations

import hashlib

from flask import Response, abort, request

from .store import get_store

# Pages of anything are numbered 0..MAX_PAGE; a larger number is beyond every list (404).
MAX_PAGE = 10**6
# Every page view varies by these: the representation (Accept), the language (Accept-Language, Cookie).
VARY = "Accept, Accept-Language, Cookie"


def page_number() -> int:
    """The ``page`` parameter: 0 when absent; a number beyond :data:`MAX_PAGE` is MAX_PAGE + 1.

    :raise 400: the parameter is not a non-negative decimal integer.
    """
    raw = request.args.get("page")
    if raw is None or raw == "":
        return 0
    if not (raw.isascii() and raw.isdigit()):
        abort(Response("400 Bad Request: page must be a non-negative integer\n", status=400, mimetype="text/plain"))
    # Compare by length first: int() of a very long digit string is slow (and refused past 4300 digits).
    return int(raw) if len(raw.lstrip("0")) <= len(str(MAX_PAGE)) and int(raw) <= MAX_PAGE else MAX_PAGE + 1


def etag_for(*parts) -> str:
    """An opaque ETag for the data version and what else selects the representation."""
    return hashlib.sha256("\x00".join(map(str, (get_store().version, *parts))).encode()).hexdigest()[:32]


def finish(response: Response, *parts, vary: str = VARY) -> Response:
    """Set ETag (from *parts*), Last-Modified and Vary; answer 304 when the client's copy is current."""
    opened = get_store()
    response.set_etag(etag_for(*parts))
    response.last_modified = opened.modified
    response.headers["Vary"] = vary
    return response.make_conditional(request)
