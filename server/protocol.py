"""Read a SPARQL 1.1 Protocol request strictly, and check a query before any engine sees it.

Every violation raises :class:`ProtocolError` with the HTTP status the protocol calls for, so
nothing malformed reaches the engine: wrong or missing Content-Type (415), repeated or conflicting
parameters (400), a body that is not UTF-8 (400), an update sent by GET (400), a query too long
(413) or nested too deep (400), SERVICE to a host not on the allow-list and LOAD (403).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from flask import Request

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

# Strings, IRIs and comments are masked before looking for keywords and brackets, so a label
# that contains "SERVICE" or "{" cannot confuse the checks. A string with no end is masked to the
# end of its line (of the text, for a long string): a query that breaks off inside a string is
# refused by the engine anyway, and every opening quote then starts a match, so the scan stays
# linear (with a required closing quote, "\"\"\"... made each quote rescan the rest:
# 21 s for 64 KiB).
STRINGS_AND_COMMENTS = (
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|\\?\Z)'
    r"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*(?:'''|\\?\Z)"
    r'|"(?:[^"\\\n]|\\.)*(?:"|\\?$)'
    r"|'(?:[^'\\\n]|\\.)*(?:'|\\?$)"
    r"|#[^\n]*"
)
# IRIs are matched in the same pass (so a '#' inside an IRI is not taken for a comment).
MASK = re.compile(r'(?P<iri><[^<>"{}|^`\\\s]*>)|' + STRINGS_AND_COMMENTS, re.MULTILINE)
# The SERVICE keyword and its target. No whitespace is needed before an IRI (Oxigraph runs
# "SERVICE<http://...>{...}"); a variable (?service) or a prefixed name (ex:service) is not the keyword.
SERVICE = re.compile(r"(?<![\w?$:])SERVICE\b(?!:)\s*(?:SILENT\b\s*)?(<[^>]*>|[^\s{]+)", re.IGNORECASE)
LOAD = re.compile(r"\bLOAD\b", re.IGNORECASE)
USING_OR_WITH = re.compile(r"\b(USING|WITH)\b", re.IGNORECASE)


class ProtocolError(Exception):
    """Raised by this module for a request the endpoint refuses; carries the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Operation:
    """A parsed protocol request: a query or an update, with its protocol dataset."""

    kind: str  # "query" or "update"
    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None  # the `format` parameter (browsers and SPARQLWrapper send it)


def single(params: dict, name: str) -> str | None:
    """Return the one value of *name*; more than one is a protocol error."""
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"the '{name}' parameter may be given only once (got {len(values)})")
    return values[0] if values else None


def decode(raw: bytes, what: str) -> str:
    """Decode a request body as UTF-8 (the protocol's only encoding)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the {what} is not valid UTF-8 (byte {exc.start})") from exc


def parse_request(request: Request) -> Operation | None:
    """Return the operation of *request*, or None for a GET without a query (UI / description)."""
    # The raw query string, not request.args: repeated parameters must stay visible (and it is cheaper).
    url_params = parse_qs(decode(request.query_string, "query string"), keep_blank_values=True)
    if request.method in ("GET", "HEAD"):  # HEAD: the GET's headers (Flask drops the body)
        if "update" in url_params:
            raise ProtocolError(400, "SPARQL Update must be sent by POST, not GET")
        text = single(url_params, "query")
        return None if text is None else operation("query", text, url_params)
    content_type = (request.mimetype or "").lower()
    if content_type == FORM:
        form = parse_qs(decode(request.get_data(), "form body"), keep_blank_values=True)
        query, update = single(form, "query"), single(form, "update")
        if query is not None and update is not None:
            raise ProtocolError(400, "a request carries either 'query' or 'update', not both")
        if query is None and update is None:
            raise ProtocolError(400, "missing 'query' (or 'update') parameter in the form body")
        merged = {**url_params, **{k: v for k, v in form.items() if k not in ("query", "update")}}
        return operation("query" if query is not None else "update", query if query is not None else update, merged)
    if content_type in (SPARQL_QUERY, SPARQL_UPDATE):
        if "query" in url_params or "update" in url_params:
            raise ProtocolError(400, f"with Content-Type {content_type} the operation is the body, not a URL parameter")
        kind = "query" if content_type == SPARQL_QUERY else "update"
        return operation(kind, decode(request.get_data(), "request body"), url_params)
    shown = content_type or "none"
    raise ProtocolError(415, f"POST needs Content-Type {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE} (got {shown})")


def operation(kind: str, text: str, params: dict) -> Operation:
    """Build an Operation with its protocol dataset parameters."""
    # The first `format` wins: SPARQLWrapper repeats it (format=tsv&format=tsv) for some formats.
    requested = next(iter(params.get("format", [])), None)
    if kind == "query":
        return Operation(kind, text, params.get("default-graph-uri", []), params.get("named-graph-uri", []), requested)
    using = params.get("using-graph-uri", []) + params.get("using-named-graph-uri", [])
    if using and USING_OR_WITH.search(masked(text)):
        raise ProtocolError(400, "using-graph-uri/using-named-graph-uri may not be combined with USING or WITH in the update")
    return Operation(kind, text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", []), requested)


def masked(text: str, keep_iris: bool = False) -> str:
    """Blank out strings, comments and (unless kept) IRIs, keeping offsets."""
    def blank(match):
        return match.group(0) if keep_iris and match.group("iri") else " " * len(match.group(0))

    return MASK.sub(blank, text)


def depth_of(shown: str) -> int:
    """Return the deepest nesting of { } and ( ) in text whose strings and comments are masked."""
    depth = deepest = 0
    for char in shown:
        if char in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})":
            depth -= 1
    return deepest


def service_hosts(text: str, shown: str | None = None) -> list[str]:
    """Return the endpoints named by SERVICE clauses (a variable is returned as itself).

    *shown* is the text already masked with its IRIs kept, when the caller has it.
    """
    shown = masked(text, keep_iris=True) if shown is None else shown
    return [m.group(1) for m in SERVICE.finditer(shown)]


def check(op: Operation, max_length: int, max_depth: int, allowed_services: list[str]) -> None:
    """Refuse a query or update that is too big, too deep, or would make the server fetch a URL."""
    size = len(op.text.encode("utf-8"))
    if size > max_length:
        raise ProtocolError(413, f"the {op.kind} is {size} bytes; the limit is {max_length}")
    # One masking pass serves every check: IRIs kept (SERVICE targets), strings and comments blanked.
    shown = masked(op.text, keep_iris=True)
    depth = depth_of(shown)
    if depth > max_depth:
        raise ProtocolError(400, f"the {op.kind} nests groups {depth} levels deep; the limit is {max_depth}")
    for target in service_hosts(op.text, shown):
        iri = target.strip("<>")
        if not target.startswith("<") or not any(iri == allowed or iri.startswith(allowed.rstrip("/") + "/") for allowed in allowed_services):
            raise ProtocolError(403, f"SERVICE {target} is not allowed: federated queries may only go to the configured allow-list ({', '.join(allowed_services) or 'empty'})")
    if op.kind == "update" and LOAD.search(masked(op.text)):
        raise ProtocolError(403, "LOAD is not allowed: the server does not fetch data from URLs on a client's behalf")
