"""Building at scale: bulk loading, streamed exports, incremental builds, --jobs, --resume and --dask.

Every build here is small (the seed paper, two records, a few dozen real
abstracts); the kill-and-resume test and the dask test are marked ``slow``.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from litkg.extract import identifiers as ids
from litkg.extract.errors import LitkgError
from litkg.extract.pipeline import extract_papers
from litkg.extract.readers import read_papers
from litkg.graph import quads as gb
from litkg.graph.build_outputs import write_trig
from litkg.graph.gexf_stream import streaming_matches, write_paper_concept_gexf
from litkg.graph.journal import JOURNAL, BuildJournal
from litkg.graph.namespace import PREFIXES
from litkg.graph.store import GraphStore
from litkg.graph.workflow import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
TWO = ROOT / "tests" / "data" / "two_records.txt"
TIMES = ("startedAtTime", "endedAtTime")


def trig_without_times(path: Path) -> list[str]:
    """``graph.trig`` without the run record's times (the only lines two builds may differ in)."""
    return [l for l in path.read_text(encoding="utf-8").splitlines() if not any(t in l for t in TIMES)]


def store_dump(store_dir: Path) -> bytes:
    return ox.Store.read_only(str(store_dir)).dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def table_files(store_dir: Path, suffix: str = ".sst") -> dict[str, int]:
    """The store's sorted tables (or write-ahead logs) with their sizes."""
    return {p.name: p.stat().st_size for p in store_dir.iterdir() if p.suffix == suffix}


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    """Seed and two-record papers built in batches of one paper: ``(out, summary)``."""
    out = tmp_path_factory.mktemp("small")
    return out, build([SEED, TWO], out, show_progress=False, batch_size=1)


@pytest.fixture(scope="module")
def domain_sample(corpus, tmp_path_factory) -> Path:
    """The first 24 real abstracts of ``corpus/domain`` as a JSON Lines file."""
    lines = corpus("domain", "abstracts.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:24]
    path = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_nquads_lines_are_the_paper_quads():
    (ex,) = list(extract_papers(read_papers([SEED])))
    run = ids.run_iri("test", "v")
    lines = gb.paper_nquads(ex, run)
    assert len(lines) == len(set(lines)) > 1000 and all(l.endswith(" .\n") for l in lines)
    parsed = list(ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS))
    assert parsed == gb.paper_quads(ex, run)
    tricky = gb._lit('a "quoted" back\\slash\nnew line\r', "EN")
    (q,) = ox.parse(f"<urn:s> <urn:p> {tricky} <urn:g> .\n", format=ox.RdfFormat.N_QUADS)
    assert q.object == ox.Literal('a "quoted" back\\slash\nnew line\r', language="en")


def test_trig_is_the_store_dump_byte_for_byte(small_build):
    out, summary = small_build
    assert summary.papers == 3
    assert (out / "graph.trig").read_bytes() == store_dump(out / "store")


def test_build_gexf_is_the_networkx_export(small_build, tmp_path):
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf

    store = GraphStore(small_build[0] / "store", read_only=True)
    write_gexf(paper_concept_graph(store), tmp_path / "nx.gexf")
    assert (small_build[0] / "graph.gexf").read_bytes() == (tmp_path / "nx.gexf").read_bytes()
    empty = GraphStore()
    write_gexf(paper_concept_graph(empty), tmp_path / "nx0.gexf")
    write_paper_concept_gexf(empty, tmp_path / "stream0.gexf")
    assert (tmp_path / "stream0.gexf").read_bytes() == (tmp_path / "nx0.gexf").read_bytes()


def test_gexf_streams_with_the_bytes_of_the_writer(small_build, tmp_path):
    from litkg.graph import gexf_stream
    from litkg.graph.analysis import paper_concept_graph
    from litkg.graph.export.gexf import write_gexf

    if not streaming_matches():
        pytest.skip("graph/export/gexf.py or paper_concept_graph changed their output: builds write graph.gexf "
                    "through them (more memory) until graph/gexf_stream.py follows")
    store = GraphStore(small_build[0] / "store", read_only=True)
    write_gexf(paper_concept_graph(store), tmp_path / "nx.gexf")
    assert gexf_stream._stream(store, tmp_path / "stream.gexf")
    assert (tmp_path / "stream.gexf").read_bytes() == (tmp_path / "nx.gexf").read_bytes()


def test_a_build_leaves_no_write_ahead_log(small_build):
    store_dir = small_build[0] / "store"
    assert not [n for n, size in table_files(store_dir, ".log").items() if size]
    assert not list(store_dir.glob("LOG.old.*"))


def test_rerun_extracts_nothing_writes_nothing_and_keeps_the_store_size(tmp_path):
    build([SEED], tmp_path, show_progress=False)
    tables, trig = table_files(tmp_path / "store"), (tmp_path / "graph.trig").read_bytes()
    again = build([SEED], tmp_path, force=True, show_progress=False)
    assert again.reused == 1 and again.papers == 1 and sum(again.mentions.values()) > 50
    assert "unchanged: 1 papers" in "\n".join(again.lines())
    assert table_files(tmp_path / "store") == tables
    assert (tmp_path / "graph.trig").read_bytes() == trig


def test_adding_papers_gives_the_graph_of_a_fresh_build(tmp_path):
    inc, fresh = tmp_path / "inc", tmp_path / "fresh"
    build([SEED], inc, show_progress=False)
    added = build([TWO], inc, force=True, show_progress=False)
    assert added.reused == 0 and added.papers == 2
    build([SEED, TWO], fresh, show_progress=False)
    assert (inc / "graph.trig").read_bytes() == store_dump(inc / "store")  # blocks copied + new ones
    assert trig_without_times(inc / "graph.trig") == trig_without_times(fresh / "graph.trig")
    assert (inc / "graph.gexf").read_bytes() == (fresh / "graph.gexf").read_bytes()
    # a build without exports in between: the next export still knows what changed
    build([SEED, TWO], inc, show_progress=False, exports=False, rebuild=True)
    build([SEED, TWO], inc, force=True, show_progress=False)
    assert (inc / "graph.trig").read_bytes() == store_dump(inc / "store")


def test_parallel_trig_write_matches_the_dump(tmp_path):
    store = GraphStore(tmp_path / "store")
    quads = [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(f"value {i} " * 3),
                     ox.NamedNode(f"https://w3id.org/litkg/graph/paper/x{i}")) for i in range(400)]
    store.load_batch(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), replace=[])
    write_trig(store, tmp_path / "graph.trig", tmp_path / "index.json", jobs=2)
    assert (tmp_path / "graph.trig").read_bytes() == store.oxigraph.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    index = json.loads((tmp_path / "index.json").read_text())
    assert len(index["graphs"]) == 400


def test_jobs_2_gives_the_graph_of_jobs_1(domain_sample, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    s1 = build([domain_sample], one, show_progress=False, batch_size=5)
    s2 = build([domain_sample], two, show_progress=False, batch_size=5, jobs=2)
    assert (s1.papers, s1.mentions, s1.triples) == (s2.papers, s2.mentions, s2.triples)
    assert trig_without_times(one / "graph.trig") == trig_without_times(two / "graph.trig")
    assert (one / "graph.gexf").read_bytes() == (two / "graph.gexf").read_bytes()


def test_journal_restarts_when_settings_change_and_drops_a_cut_line(tmp_path):
    path = tmp_path / "journal.jsonl"
    j = BuildJournal(path, {"code": "a"})
    j.start(["in.txt"], "2024-01-01T00:00:00+00:00", force=False)
    j.commit([("doi:1", "fp1", {"risk": 2})], ["urn:g1"])
    j.close()
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"batch":[["doi:2"')  # a kill in the middle of a line
    j = BuildJournal(path, {"code": "a"})
    assert j.valid and j.committed("doi:1", "fp1") == {"risk": 2} and j.committed("doi:1", "other") is None
    assert j.interrupted["inputs"] == ["in.txt"] and "doi:2" not in j.papers
    j.start(["in.txt"], "2024-01-01T00:00:00+00:00", force=False)
    j.finish("2024-01-01T00:00:01+00:00")
    lines = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]  # every line whole again
    assert "done" in lines[-1]
    assert not BuildJournal(path, {"code": "b"}).valid  # other code: every paper is extracted again


def test_resume_needs_an_interrupted_build(tmp_path):
    with pytest.raises(LitkgError, match="no interrupted build"):
        build([SEED], tmp_path, show_progress=False, resume=True)


def test_build_options_on_the_command_line(tmp_path, capsys):
    from litkg.graph.cli import main

    with pytest.raises(SystemExit) as e:
        main(["build", str(SEED), "--out", str(tmp_path), "--jobs", "0"])
    assert e.value.code == 2
    assert main(["build", str(SEED), "--out", str(tmp_path), "--batch-size", "1", "--fast"]) == 0
    assert main(["build", str(SEED), "--out", str(tmp_path), "--force", "--fast"]) == 0
    assert "unchanged: 1 papers" in capsys.readouterr().out


@pytest.mark.slow
def test_killed_build_resumes_to_the_graph_of_an_uninterrupted_one(corpus, tmp_path):
    lines = corpus("domain", "abstracts.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:60]
    src = tmp_path / "input.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    cmd = [sys.executable, "-m", "litkg.graph.cli", "build", str(src), "--batch-size", "4", "--fast"]
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    proc = subprocess.Popen(cmd + ["--out", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = killed / JOURNAL
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text(encoding="utf-8").count('{"batch"') >= 2:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    text = journal.read_text(encoding="utf-8")
    assert '"done"' not in text and 2 <= text.count('{"batch"') < 15
    assert not (killed / "graph.trig").exists()
    resumed = subprocess.run(cmd + ["--out", str(killed), "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "unchanged:" in resumed.stdout  # the committed batches were not extracted again
    subprocess.run(cmd + ["--out", str(whole)], check=True, capture_output=True)
    assert trig_without_times(killed / "graph.trig") == trig_without_times(whole / "graph.trig")
    assert (killed / "graph.gexf").read_bytes() == (whole / "graph.gexf").read_bytes()
    assert resumed.stdout.splitlines()[:3] == subprocess.run(
        cmd + ["--out", str(whole), "--force"], capture_output=True, text=True).stdout.splitlines()[:3]


@pytest.mark.slow
def test_dask_cluster_of_two_workers_gives_the_graph_of_jobs_1(domain_sample, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    one = tmp_path / "one"
    build([domain_sample], one, show_progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert len(cluster.scheduler_info["workers"]) == 2
        summary = build([domain_sample], tmp_path / "dask", show_progress=False, dask=cluster.scheduler_address,
                        batch_size=5)
    assert summary.papers == 24
    assert trig_without_times(one / "graph.trig") == trig_without_times(tmp_path / "dask" / "graph.trig")
    assert (one / "graph.gexf").read_bytes() == (tmp_path / "dask" / "graph.gexf").read_bytes()
