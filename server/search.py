"""`/search`: the label search (:mod:`.label_index`) as an HTML page or JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify, make_response, render_template, request

from .i18n import language
from .label_index import search
from .store import get_store
from .web import answer

bp = Blueprint("search", __name__)


@bp.get("/search")
def search_view():
    """Search page (HTML) or results (JSON with Accept: application/json or format=json)."""
    opened = get_store()
    lang = language()
    query = request.args.get("q", "")
    wants_json = request.args.get("format") == "json" or request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
    if wants_json:
        return answer(opened, ("search", "json", query, lang), lambda: jsonify(query=query, results=search(opened, query, lang)))
    return answer(opened, ("search", "html", query, lang),
                  lambda: make_response(render_template("dataset/search.html", query=query, hits=search(opened, query, lang))))
