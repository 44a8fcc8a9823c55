"""The build journal: which papers the store holds, as what, so builds resume and add incrementally.

``litkg build`` keeps ``OUT/.litkg/journal.jsonl`` beside its outputs, one JSON
object per line, appended and synced after each batch is committed to the store:

* a header: the settings every paper graph depends on (software and vocabulary
  versions, a digest of the extraction and graph-building code, open
  extraction on or off) and the identity of the store it speaks for;
* ``{"run": ...}`` when a build starts: its inputs, start time and whether it
  was allowed to overwrite the exports;
* ``{"batch": [[key, fingerprint, {type: mentions}, graph], ...]}`` after each
  batch's store commit: the papers now in the store, each with a digest of its
  record and its named graph;
* ``{"done": ...}`` when the build has written its exports.

A paper whose key and fingerprint the journal lists (and whose graph the store
holds) is not extracted again: re-running a build costs reading the inputs, a
build killed mid-way resumes after its last committed batch, and adding
papers costs in proportion to the papers added. A journal whose header does
not match (new code, vocabulary or store) is started afresh, and every paper
is then extracted again. A batch committed but not yet journalled when a
build is killed is simply done again: its graphs are replaced, never doubled.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Iterable

from litkg.extract.records import Paper

FORMAT = 1
JOURNAL = Path(".litkg") / "journal.jsonl"


def paper_key(paper: Paper) -> str:
    """The key a paper is journalled (and de-duplicated) under: its id, case folded."""
    return paper.id.lower()


def paper_fingerprint(paper: Paper) -> str:
    """A digest of everything in a record that its graph depends on (every field, source and position included)."""
    return hashlib.sha1(repr(paper).encode("utf-8", "surrogatepass")).hexdigest()[:20]  # every field, by value


def code_digest(model: str | None = None) -> str:
    """A digest of the code and data that shape a paper's graph: litkg.extract (its vocabulary and bundled
    model included), the graph-building modules, and the files of ``model`` when it is a directory.

    Editing an extraction rule, the vocabulary or a model without a version change still
    makes the next build extract every paper again.
    """
    import litkg.extract as extract_pkg
    import litkg.graph.namespace as namespace_mod
    import litkg.graph.quads as quads_mod

    def tree(root: Path) -> list[tuple[str, Path]]:
        return sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")

    files = tree(Path(extract_pkg.__file__).parent)
    files += [(Path(m.__file__).name, Path(m.__file__)) for m in (quads_mod, namespace_mod)]
    if model not in (None, "bundled") and Path(model).is_dir():
        files += [("model/" + name, path) for name, path in tree(Path(model))]
    h = hashlib.sha1()
    for name, path in files:
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


class BuildJournal:
    """The journal of the builds into one output folder (see the module docstring).

    Args:
        path: The journal file.
        settings: What every paper graph depends on; a journal with other settings is started afresh.
    """

    def __init__(self, path: str | Path, settings: dict) -> None:
        self.path = Path(path)
        self.settings = settings
        self.papers: dict[str, tuple[str, dict[str, int], str]] = {}  # key: fingerprint, counts, graph
        self.batches: list[list[str]] = []  # the graphs of each journalled batch, in order
        self.token = ""  # new whenever the journal is started afresh or compacted
        self.interrupted: dict | None = None
        self.entries = 0  # paper entries in the file, superseded ones included
        self._good = 0  # bytes of whole lines: a line cut short by a kill is cut off before appending
        self.valid = self._load()
        self._fh = None

    def _load(self) -> bool:
        if not self.path.exists():
            return False
        try:
            with open(self.path, "rb") as fh:
                first = fh.readline()
                header = json.loads(first or b"null")
                if not isinstance(header, dict) or header.get("settings") != self.settings:
                    return False
                self.token = str(header.get("token", ""))
                self._good = len(first)
                for line in fh:
                    try:
                        if not line.endswith(b"\n"):
                            raise ValueError("cut short")
                        entry = json.loads(line)
                    except ValueError:  # a line cut short by a kill: that batch was not journalled
                        break
                    self._good += len(line)
                    if "batch" in entry:
                        self.entries += len(entry["batch"])
                        for key, fp, counts, graph in entry["batch"]:
                            self.papers[key] = (fp, counts, graph)
                        self.batches.append([e[3] for e in entry["batch"]])
                    elif "run" in entry:
                        self.interrupted = entry["run"]
                    elif "done" in entry:
                        self.interrupted = None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError):
            self.papers.clear()
            self.batches.clear()
            self.interrupted = None
            return False
        return True

    def committed(self, key: str, fingerprint: str) -> dict[str, int] | None:
        """The mention counts of a paper the store holds as ``fingerprint``, else None."""
        entry = self.papers.get(key)
        return entry[1] if entry is not None and entry[0] == fingerprint else None

    def start(self, inputs: Iterable[str], started: str, force: bool) -> None:
        """Open the journal for a build (started afresh when its settings changed) and log the run."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.valid:
            self.papers.clear()
            self.batches.clear()
            self.entries = 0
            self.token = uuid.uuid4().hex
            self._fh = open(self.path, "w", encoding="utf-8")
            self._write(self._header())
            self.valid = True
        else:
            if self.path.stat().st_size > self._good:
                os.truncate(self.path, self._good)
            self._compact()
            self._fh = open(self.path, "a", encoding="utf-8")
        self._write({"run": {"inputs": list(inputs), "started": started, "force": force}})

    def commit(self, entries: list[tuple[str, str, dict[str, int]]], graphs: list[str]) -> None:
        """Journal a batch of papers just committed to the store (synced to disk before returning).

        Args:
            entries: ``(key, fingerprint, mention counts)`` of each paper.
            graphs: The named graph of each paper.
        """
        for (key, fp, counts), graph in zip(entries, graphs):
            self.papers[key] = (fp, counts, graph)
        self.entries += len(entries)
        self.batches.append(list(graphs))
        self._write({"batch": [[*e, g] for e, g in zip(entries, graphs)]})

    def stamp(self) -> dict:
        """Where the journal stands: exports written now record it, to learn later what changed since."""
        return {"journal": self.token, "batches": len(self.batches)}

    def graphs_since(self, stamp: dict | None) -> set[str] | None:
        """The graphs journalled since ``stamp`` (see :meth:`stamp`); None when that cannot be told."""
        if not isinstance(stamp, dict) or not self.token or stamp.get("journal") != self.token:
            return None
        n = stamp.get("batches")
        if not isinstance(n, int) or not 0 <= n <= len(self.batches):
            return None
        return {g for batch in self.batches[n:] for g in batch}

    def finish(self, ended: str) -> None:
        """Mark the build complete (its exports written) and close the journal."""
        self._write({"done": {"ended": ended}})
        self.interrupted = None
        self.close()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _header(self) -> dict:
        return {"journal": "litkg build", "format": FORMAT, "token": self.token, "settings": self.settings}

    def _write(self, entry: dict) -> None:
        self._fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def _compact(self) -> None:
        """Rewrite a journal grown past twice its live papers (papers built again leave old entries)."""
        if self.entries <= 2 * len(self.papers) + 10_000:
            return
        self.token = uuid.uuid4().hex
        items = [[k, *entry] for k, entry in self.papers.items()]
        self.batches = [[e[3] for e in items[i:i + 1000]] for i in range(0, len(items), 1000)]
        tmp = self.path.with_name(self.path.name + ".part")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(self._header()) + "\n")
            if self.interrupted is not None:
                fh.write(json.dumps({"run": self.interrupted}, ensure_ascii=False) + "\n")
            for i in range(0, len(items), 1000):
                fh.write(json.dumps({"batch": items[i:i + 1000]}, ensure_ascii=False, separators=(",", ":")) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        self.entries = len(items)
