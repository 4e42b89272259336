"""citykg: a knowledge graph of city diplomacy."""

__version__ = "0.1.0"
