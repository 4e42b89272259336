"""Run the application under a production WSGI server: granian (default) or gunicorn.

The choice rests on measurements on this kind of machine (see docs/dependencies.md and
benchmarks/wsgi_servers.py). Configuration reaches the worker processes through
``CITYKG_*`` environment variables, which :func:`citykg.server.create_app` reads.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from citykg.graph.errors import CitykgError

APP_FACTORY = "citykg.server.wsgi:serving_app"


def serving_app():
    """The application as a server worker runs it: created, with its query processes started."""
    from citykg.server import create_app
    from citykg.server.query_answers import start_query_processes

    app = create_app()
    start_query_processes(app.config)
    return app


def ensure_port_free(host: str, port: int) -> None:
    """Refuse to start on a port something already listens on.

    Both servers open their sockets with SO_REUSEPORT, so a second `citykg serve` on a busy port
    would start silently and share the port with the first (answering from another store in
    turn). A probe bound without SO_REUSEPORT fails on a listening port.

    :raise CitykgError: (exit 1) naming the address and the reason.
    """
    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT leftovers are fine
            probe.bind(address)
    except OSError as exc:
        raise CitykgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def run(store_root: Path, host: str, port: int, workers: int, server: str = "granian") -> None:
    """Serve the app on host:port with *workers* processes until interrupted."""
    os.environ["CITYKG_STORE"] = str(Path(store_root).resolve())
    if server == "gunicorn":
        run_gunicorn(host, port, workers)
    else:
        run_granian(host, port, workers)


def run_granian(host: str, port: int, workers: int) -> None:
    """Serve with granian's WSGI interface (Rust HTTP stack, Python app in worker processes)."""
    from granian import Granian
    from granian.constants import Interfaces

    Granian(
        APP_FACTORY,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        factory=True,
        respawn_failed_workers=True,
        log_access=False,
    ).serve()


def run_gunicorn(host: str, port: int, workers: int) -> None:
    """Serve with gunicorn sync workers (control socket off: it would write under $HOME)."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("control_socket_disable", True)
            self.cfg.set("accesslog", None)

        def load(self):
            return serving_app()

    Application().run()
