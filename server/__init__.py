"""The citykg web application: SPARQL endpoint, linked-data pages, service metadata."""

from flask import Flask
from flask_cors import CORS

# Browser apps on other sites may query and read (GET/POST and preflight); no credentials.
CORS_POLICY = {
    "origins": "*",
    "methods": ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
    "expose_headers": ["X-Citykg-Truncated", "X-Citykg-Result-Rows", "ETag", "Link"],
}


def create_app(test_config: dict | None = None) -> Flask:
    """Create the Flask application.

    Defaults come first; then ``CITYKG_``-prefixed environment variables (``CITYKG_STORE``),
    or *test_config* instead of the environment when tests pass one.
    """
    from . import dataset, health, i18n, ontology_pages, resources, search, sparql, store, updates
    from .fast_path import QueryFastPath
    from .formatting import display
    from .web import TolerantRequest
    from .config import DEFAULTS

    app = Flask(__name__, instance_relative_config=True)
    app.request_class = TolerantRequest
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("CITYKG")
    else:
        app.config.from_mapping(test_config)
    store.init_app(app)
    app.add_template_filter(display)
    i18n.init_app(app)
    CORS(app, **CORS_POLICY)
    app.register_blueprint(health.bp)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(ontology_pages.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(dataset.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(updates.bp)
    # Fast-path answers skip Flask's before/after-request hooks: a hook that must see every query
    # (auth, rate limits, logging) belongs in the fast path too, or turn it off.
    if app.config["SPARQL_FAST_PATH"]:
        app.wsgi_app = QueryFastPath(app, CORS_POLICY)
    return app
