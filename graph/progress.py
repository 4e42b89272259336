"""Report build phases with counts and timings; progress bars only on a terminal.

Modelled on MkDocs' timed log lines and sqlite-utils' silenceable progress bars: every phase
prints one line (what it did, how long it took) to stderr; a long loop goes through
:meth:`Reporter.progress`, which draws a bar only when stderr is a terminal and not quiet.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

import click


class Reporter:
    """Print phase lines ('parse      14 files, 5,230 triples  0.42 s') unless quiet."""

    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stderr

    def line(self, text: str) -> None:
        """Print one line of progress."""
        if not self.quiet:
            click.echo(text, file=self.stream)

    @contextmanager
    def phase(self, name: str):
        """Time a phase; the body sets ``summary['text']`` to say what it did."""
        summary = {"text": ""}
        started = time.perf_counter()
        yield summary
        elapsed = time.perf_counter() - started
        self.line(f"{name:<10} {summary['text']:<60} {elapsed:6.2f} s")

    def progress(self, items, label: str):
        """Iterate *items*, drawing a progress bar on a terminal."""
        items = list(items)
        if self.quiet or not getattr(self.stream, "isatty", lambda: False)():
            yield from items
            return
        with click.progressbar(items, label=f"{label:<10}", file=self.stream) as bar:
            yield from bar


def plural(count: int, noun: str) -> str:
    """Format '1 file' / '5,230 triples'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
