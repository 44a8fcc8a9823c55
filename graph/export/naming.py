"""How two-file exports are named: ``STEM.PART.EXT`` beside each other."""
from __future__ import annotations

from pathlib import Path


def part_paths(path: str | Path, parts: tuple[str, ...]) -> list[Path]:
    """The files of a multi-file export for ``path``: a file name (its stem, up to the first dot, names
    them all) or an existing directory (``graph.PART`` in it), one per ``parts`` entry (``"nodes.csv"``...).

    >>> [p.name for p in part_paths("out/graph.csv", ("nodes.csv", "edges.csv"))]
    ['graph.nodes.csv', 'graph.edges.csv']
    """
    path = Path(path)
    folder, stem = (path, "graph") if path.is_dir() else (path.parent, path.name.split(".")[0])
    return [folder / f"{stem}.{part}" for part in parts]
