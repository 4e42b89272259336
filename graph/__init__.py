"""The citykg build pipeline: parse sources -> SHACL-validate -> OWL RL-infer -> load the store.

Each stage is an importable function; :func:`citykg.graph.pipeline.build` chains them.
"""

from pathlib import Path

from rdflib import Namespace

#: The repository root when installed in development mode (ontology/, shapes/, graph/ live here).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_DIR = PROJECT_ROOT / "shapes"
HELSINKI_DIR = PROJECT_ROOT / "graph" / "helsinki"

# Every IRI the project mints lives under this base; the server maps request paths onto it.
BASE = "https://w3id.org/citykg/"
CKG = Namespace(BASE + "ontology#")
ONTOLOGY_IRI = BASE + "ontology"
SHAPES_IRI = BASE + "shapes"
GRAPH = Namespace(BASE + "graph/")
ID = Namespace(BASE + "id/")

# Named graphs the build writes besides the data files' own graphs.
ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]
INFERRED_GRAPH = GRAPH["inferred"]
