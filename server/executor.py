"""Run SPARQL queries in isolated child processes, with a deadline and a result-size limit.

Why processes: Oxigraph offers no way to cancel a running query, and a pathological query can
abort the whole process (a stack overflow on deeply nested groups). So each server worker keeps
a small pool of child processes, each with the store open read-only. A query is sent to an idle
child over a pipe; if no answer comes before the deadline the child is killed and replaced, and
the client gets a clear timeout error while every other request goes on. A child that dies
(crash) is replaced the same way. There is no timer thread per query (the design that brought
Oxigraph server down under sustained load): the waiting request's own thread polls the pipe.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection


# How long a fresh query process may take to start (import the engine, open nothing yet).
BOOT_SECONDS = 60


class QueryTimeout(Exception):
    """Raised by :meth:`QueryPool.run` when a query outlives its deadline (its child was killed)."""


class QueryFailed(Exception):
    """Raised by :meth:`QueryPool.run` for a syntax error (``syntax=True``) or an engine error."""

    def __init__(self, message: str, syntax: bool = False):
        super().__init__(message)
        self.message = message
        self.syntax = syntax


@dataclass
class Outcome:
    """What a child returns for one query."""

    body: bytes
    kind: str  # "results" or "graph"
    rows: int
    truncated: bool


def child_main(requests: Connection, answers: Connection) -> None:
    """Serve queries arriving on *requests* until the parent goes away."""
    from citykg.server.results import execute_and_serialize

    answers.send(("ready", None))  # booted: the parent's query deadlines start after this
    store, opened = None, None
    while True:
        try:
            request = requests.recv()
        except (EOFError, OSError):
            return
        database, query, options, format_name, max_rows = request
        try:
            if opened != database:
                import pyoxigraph

                store, opened = pyoxigraph.Store.read_only(database), database
            answers.send(("ok", execute_and_serialize(store, query, options, format_name, max_rows)))
        except SyntaxError as exc:
            answers.send(("syntax", str(exc)))
        except Exception as exc:  # any engine error is the query's problem, reported to the client
            answers.send(("error", f"{type(exc).__name__}: {exc}"))


class Child:
    """One child process (a fresh interpreter, not a fork: server workers are multi-threaded and
    forking them could copy held locks) and the parent's ends of its two pipes."""

    def __init__(self):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "citykg.server.executor", str(to_child_r), str(from_child_w)],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.requests = Connection(to_child_w, readable=False)
        self.answers = Connection(from_child_r, writable=False)
        # One poll object for the child's life: Connection.poll() builds a selector per call.
        self.poller = select.poll()
        self.poller.register(from_child_r, select.POLLIN)
        self.booted = False

    def boot(self) -> bool:
        """Wait for a new child to say it is ready, so its start-up is not charged to a query.

        Return False if it did not start (it died, or took longer than BOOT_SECONDS).
        """
        if not self.booted:
            try:
                self.booted = self.wait(BOOT_SECONDS) and self.answers.recv()[0] == "ready"
            except (EOFError, OSError):
                return False
        return self.booted

    def wait(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for the child's answer (or its death: POLLHUP)."""
        return bool(self.poller.poll(timeout * 1000))

    def kill(self) -> None:
        """Stop the child at once (it may be stuck in the engine)."""
        self.process.kill()
        self.process.wait(timeout=5)
        self.requests.close()
        self.answers.close()


class QueryPool:
    """A fixed number of query children, shared by the threads of one server worker."""

    def __init__(self, size: int):
        self.size = size
        self.idle: list[Child] = []
        self.started = 0
        self.available = threading.Condition()

    def fill(self) -> None:
        """Start children until the pool is full (call with the lock held).

        A child needs a moment to boot (a fresh interpreter importing the engine), so the whole
        pool starts with the first query and a killed child is replaced at once, in the
        background: a query never waits for a boot that could have happened earlier.
        """
        while self.started < self.size:
            self.started += 1
            self.idle.insert(0, Child())  # booting: taken last (acquire pops from the end)

    def start(self) -> None:
        """Start every child now (servers do, so the first queries find them booted)."""
        with self.available:
            self.fill()

    def acquire(self, timeout: float) -> Child:
        """Take an idle child; wait up to *timeout* for one."""
        with self.available:
            self.fill()
            if not self.available.wait_for(lambda: self.idle, timeout=timeout):
                raise QueryTimeout(f"all {self.size} query processes stayed busy for {timeout:g} s")
            return self.idle.pop()

    def release(self, child: Child | None) -> None:
        """Give a healthy child back, or replace a dead one."""
        with self.available:
            if child is None:
                self.started -= 1
                self.fill()
            else:
                self.idle.append(child)
            self.available.notify()

    def run(self, database: str, query: str, options: dict, format_name: str, max_rows: int, timeout: float) -> Outcome:
        """Run one query in a child and return its serialized result.

        :raise QueryTimeout: the deadline passed; the child was killed and will be replaced.
        :raise QueryFailed: the query is malformed or the engine refused it (or crashed).
        """
        child = self.acquire(timeout)
        if not child.boot():
            child.kill()
            self.release(None)
            raise QueryFailed(f"a query process did not start within {BOOT_SECONDS} s; try again")
        try:
            child.requests.send((database, query, options, format_name, max_rows))
            if not child.wait(timeout):
                child.kill()
                child = None
                raise QueryTimeout(f"the query ran longer than the limit of {timeout:g} s and was stopped")
            status, payload = child.answers.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            if child is not None:
                child.kill()
                child = None
            raise QueryFailed("the query engine crashed on this query; it was restarted") from exc
        finally:
            self.release(child)
        if status == "ok":
            return Outcome(*payload)
        raise QueryFailed(payload, syntax=status == "syntax")

    def close(self) -> None:
        """Stop every idle child (used by tests and at shutdown)."""
        with self.available:
            for child in self.idle:
                child.kill()
            self.idle.clear()
            self.started = 0


if __name__ == "__main__":
    child_main(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
