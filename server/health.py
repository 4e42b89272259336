"""`/health`: liveness for load balancers and a quick look at what is being served."""

from flask import Blueprint, jsonify

from citykg.graph.errors import StoreError

from .store import get_store

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """Answer with the store's triple count and data version, or 503 if no store is built."""
    try:
        opened = get_store()
    except StoreError as exc:
        return jsonify(status="unavailable", error=exc.message), 503
    meta = opened.built.meta
    return jsonify(
        status="ok",
        triples=meta.get("triples"),
        quads=meta.get("quads"),
        version=opened.version,
        built_at=meta.get("built_at"),
        graphs=len(meta.get("graphs", [])),
    )
