"""What the endpoint's protections cost on a cheap query: bare engine vs HTTP, side by side.

Builds the Helsinki store, then times one cheap look-up (labels of one IRI) many times:

* pyoxigraph in-process on the same on-disk store (the floor);
* `citykg serve` over HTTP (granian, 2 workers; strict protocol parsing, limits, query process);
* the same with `CITYKG_SPARQL_FAST_PATH=false` (every query through Flask's view), to show what the
  WSGI fast path in front of Flask saves;
* Oxigraph server over HTTP on the same data, when the `oxigraph` command is installed
  (`pip install oxigraph`), as the peer.

Prints a table of median and 95th-percentile latency per request from one keep-alive client, and
each contender's overhead over the floor. The client is the standard library's http.client, so the
figures are the servers' cost (the requests library alone adds about 0.8 ms per call here).
With ``--clients N`` it also measures requests per second with N concurrent clients.
Usage: .venv/bin/python benchmarks/sparql_overhead.py [--requests 2000] [--rounds 3] [--clients 4]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import LiveServer, free_port  # noqa: E402

from citykg.graph.pipeline import BuildConfig, build  # noqa: E402
from citykg.graph.progress import Reporter  # noqa: E402
from citykg.graph.store import current  # noqa: E402

QUERY = "SELECT ?l WHERE { <https://w3id.org/citykg/id/city/helsinki> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
ACCEPT = {"Accept": "application/sparql-results+json"}


def timed(call, n: int) -> list[float]:
    """Run *call* n times after a warm-up; return the latencies in milliseconds."""
    for _ in range(50):
        call()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def http_call(url: str):
    """A keep-alive GET of the query against *url* (http.client: the leanest real HTTP client)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + "?" + urlencode({"query": QUERY})

    def call():
        connection.request("GET", path, headers=ACCEPT)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, body

    return call


def throughput(url: str, clients: int, n: int) -> float:
    """Requests per second of *clients* keep-alive clients making *n* requests each."""
    calls = [http_call(url) for _ in range(clients)]
    threads = [threading.Thread(target=lambda call=call: [call() for _ in range(n)]) for call in calls]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return clients * n / (time.perf_counter() - started)


def oxigraph_server(store_root: Path, tmp: Path):
    """Start Oxigraph server on a copy of the data, or return None if it is not installed."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        return None, None
    location = tmp / "oxigraph-server"
    dump = current(store_root).path / "dumps" / "citykg.nq.gz"
    nquads = tmp / "data.nq"
    nquads.write_bytes(gzip.decompress(dump.read_bytes()))
    subprocess.run([exe, "load", "--location", str(location), "--file", str(nquads)], check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    return None, None


def main() -> None:
    """Build, measure each contender in interleaved rounds, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per contender per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; contenders alternate within each")
    parser.add_argument("--clients", type=int, default=0, help="also measure requests/s with this many concurrent clients")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        root = tmp / "store"
        build(BuildConfig(store_root=root), Reporter(quiet=True))
        store = current(root).open()
        contenders = {"pyoxigraph, in process (floor)": lambda: list(store.query(QUERY))}
        server = LiveServer(root)
        # The same server with every query through the Flask view: what the fast path saves.
        viewed = LiveServer(root, env={"CITYKG_SPARQL_FAST_PATH": "false"})
        process, url = oxigraph_server(root, tmp)
        try:
            urls = {"citykg serve (granian, HTTP)": server.url + "/sparql",
                    "citykg serve, fast path off (Flask view)": viewed.url + "/sparql"}
            if process:
                urls["Oxigraph server (HTTP)"] = url
            contenders.update({name: http_call(address) for name, address in urls.items()})
            # Interleaved rounds: on a shared machine the noise then falls on every contender alike.
            rounds = {name: [] for name in contenders}
            rates = {name: [] for name in urls}
            for _ in range(args.rounds):
                for name, call in contenders.items():
                    rounds[name].append(timed(call, args.requests))
                for name, address in urls.items():
                    if args.clients:
                        rates[name].append(throughput(address, args.clients, args.requests // args.clients))
        finally:
            server.stop()
            viewed.stop()
            if process:
                process.kill()
    print(f"\ncheap look-up, {args.rounds} rounds x {args.requests} sequential requests, one keep-alive client\n")
    medians = {name: [statistics.median(r) for r in runs] for name, runs in rounds.items()}
    floor = statistics.median(next(iter(medians.values())))
    print("| contender | median ms (of round medians) | range of round medians | p95 ms | over the floor ms |")
    print("|---|---|---|---|---|")
    for name, values in medians.items():
        samples = sorted(x for run in rounds[name] for x in run)
        median = statistics.median(values)
        p95 = samples[int(len(samples) * 0.95)]
        print(f"| {name} | {median:.3f} | {min(values):.3f}-{max(values):.3f} | {p95:.3f} | {median - floor:+.3f} |")
    if args.clients:
        print(f"\n{args.clients} concurrent keep-alive clients (threads of this process, on the same machine)\n")
        print("| contender | requests/s (median of rounds) | range of rounds |")
        print("|---|---|---|")
        for name, values in rates.items():
            print(f"| {name} | {statistics.median(values):,.0f} | {min(values):,.0f}-{max(values):,.0f} |")


if __name__ == "__main__":
    main()
