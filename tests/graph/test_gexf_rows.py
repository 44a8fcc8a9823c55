"""``graph.gexf`` assembled from the per-graph rows file (``OUT/.litkg/gexf-rows.tsv``).

The file a build writes must be, byte for byte, ``write_gexf(paper_concept_graph(store))``
of the store it built, however it got there: one build, papers added later, a
build killed after a batch, a rows file lost, cut short or written by other code.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from litkg.graph.gexf_rows import ROWS, GexfRows, entries_from_nquads, store_entry
from litkg.graph.store import GraphStore
from litkg.graph.workflow import build


@pytest.fixture(scope="module")
def sample(corpus, tmp_path_factory) -> tuple[Path, Path, Path]:
    """The first 30 real abstracts of ``corpus/domain``: all of them, the first 20 and the last 10."""
    lines = corpus("domain", "abstracts.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:30]
    folder = tmp_path_factory.mktemp("gexf-sample")
    paths = folder / "all.jsonl", folder / "first.jsonl", folder / "rest.jsonl"
    for path, part in zip(paths, (lines, lines[:20], lines[20:])):
        path.write_text("".join(part), encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def fresh(sample, tmp_path_factory) -> Path:
    """A build of all the sample in one go (batches of 7 papers)."""
    out = tmp_path_factory.mktemp("fresh")
    build([sample[0]], out, show_progress=False, batch_size=7)
    return out


def exporter_bytes(out: Path, tmp_path: Path) -> bytes:
    """What the full exporter writes for the build's store."""
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf

    store = GraphStore(out / "store", read_only=True)
    write_gexf(paper_concept_graph(store), tmp_path / "nx.gexf")
    return (tmp_path / "nx.gexf").read_bytes()


def test_a_build_writes_the_gexf_of_the_full_exporter_from_its_rows(fresh, tmp_path):
    assert (fresh / ROWS).stat().st_size > 0
    assert (fresh / "graph.gexf").read_bytes() == exporter_bytes(fresh, tmp_path)


def test_adding_papers_gives_the_gexf_of_a_full_build(sample, fresh, tmp_path):
    inc = tmp_path / "inc"
    build([sample[1]], inc, show_progress=False, batch_size=7)
    before = (inc / ROWS).read_bytes()
    added = build([sample[2]], inc, force=True, show_progress=False, batch_size=7)
    assert added.reused == 0
    assert (inc / ROWS).read_bytes().startswith(before)  # the first papers' rows are not computed again
    assert (inc / "graph.gexf").read_bytes() == (fresh / "graph.gexf").read_bytes()
    assert (inc / "graph.gexf").read_bytes() == exporter_bytes(inc, tmp_path)


def test_rows_of_the_loaded_nquads_are_those_read_from_the_store(fresh):
    rows = GexfRows(fresh / ROWS, {})
    store = GraphStore(fresh / "store", read_only=True)
    index = rows.index()
    graphs = [g for g in store.graph_names() if "/graph/paper/" in g]
    assert graphs and set(graphs) <= set(index)
    for g, entry in zip(graphs, rows.entries(index[g] for g in graphs)):
        assert entry == store_entry(store.oxigraph, g)
    first = graphs[0]
    quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(first))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert entries_from_nquads(nquads) == {first: store_entry(store.oxigraph, first)}


def test_lost_cut_or_foreign_rows_files_give_the_same_gexf(sample, fresh, tmp_path):
    out = tmp_path / "out"
    build([sample[0]], out, show_progress=False, batch_size=7)
    expected = (fresh / "graph.gexf").read_bytes()
    (out / ROWS).unlink()  # lost: every graph is read from the store, and kept
    build([sample[0]], out, force=True, show_progress=False)
    assert (out / "graph.gexf").read_bytes() == expected
    assert len(GexfRows(out / ROWS, {}).index()) >= 30
    with open(out / ROWS, "ab") as fh:  # a kill in the middle of a batch's line
        fh.write(b"https://w3id.org/litkg/graph/paper/x\t{\"p\": [[")
    build([sample[0]], out, force=True, show_progress=False)
    assert (out / "graph.gexf").read_bytes() == expected
    assert (out / ROWS).read_bytes().endswith(b"\n")
    text = (out / ROWS).read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(text[0])
    header["code"] = "other code"
    (out / ROWS).write_text(json.dumps(header) + "\n" + "".join(text[1:]), encoding="utf-8")
    build([sample[0]], out, force=True, show_progress=False)  # other code: started afresh
    assert json.loads((out / ROWS).read_text(encoding="utf-8").splitlines()[0])["code"] != "other code"
    assert (out / "graph.gexf").read_bytes() == expected


def test_a_batch_committed_but_not_journalled_is_redone_without_doubling(sample, fresh, tmp_path):
    """A kill after a batch's rows line and before its journal line: the resumed build redoes the batch."""
    from litkg.graph.journal import JOURNAL

    out = tmp_path / "killed"
    build([sample[1]], out, show_progress=False)
    build([sample[2]], out, force=True, show_progress=False)
    journal = (out / JOURNAL).read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(journal[-2])["batch"] and "done" in json.loads(journal[-1])
    (out / JOURNAL).write_text("".join(journal[:-2]), encoding="utf-8")  # killed before its journal line
    resumed = build([sample[2]], out, resume=True, show_progress=False)
    assert resumed.reused == 0 and resumed.papers == 10
    assert (out / "graph.gexf").read_bytes() == (fresh / "graph.gexf").read_bytes()


def test_rebuild_starts_the_rows_afresh_and_compaction_keeps_the_latest(sample, fresh, tmp_path):
    out = tmp_path / "re"
    build([sample[0]], out, show_progress=False, batch_size=7)
    first = (out / ROWS).read_bytes()
    build([sample[0]], out, force=True, rebuild=True, show_progress=False, batch_size=7)
    assert (out / ROWS).read_bytes() == first  # afresh, the same rows again (not appended)
    rows = GexfRows(out / ROWS, json.loads(first.splitlines()[0])["settings"])
    rows.open()
    index = rows.index()
    for _ in range(3):  # superseded lines
        rows.append(dict(zip(index, rows.entries(index.values()))))
    grown = (out / ROWS).stat().st_size
    index = rows.index()
    rows.compact(index, set(index), slack=0)
    rows.close()
    assert (out / ROWS).stat().st_size < grown / 3  # rewritten with the latest entries only
    assert GexfRows(out / ROWS, {}).index().keys() == index.keys()
    rows.open()
    rows.compact(rows.index(), set(list(index)[:5]), slack=0)  # most graphs gone: rewritten with the rest
    rows.close()
    assert len(GexfRows(out / ROWS, {}).index()) == 5 and (out / ROWS).stat().st_size < len(first)
