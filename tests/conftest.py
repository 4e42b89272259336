"""Shared fixtures: the miniature test sources, stores built from them, apps and live servers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from citykg.graph.pipeline import BuildConfig, build
from citykg.graph.progress import Reporter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
CITYKG = str(Path(sys.executable).parent / "citykg")
# The seed documents live beside the repository (read-only, shared with CI).
SEEDS = ROOT.parent / "shared" / "seeds"
W3C = ROOT.parent / "shared" / "w3c"


def mini_config(tmp_path: Path, **overrides) -> BuildConfig:
    """Return a BuildConfig for the miniature sources, copied into *tmp_path* so tests may edit them."""
    sources = tmp_path / "sources"
    if not sources.exists():
        shutil.copytree(MINI, sources)
    options = dict(
        data_dirs=[sources / "data"],
        ontology_dir=sources / "ontology",
        shapes_dir=sources / "shapes",
        store_root=tmp_path / "store",
    )
    options.update(overrides)
    return BuildConfig(**options)


@pytest.fixture
def mini(tmp_path):
    """A BuildConfig over an editable copy of the miniature sources."""
    return mini_config(tmp_path)


def built_mini_store(folder: Path) -> Path:
    """Build the miniature sources into a store under *folder*; return the store root."""
    config = mini_config(folder)
    build(config, Reporter(quiet=True))
    return config.store_root


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory):
    """A store built once from the miniature sources (read-only for tests)."""
    return built_mini_store(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="session")
def helsinki_store(tmp_path_factory):
    """The real Helsinki dataset built once by the real pipeline."""
    root = tmp_path_factory.mktemp("helsinki") / "store"
    build(BuildConfig(store_root=root), Reporter(quiet=True))
    return root


def free_port() -> int:
    """Ask the kernel for a free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """A `citykg serve` subprocess on a free port."""

    def __init__(self, store: Path, *extra: str, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [CITYKG, "serve", "--store", str(store), "--port", str(self.port), *extra],
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Poll /health until the server answers (or fail with its stderr)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()}")
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not become ready")

    def stop(self) -> None:
        """Stop the server and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


@pytest.fixture(scope="session")
def mini_server(mini_store):
    """`citykg serve` over the miniature store, on a free port."""
    server = LiveServer(mini_store)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def helsinki_server(helsinki_store):
    """`citykg serve` over the real Helsinki store, default configuration."""
    server = LiveServer(helsinki_store)
    yield server
    server.stop()
