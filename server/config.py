"""Configuration keys of the web application and their defaults.

Every key can be set by an environment variable of the same name prefixed ``CITYKG_``
(``CITYKG_STORE=/srv/citykg/store``); values that parse as JSON are taken as JSON.
"""

from citykg.graph import BASE

DEFAULTS = {
    # Store root folder written by `citykg build` (the server follows its `current` link).
    "STORE": "var/store",
    # The IRI base the data uses; request paths on this server map onto it.
    "BASE_IRI": BASE,
    # Seconds a query may run before its process is killed and the client gets 503.
    "QUERY_TIMEOUT": 10,
    # Results (rows or triples) sent at most; a longer result is cut and flagged as truncated.
    "MAX_RESULT_ROWS": 10000,
    # Bytes a query text may have (413 beyond).
    "MAX_QUERY_BYTES": 65536,
    # Bytes a request body may have (Flask answers 413 beyond).
    "MAX_CONTENT_LENGTH": 1048576,
    # Depth of nested { } and ( ) allowed: Oxigraph aborts on ~2,000 levels, real queries use < 20.
    "MAX_NESTING_DEPTH": 64,
    # Endpoints SERVICE may reach (IRI prefixes); empty = no federation. How partner cities federate.
    "SERVICE_ALLOWLIST": [],
    # Statements per page of a resource's RDF; a resource with more links is paged (Link: rel=next).
    "RDF_PAGE_SIZE": 1000,
    # Bearer token that enables writes (SPARQL Update, Graph Store PUT/POST/DELETE); empty = writes off.
    "UPDATE_TOKEN": "",
    # Query processes per server worker: how many queries one worker runs at once.
    "QUERY_PROCESSES": 2,
    # Answer /sparql queries in machine formats before Flask's dispatch (server/fast_path.py).
    # Off only to compare the two paths or to debug the view.
    "SPARQL_FAST_PATH": True,
}
