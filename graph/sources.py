"""Find and parse the RDF source files: the ontology, the shapes and the data folders.

The format of a file is chosen by its extension. Triples a file states outside any named
graph go to a graph named after the file, so every triple in the store can be traced to
the file (and, by the data's own conventions, to the document) it came from.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from . import GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH
from .errors import SourceError

# Extension -> rdflib parser name. The same table decides which files are RDF sources at all.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
# A Turtle/TriG prefix declaration ("@prefix geo: <...> ." or SPARQL-style "PREFIX geo: <...>").
PREFIX_DECLARATION = re.compile(r"^\s*@?prefix\s+([A-Za-z][\w.-]*|):\s*<([^>\s]*)>", re.IGNORECASE | re.MULTILINE)
# Formats whose files may name their own graphs.
DATASET_FORMATS = {"trig", "nquads", "json-ld"}


@dataclass
class SourceFile:
    """One parsed RDF file and where its triples went."""

    path: Path
    role: str  # "ontology", "shapes" or "data"
    triples: int = 0
    graphs: set = field(default_factory=set)
    text: str = ""


@dataclass
class Sources:
    """Everything the build reads, parsed: one rdflib Dataset plus per-role views."""

    dataset: Dataset
    files: list[SourceFile]
    unions: dict = field(default_factory=dict)

    def graph_of(self, role: str) -> Graph:
        """Return one rdflib Graph holding the union of the files of *role* (computed once)."""
        if role in self.unions:
            return self.unions[role]
        union = self.unions[role] = Graph(bind_namespaces="core")
        for prefix, ns in self.dataset.namespaces():
            union.bind(prefix, ns, override=False)
        for iri in sorted({g for f in self.files if f.role == role for g in f.graphs}):
            for triple in self.dataset.graph(URIRef(iri)):
                union.add(triple)
        return union

    @property
    def version(self) -> str:
        """Return the data version: a hash of every source file's path and bytes."""
        digest = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: (f.role, f.path.name, str(f.path))):
            digest.update(f"{f.role}\0{f.path.name}\0".encode())
            digest.update(f.path.read_bytes())
        return digest.hexdigest()[:16]

    def describe(self) -> dict:
        """Return a JSON-able summary of the sources (kept with the store)."""
        return {
            "version": self.version,
            "files": [
                {"path": str(f.path), "role": f.role, "triples": f.triples, "graphs": sorted(f.graphs)}
                for f in self.files
            ],
        }


def discover(folder: Path, role: str) -> list[Path]:
    """List the RDF files under *folder* (recursively, sorted).

    :raise SourceError: if the folder is missing or holds no RDF file.
    """
    folder = Path(folder)
    if folder.is_file():
        if folder.suffix not in RDF_FORMATS:
            raise SourceError(f"{folder}: not an RDF file (known extensions: {', '.join(RDF_FORMATS)})")
        return [folder]
    if not folder.is_dir():
        raise SourceError(f"{folder}: {role} folder does not exist")
    files = sorted(p for p in folder.rglob("*") if p.suffix in RDF_FORMATS and p.is_file())
    if not files:
        raise SourceError(f"{folder}: {role} folder holds no RDF files ({', '.join(RDF_FORMATS)})")
    return files


def default_graph_for(path: Path, role: str, dataset_name: str) -> URIRef:
    """Name the graph for triples a file states outside any named graph."""
    if role == "ontology":
        return ONTOLOGY_GRAPH
    if role == "shapes":
        return SHAPES_GRAPH
    return GRAPH[f"{dataset_name}/{path.stem}"]


def syntax_error_message(path: Path, exc: Exception) -> str:
    """Describe a parse failure as 'file:line:column: message'.

    rdflib's messages vary by format and often lack positions, so on the (rare) error path the
    file is parsed again by Oxigraph, whose errors carry line and column for the line-based
    formats; where Oxigraph gives no position (RDF/XML), rdflib's XML parser's line is used.
    """
    line = getattr(exc, "lines", None)
    line = line + 1 if isinstance(line, int) else getattr(exc, "lineno", None)
    if line is None and hasattr(exc, "getLineNumber"):
        line = exc.getLineNumber()
    column = exc.getColumnNumber() if hasattr(exc, "getColumnNumber") else None
    reason = getattr(exc, "_why", None) or (exc.getMessage() if hasattr(exc, "getMessage") else str(exc).strip().splitlines()[-1])
    try:
        for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.from_extension(path.suffix[1:])):
            pass
    except SyntaxError as ox_error:
        if ox_error.lineno:
            line, column = ox_error.lineno, ox_error.offset
        reason = ox_error.msg if ox_error.lineno or not line else f"{reason} ({ox_error.msg})"
    except (ValueError, OSError):
        pass
    where = str(path) + (f":{line}" if line else "") + (f":{column}" if line and column is not None else "")
    return f"{where}: syntax error: {reason}"


def parse_file(dataset: Dataset, source: SourceFile, dataset_name: str, declared: dict[str, str]) -> None:
    """Parse one file into *dataset*, recording triple count and graphs on *source*.

    *declared* collects the prefixes the files declare, across files (the first declaration wins).
    """
    fmt = RDF_FORMATS[source.path.suffix]
    source.text = source.path.read_text(encoding="utf-8", errors="replace")
    scratch = Dataset()
    try:
        # rdflib's own parsers call its deprecated ConjunctiveGraph API; that is not a data error.
        with source.path.open("rb") as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            scratch.parse(file=stream, format=fmt, publicID=source.path.resolve().as_uri())
    except Exception as exc:  # rdflib raises a different type per parser
        raise SourceError(syntax_error_message(source.path, exc)) from exc
    fallback = default_graph_for(source.path, source.role, dataset_name)
    # The prefixes the file declares keep their names (rdflib's defaults would take geo: for
    # GeoSPARQL and rename a file's WGS84 geo: to geo1:); the first file to declare one wins.
    for match in PREFIX_DECLARATION.finditer(source.text):
        if match.group(1) not in declared:
            declared[match.group(1)] = match.group(2)
            dataset.bind(match.group(1), match.group(2), override=True, replace=True)
    for prefix, ns in scratch.namespaces():
        dataset.bind(prefix, ns, override=False)
    for s, p, o, g in scratch.quads((None, None, None, None)):
        g_iri = g.identifier if hasattr(g, "identifier") else g
        if g_iri is None or g_iri == DATASET_DEFAULT_GRAPH_ID or fmt not in DATASET_FORMATS:
            g_iri = fallback
        if source.role != "data":  # ontology and shapes always stay in their own graph
            g_iri = fallback
        dataset.graph(URIRef(str(g_iri))).add((s, p, o))
        source.graphs.add(str(g_iri))
        source.triples += 1


def load_sources(ontology_dir: Path, shapes_dir: Path, data_dirs: list[Path], progress=None) -> Sources:
    """Parse the ontology, the shapes and every data folder into one Dataset.

    :raise SourceError: for a missing or empty folder or a file that does not parse.
    """
    plan = [(p, "ontology", "ontology") for p in discover(ontology_dir, "ontology")]
    plan += [(p, "shapes", "shapes") for p in discover(shapes_dir, "shapes")]
    if not data_dirs:
        raise SourceError("no data folder given")
    for folder in data_dirs:
        name = Path(folder).resolve().name if Path(folder).is_dir() else Path(folder).resolve().parent.name
        plan += [(p, "data", name) for p in discover(folder, "data")]
    dataset = Dataset()
    declared: dict[str, str] = {}
    files = []
    steps = progress(plan, "parse") if progress else plan
    for path, role, name in steps:
        source = SourceFile(path=path, role=role)
        parse_file(dataset, source, name, declared)
        files.append(source)
    for role in ("ontology", "shapes", "data"):
        if not any(f.triples for f in files if f.role == role):
            given = ", ".join(sorted({str(f.path) for f in files if f.role == role}))
            raise SourceError(f"{given}: the {role} files hold no triples (an empty graph is not a dataset)")
    return Sources(dataset=dataset, files=files)

