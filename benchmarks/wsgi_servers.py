"""Measure the WSGI servers citykg can run under, side by side, on the same app and store.

Starts `citykg serve --server granian` and `--server gunicorn` (2 workers each) over a small
store, loads each with wrk (Debian package `wrk`) for a few seconds per route, and prints a
table of requests/second and latency. Usage::

    .venv/bin/python benchmarks/wsgi_servers.py [--seconds 10] [--connections 8]

Runs are sequential on one machine; differences under ~1.5x are noise on a shared host.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import LiveServer, mini_config  # noqa: E402

from citykg.graph.pipeline import build  # noqa: E402
from citykg.graph.progress import Reporter  # noqa: E402

CHEAP_QUERY = "SELECT ?o WHERE { <https://w3id.org/citykg/id/city/helsinki> <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
ROUTES = {"/health": "/health", "cheap SPARQL lookup": "/sparql?query=" + quote(CHEAP_QUERY)}


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str]:
    """Run wrk against *url*; return (requests/s, average latency text)."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+(\S+)", out).group(1)
    return rate, latency


def main() -> None:
    """Build a small store, serve it under each server in turn, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        config = mini_config(Path(tmp))
        build(config, Reporter(quiet=True))
        rows = []
        for server_name in ("granian", "gunicorn"):
            server = LiveServer(config.store_root, "--server", server_name, "--workers", str(args.workers))
            try:
                for label, path in ROUTES.items():
                    rate, latency = wrk(server.url + path, args.seconds, args.connections)
                    rows.append((server_name, label, rate, latency))
            finally:
                server.stop()
    print(f"\n{args.workers} workers, {args.connections} connections, {args.seconds} s per cell\n")
    print(f"| server | route | requests/s | mean latency |\n|---|---|---|---|")
    for server_name, label, rate, latency in rows:
        print(f"| {server_name} | {label} | {rate:,.0f} | {latency} |")


if __name__ == "__main__":
    main()
