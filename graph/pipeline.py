"""The build, one way: parse sources -> SHACL-validate -> OWL RL-infer -> load the store.

:func:`validate` runs the first two stages and changes nothing; :func:`build` runs all four
and publishes the new store only when every stage succeeded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import HELSINKI_DIR, INFERRED_GRAPH, ONTOLOGY_DIR, SHAPES_DIR
from .errors import CitykgError, ValidationFailed
from .inference import infer
from .ontology_docs import write_ontology_html
from .progress import Reporter, plural
from .sources import Sources, load_sources
from .store import ONTOLOGY_HTML, BuiltStore, StoreWriter
from .validation import ValidationReport
from .validation import validate as shacl_validate


@dataclass
class BuildConfig:
    """What to build from and where to put it."""

    data_dirs: list[Path] = field(default_factory=lambda: [HELSINKI_DIR])
    ontology_dir: Path = ONTOLOGY_DIR
    shapes_dir: Path = SHAPES_DIR
    store_root: Path = Path("var/store")
    strict: bool = False  # warnings fail the build too

    @property
    def writes_dir(self) -> Path:
        """Where graphs written through the endpoint live (kept across builds, see writes.py)."""
        return Path(self.store_root) / "writes"

    def all_data_dirs(self) -> list[Path]:
        """The data folders plus the endpoint's written graphs, so a build never loses them."""
        written = self.writes_dir
        return list(self.data_dirs) + ([written] if any(written.glob("*.trig")) else [])

    def describe(self) -> dict:
        """The configuration as JSON, kept with the build so a write can rebuild the same way."""
        return {"data_dirs": [str(Path(d).resolve()) for d in self.data_dirs], "ontology_dir": str(Path(self.ontology_dir).resolve()),
                "shapes_dir": str(Path(self.shapes_dir).resolve()), "strict": self.strict}


def parse(config: BuildConfig, reporter: Reporter) -> Sources:
    """Parse every source file; raise SourceError on the first unparsable one."""
    with reporter.phase("parse", ticking=False) as summary:
        sources = load_sources(config.ontology_dir, config.shapes_dir, config.all_data_dirs(), reporter.progress)
        roles = {role: sum(1 for f in sources.files if f.role == role) for role in ("ontology", "shapes", "data")}
        triples = sum(f.triples for f in sources.files)
        summary["text"] = (
            f"{plural(len(sources.files), 'file')} ({roles['ontology']} ontology, {roles['shapes']} shapes, "
            f"{roles['data']} data), {plural(triples, 'triple')}"
        )
    for empty in (f for f in sources.files if not f.triples):
        reporter.line(f"{empty.path}: warning: the file holds no triples")
    return sources


def check(sources: Sources, config: BuildConfig, reporter: Reporter) -> ValidationReport:
    """SHACL-validate the data; print every result; raise ValidationFailed if it does not pass."""
    with reporter.phase("validate") as summary:
        report = shacl_validate(sources)
        summary["text"] = (
            f"{plural(report.checked_triples, 'triple')} against {plural(report.shapes, 'shape')}: "
            f"{report.count('Violation')} violations, {report.count('Warning')} warnings"
        )
    for result in report.results:
        reporter.line(result.line())
    failed = not report.conforms or (config.strict and report.count("Warning"))
    if failed:
        raise ValidationFailed(report)
    return report


def validate(config: BuildConfig, reporter: Reporter | None = None) -> ValidationReport:
    """Parse and validate the sources of *config*; change nothing."""
    reporter = reporter or Reporter()
    sources = parse(config, reporter)
    return check(sources, config, reporter)


def build(config: BuildConfig, reporter: Reporter | None = None) -> BuiltStore:
    """Parse, validate, infer and load a new store; publish it only if all of that succeeded.

    :raise SourceError: a folder is missing/empty or a file does not parse.
    :raise ValidationFailed: the data violates the shapes (or, with strict, warns).
    :raise CitykgError: OWL RL inference finds the data inconsistent.
    """
    reporter = reporter or Reporter()
    started = time.time()
    sources = parse(config, reporter)
    report = check(sources, config, reporter)
    with reporter.phase("infer") as summary:
        inferred, inconsistencies = infer(sources.graph_of("ontology"), sources.graph_of("data"))
        summary["text"] = f"{plural(len(inferred), 'triple')} inferred (OWL 2 RL) into {INFERRED_GRAPH}"
    if inconsistencies:
        raise CitykgError("OWL RL inference found the data inconsistent:\n" + "\n".join(inconsistencies))
    version = sources.version
    with reporter.phase("load") as summary, StoreWriter(config.store_root, version) as writer:
        writer.load(sources.dataset.serialize(format="nquads", encoding="utf-8"), "nq")
        writer.load(inferred.serialize(format="nt", encoding="utf-8"), "nt", to_graph=str(INFERRED_GRAPH))
        triples = writer.merge_default_graph()
        graphs = sorted(str(g.value) for g in writer.store.named_graphs())
        quads = len(writer.store) - triples
        dumps = writer.write_dumps()
        write_ontology_html(sources.graph_of("ontology"), writer.work / ONTOLOGY_HTML)
        meta = {
            "version": version,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.time() - started, 2),
            "quads": quads,
            "triples": triples,
            "inferred": len(inferred),
            "graphs": graphs,
            # Triples per named graph, counted once here (VoID subsets) instead of by each server worker.
            "graph_triples": {r["g"].value: int(r["n"].value) for r in writer.store.query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")},
            "warnings": report.count("Warning"),
            "dumps": dumps,
            "sources": sources.describe()["files"],
            "config": config.describe(),
        }
        built = writer.commit(meta)
        summary["text"] = (
            f"{plural(quads, 'quad')} in {plural(len(graphs), 'graph')}, {plural(triples, 'triple')} in the default graph"
        )
    reporter.line(f"published  {built.path}")
    return built
