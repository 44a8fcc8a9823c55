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
