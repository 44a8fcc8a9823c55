"""Kill tests: ``litkg build`` killed with SIGKILL at several points leaves no half-written output, and a
re-run with ``--force`` gives the same graph as a build that was never interrupted.

The build runs in a subprocess on 300 real records (``corpus/domain`` and the first ``corpus/bench``
records). A small runner wraps the build's steps so that it stops at a chosen point (after 100 papers
extracted, in the middle of writing papers to the store, with ``graph.trig`` or ``graph.gexf`` half
written to its temporary file) and says so through a marker file; the test then kills it with SIGKILL.
A rebuild of a finished folder is killed the same way while it rewrites each export, and three more
kills land at moments taken from the length of an uninterrupted build. After each kill: ``graph.trig``
and ``graph.gexf`` are absent or complete (the same graph as the uninterrupted build, parsed by rdflib;
``networkx`` reads the GEXF); a temporary file left behind does not stop the next run; the re-run's TriG
is the same dataset as the uninterrupted build's apart from the times in the runs graph (compared as
text with the times masked, else as rdflib quads).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUNNER = textwrap.dedent('''
    """Run `litkg build` (argv), stopping for a SIGKILL at the point named by $LITKG_KILL_POINT.

    The hooks sit on stable seams: extract_papers (counted over every call), the store's writes, and
    litkg.extract.outputs.atomic_path, through which every output file is written (patched before the
    modules that import it are).
    """
    import contextlib, os, sys, threading, time
    from pathlib import Path

    point, marker = os.environ.get("LITKG_KILL_POINT", ""), Path(os.environ.get("LITKG_KILL_MARKER", "/dev/null"))

    def stop_here():
        marker.write_text(point)
        time.sleep(600)  # the test kills us now

    if point == "extraction":  # after 100 papers extracted, whatever the chunks
        import litkg.extract.pipeline as pipeline
        real_extract, done = pipeline.extract_papers, [0]
        def extract_papers(*a, **k):
            for ex in real_extract(*a, **k):
                done[0] += 1
                if done[0] == 100:
                    stop_here()
                yield ex
        pipeline.extract_papers = extract_papers
    elif point == "store":  # while papers are being written to the store
        from litkg.graph.store import GraphStore
        calls = [0]
        def hook(name, real, first):
            def hooked(self, *a, **k):
                calls[0] += 1
                if calls[0] < first:
                    return real(self, *a, **k)
                writer = threading.Thread(target=real, args=(self, *a), kwargs=k, daemon=True)
                writer.start()
                writer.join(0.2)  # killed in the middle of the write, or just after it
                stop_here()
            setattr(GraphStore, name, hooked)
        if hasattr(GraphStore, "load_batch"):  # the bulk loader: papers go in batches
            hook("load_batch", GraphStore.load_batch, 1)
        else:  # one named graph a call (vocabulary and ontology first)
            hook("replace_graph", GraphStore.replace_graph, 150)
    elif point:  # an output file, half written to its temporary file
        import litkg.extract.outputs as outputs
        real_atomic = outputs.atomic_path
        @contextlib.contextmanager
        def atomic_path(target):
            with real_atomic(target) as tmp:
                yield tmp
                if Path(target).name == point:
                    data = Path(tmp).read_bytes()
                    Path(tmp).write_bytes(data[: len(data) // 2])
                    stop_here()
        outputs.atomic_path = atomic_path

    from litkg.graph.cli import main
    sys.exit(main(sys.argv[1:]))
''')

TIMES = re.compile(r'(prov:(?:started|ended)AtTime|<http://www\.w3\.org/ns/prov#(?:started|ended)AtTime>)\s+"[^"]*"')


@pytest.fixture(scope="module")
def records(tmp_path_factory, corpus) -> Path:
    """300 real records: the 154 of corpus/domain and the first 146 of corpus/bench."""
    path = tmp_path_factory.mktemp("kill_input") / "records.jsonl"
    with path.open("wb") as out:
        out.write(corpus("domain", "abstracts.jsonl").read_bytes())
        with corpus("bench", "abstracts.jsonl").open("rb") as fh:
            for _ in range(146):
                out.write(next(fh))
    return path


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kill_runner") / "run_build.py"
    path.write_text(RUNNER)
    return path


def _build(runner: Path, records: Path, out: Path, point: str = "", marker: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "LITKG_KILL_POINT": point, "LITKG_KILL_MARKER": str(marker or os.devnull)}
    return subprocess.Popen([sys.executable, str(runner), "build", str(records), "--out", str(out), "--no-open",
                             "--force"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"build failed ({proc.returncode}):\n{out}\n{err}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory, runner: Path, records: Path) -> tuple[Path, float, str]:
    """An uninterrupted build: its folder, how long it took, and its TriG text with the run times masked."""
    from rdflib import BNode, Dataset

    out = tmp_path_factory.mktemp("kill_reference")
    start = time.monotonic()
    _finish(_build(runner, records, out))
    took = time.monotonic() - start
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(ds) or len(list(ds.quads())) > 1000
    assert not any(isinstance(t, BNode) for q in ds.quads() for t in q[:3])  # so quads compare as sets
    return out, took, _masked(out / "graph.trig")


def _masked(path: Path) -> str:
    return TIMES.sub(r'\1 "TIME"', path.read_text(encoding="utf-8"))


def _quads(path: Path) -> set[tuple]:
    """The quads of a TriG file, parsed by rdflib, without the run's start and end times."""
    from rdflib import Dataset, URIRef

    times = {URIRef("http://www.w3.org/ns/prov#startedAtTime"), URIRef("http://www.w3.org/ns/prov#endedAtTime")}
    ds = Dataset()
    ds.parse(path, format="trig")
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads() if p not in times}


def assert_same_graph(path: Path, reference: tuple[Path, float, str]) -> None:
    """``path`` holds the reference dataset, times apart: byte for byte after masking, or else as rdflib quads."""
    if _masked(path) == reference[2]:
        return
    assert _quads(path) == _quads(reference[0] / "graph.trig")


def assert_no_half_output(out: Path, reference: tuple[Path, float, str]) -> list[Path]:
    """graph.trig and graph.gexf are absent or complete; returns the temporary files left behind."""
    import networkx as nx

    trig, gexf = out / "graph.trig", out / "graph.gexf"
    if trig.exists():
        assert_same_graph(trig, reference)
    if gexf.exists():
        g = nx.read_gexf(gexf)
        ref = nx.read_gexf(reference[0] / "graph.gexf")
        assert g.number_of_nodes() == ref.number_of_nodes() and g.number_of_edges() == ref.number_of_edges()
    return sorted(out.glob(".*.part"))


def _kill_at(runner: Path, records: Path, out: Path, point: str) -> None:
    """Start a build that stops at ``point``, wait for it to get there, and SIGKILL it."""
    marker = out.parent / f"{out.name}.{point}.reached"
    marker.unlink(missing_ok=True)
    proc = _build(runner, records, out, point, marker)
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert proc.poll() is None, f"build ended before {point}: {proc.communicate()}"
        assert time.monotonic() < deadline, f"build never reached {point}"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _rerun_and_compare(runner: Path, records: Path, out: Path, reference: tuple[Path, float, str],
                       left: list[Path]) -> None:
    _finish(_build(runner, records, out))
    assert_same_graph(out / "graph.trig", reference)
    assert_no_half_output(out, reference)
    # the re-run leaves no temporary file: neither its own nor those of the killed writer (``left``)
    assert not sorted(out.glob(".*.part")), left


@pytest.mark.parametrize("point", ["extraction", "store", "graph.trig", "graph.gexf"])
def test_killed_build_leaves_no_half_output_and_a_rerun_gives_the_same_graph(
        tmp_path: Path, runner: Path, records: Path, reference, point: str) -> None:
    out = tmp_path / "out"
    _kill_at(runner, records, out, point)
    left = assert_no_half_output(out, reference)
    if point in ("extraction", "store", "graph.trig"):
        assert not (out / "graph.trig").exists() and not (out / "graph.gexf").exists()
    if point == "graph.gexf":
        assert (out / "graph.trig").exists() and not (out / "graph.gexf").exists()
    if point.startswith("graph."):  # killed half way through writing it: only its temporary file is half written
        assert len(left) == 1 and left[0].name.startswith(f".{point}.")
    _rerun_and_compare(runner, records, out, reference, left)


def test_killed_rebuild_keeps_the_complete_outputs_of_the_last_build(
        tmp_path: Path, runner: Path, records: Path, reference) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference[0], out)  # a finished build, store included
    for point in ("graph.trig", "graph.gexf"):
        before = {name: (out / name).read_bytes() for name in ("graph.trig", "graph.gexf")}
        _kill_at(runner, records, out, point)
        assert_no_half_output(out, reference)
        # graph.trig is replaced whole (by the kill at graph.gexf) or not at all; graph.gexf is never touched
        assert (out / "graph.gexf").read_bytes() == before["graph.gexf"]
        if point == "graph.trig":
            assert (out / "graph.trig").read_bytes() == before["graph.trig"]
    _rerun_and_compare(runner, records, out, reference, sorted(out.glob(".*.part")))


def test_build_killed_at_moments_taken_from_its_length(tmp_path: Path, runner: Path, records: Path,
                                                       reference) -> None:
    out = tmp_path / "out"
    took = reference[1]
    landed = 0
    for fraction in (0.35, 0.7, 0.9):  # each run starts from what the killed one before it left
        proc = _build(runner, records, out)
        time.sleep(took * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            landed += 1
        proc.communicate(timeout=60)
        assert_no_half_output(out, reference)
    assert landed >= 1, "every build ended before its kill"
    print(f"timed kills that landed: {landed} of 3")
    _rerun_and_compare(runner, records, out, reference, sorted(out.glob(".*.part")))


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    from litkg.extract.outputs import atomic_path

    stale = tmp_path / ".graph.trig.999999999.part"  # no such process
    stale.write_text("half")
    with atomic_path(tmp_path / "graph.trig") as tmp:
        tmp.write_text("whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]
