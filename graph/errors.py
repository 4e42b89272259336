"""Typed errors of the build pipeline.

All subclass :class:`click.ClickException` (as MkDocs does), so the CLI shows a one-line
message and exits with code 1 instead of a traceback.
"""

import click


class CitykgError(click.ClickException):
    """Base class of every expected failure; exit code 1 means invalid data or state."""

    exit_code = 1


class SourceError(CitykgError):
    """Raised by :mod:`citykg.graph.sources` for a missing/empty folder or an unparsable file."""


class ValidationFailed(CitykgError):
    """Raised by :func:`citykg.graph.pipeline.build` when SHACL validation finds violations."""

    def __init__(self, report):
        self.report = report
        super().__init__(report.summary())


class StoreError(CitykgError):
    """Raised by :mod:`citykg.graph.store` when no built store exists or it cannot be opened."""


class UsageError(CitykgError):
    """Raised for a request that cannot be right whatever the data (a format that cannot hold the
    result kind): the CLI exits 2, as for a bad option."""

    exit_code = 2
