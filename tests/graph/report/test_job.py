"""``litkg analyze``: the folder of tables, pictures and report.md, and the command."""
from __future__ import annotations

import csv
import doctest
import importlib

import pytest

from litkg.graph import report as R
from litkg.graph.store import GraphStore


@pytest.fixture(scope="module")
def domain(domain_store_dir) -> GraphStore:
    return GraphStore(domain_store_dir, read_only=True)


@pytest.mark.parametrize("name", ["job", "markdown", "plots"])
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(f"litkg.graph.report.{name}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_analyze_writes_report_pictures_and_tables(domain, tmp_path):
    result = R.analyze(domain, tmp_path)
    for name in R.OUTPUTS:
        assert (tmp_path / name).exists(), name
    for png in ("cooccurrence.png", "platform_effects.png", "trends.png"):
        data = (tmp_path / png).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "![concept co-occurrence](cooccurrence.png)" in report and "most connected concept" in report
    with open(tmp_path / "concepts.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == result.summary["concepts"] and {"label", "community", "betweenness"} <= set(rows[0])
    with open(tmp_path / "platform_effects.csv", encoding="utf-8") as fh:
        pe = list(csv.DictReader(fh))
    assert {"asserted", "hedged", "negated"} <= set(pe[0])


def test_analyze_command_refuses_to_overwrite(domain_store_dir, tmp_path, capsys):
    from litkg.graph.cli import main

    out = tmp_path / "a"
    assert main(["analyze", "--store", str(domain_store_dir), "--out", str(out), "--lang", "zh"]) == 0
    assert (out / "report.md").exists()
    assert main(["analyze", "--store", str(domain_store_dir), "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err


def test_empty_store_gives_a_report_too(tmp_path):
    result = R.analyze(GraphStore(), tmp_path)
    assert result.summary["papers"] == 0 and (tmp_path / "report.md").exists()
    assert [p.name for p in result.files][:1] == ["report.md"] and len(result.files) == len(R.OUTPUTS)


def test_export_and_analyze_share_min_papers_and_community_numbers(domain, domain_store_dir, tmp_path):
    """One --min-papers default, one community numbering: report tables, GEXF and VOSviewer clusters agree."""
    import networkx as nx

    from litkg.graph.analysis import DEFAULT_MIN_PAPERS
    from litkg.graph.cli import main, make_parser

    parser = make_parser()
    defaults = {cmd: parser.parse_args([cmd, "--format", "gexf"] if cmd == "export" else [cmd]).min_papers
                for cmd in ("export", "analyze")}
    assert defaults == {"export": DEFAULT_MIN_PAPERS, "analyze": DEFAULT_MIN_PAPERS}
    R.analyze(domain, tmp_path / "a")
    with open(tmp_path / "a" / "concepts.csv", encoding="utf-8") as fh:
        report = {r["id"]: int(r["community"]) for r in csv.DictReader(fh)}
    gexf = tmp_path / "co.gexf"
    assert main(["export", "--format", "gexf", "--store", str(domain_store_dir), "-o", str(gexf)]) == 0
    exported = {n: int(d["community"]) for n, d in nx.read_gexf(gexf).nodes(data=True)}
    assert exported == report and min(report.values()) == 1
    vos = tmp_path / "co.vosviewer"
    assert main(["export", "--format", "vosviewer", "--store", str(domain_store_dir), "-o", str(vos)]) == 0
    lines = [l.split("\t") for l in (tmp_path / "co.map.txt").read_text(encoding="utf-8").splitlines()]
    cl = lines[0].index("cluster")
    assert sorted(int(r[cl]) for r in lines[1:]) == sorted(report.values())
