"""Argument checks and defaults of the ``litkg`` command, applied after parsing and before any job starts.

* Every INPUT (and GOLD file) must be an existing, readable file: else one error naming it, nothing created.
* ``--store`` also takes a build folder (``litkg build --out X`` makes ``X/store``): ``--store X`` means ``X/store``.
* Exports and analyses written by default land in the store's build folder (the folder holding the store),
  not in ``./output`` of the current directory.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from litkg.extract.errors import LitkgError

#: The commands whose --store names a store to read (``build`` writes its own and is left alone).
STORE_READERS = ("query", "export", "analyze", "serve")
DEFAULT_STORE = "output/store"


def check_inputs(paths: list[str]) -> None:
    """Fail on the first path that is not an existing, readable file.

    >>> check_inputs(["/nope.jsonl"])
    Traceback (most recent call last):
    ...
    litkg.extract.errors.LitkgError: /nope.jsonl: no such file
    """
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise LitkgError(f"{path}: no such file")
        if not p.is_file():
            raise LitkgError(f"{path}: not a file")
        try:
            with open(p, "rb"):
                pass
        except OSError as e:
            raise LitkgError(f"{path}: not readable ({e.strerror or e})") from None


def resolve_store(store: str) -> str:
    """The store a ``--store`` value means: a build folder (one holding ``store/``) means its store;
    anything else, an http(s):// address included, is kept as given."""
    if "://" in store:
        return store
    p = Path(store)
    return str(p / "store") if (p / "store").is_dir() else store


def build_folder(store: str) -> Path:
    """Where default exports of a store go: the folder holding it (``output`` for a remote store)."""
    if "://" in store:
        return Path("output")
    return Path(store).parent


def prepare(a: argparse.Namespace, graph_formats: tuple[str, ...] = ()) -> argparse.Namespace:
    """Check the inputs and fill in the path defaults of parsed arguments (see the module docstring).

    Raises:
        LitkgError: an input file is missing, not a file or not readable.
    """
    check_inputs(([a.gold] if getattr(a, "gold", None) else []) + list(getattr(a, "inputs", None) or []))
    if a.command not in STORE_READERS:
        return a
    a.store = resolve_store(a.store)
    folder = build_folder(a.store)
    if a.command == "export" and a.format in graph_formats and not a.output:
        from litkg.graph.export.graphs import default_output

        a.output = str(default_output(a.format, a.graph, folder=folder))
    if a.command == "analyze" and not a.out:
        a.out = str(folder / "analysis")
    return a


def count(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless n is 1.

    >>> count(1, "paper"), count(2, "paper")
    ('1 paper', '2 papers')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def inputs_args(p: argparse.ArgumentParser) -> None:
    """The INPUT files and extraction options shared by extract, build and evaluate."""
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="record files: plain-text abstracts, MEDLINE/.nbib, PubMed XML(.gz), RIS, JSON Lines")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad record instead of skipping it (default: skip and report it)")
    p.add_argument("--no-open", dest="open_extraction", action="store_false",
                   help="vocabulary only: switch off the cue rules and the trained tagger (default: on)")
    p.add_argument("--fast", action="store_true",
                   help="the rules alone (vocabulary and cue rules), no trained tagger: about 3x faster, "
                        "lower recall (default: off)")
    p.add_argument("--model", metavar="MODEL_DIR",
                   help="the trained tagger to use: a directory written by `litkg train`, or `bundled`, the one "
                        "shipped with litkg (default: bundled)")


STORE_HELP = ("store directory, build folder (one holding store/, as `litkg build --out` makes) or http(s):// "
              f"SPARQL endpoint (default: {DEFAULT_STORE})")
