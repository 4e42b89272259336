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
}
