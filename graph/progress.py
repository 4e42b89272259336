"""Report build phases with counts and timings; progress bars only on a terminal.

Modelled on MkDocs' timed log lines and sqlite-utils' silenceable progress bars: every phase
prints one line (what it did, how long it took) to stderr; a long loop goes through
:meth:`Reporter.progress`, which draws a bar only when stderr is a terminal and not quiet.
"""

from __future__ import annotations

import sys
import threading
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

    @property
    def live(self) -> bool:
        """Say whether progress may be drawn (not quiet, and stderr is a terminal)."""
        return not self.quiet and getattr(self.stream, "isatty", lambda: False)()

    @contextmanager
    def phase(self, name: str, ticking: bool = True):
        """Time a phase; the body sets ``summary['text']`` to say what it did.

        On a terminal a phase that has no loop to draw a bar for (validation, OWL RL inference,
        loading) shows a ticking elapsed time, so a long phase is visibly alive; the final line
        replaces it. A phase that draws its own bar passes ``ticking=False``.
        """
        summary = {"text": ""}
        started = time.perf_counter()
        done = threading.Event()
        ticker = threading.Thread(target=self.tick, args=(name, started, done), daemon=True) if ticking and self.live else None
        if ticker:
            ticker.start()
        try:
            yield summary
        finally:
            done.set()
            if ticker:
                ticker.join()
        elapsed = time.perf_counter() - started
        self.line(f"{name:<10} {summary['text']:<60} {elapsed:6.2f} s")

    def tick(self, name: str, started: float, done: threading.Event) -> None:
        """Redraw '<phase> ... 3.2 s' on one terminal line until *done*, then clear it."""
        while not done.wait(0.25):
            click.echo(f"\r{name:<10} ... {time.perf_counter() - started:5.1f} s", file=self.stream, nl=False)
        click.echo("\r\033[K", file=self.stream, nl=False)

    def progress(self, items, label: str):
        """Iterate *items*, drawing a progress bar on a terminal."""
        items = list(items)
        if not self.live:
            yield from items
            return
        with click.progressbar(items, label=f"{label:<10}", file=self.stream) as bar:
            yield from bar


def plural(count: int, noun: str) -> str:
    """Format '1 file' / '5,230 triples'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
