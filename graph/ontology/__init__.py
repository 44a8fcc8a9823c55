"""The litkg ontology (``litkg.ttl``): litkg's classes and properties, aligned to the vocabularies it reuses."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from litkg.extract.identifiers import ONTOLOGY_GRAPH

ONTOLOGY_FILE = Path(__file__).with_name("litkg.ttl")


def ontology_quads() -> Iterator[ox.Quad]:
    """The ontology as quads of its own named graph (:data:`graph.namespace.ONTOLOGY_GRAPH`)."""
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    for t in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(t.subject, t.predicate, t.object, g)
