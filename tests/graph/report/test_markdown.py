"""The Markdown of report.md."""
from __future__ import annotations

from litkg.graph.report.markdown import md_table


def test_md_table_escapes_pipes_and_rounds_floats():
    text = md_table([{"a": "x|y", "b": 1 / 3}], ["a", "b"], ["A", "B"])
    assert text.splitlines() == ["| A | B |", "|---|---|", "| x\\|y | 0.333 |"]
    assert md_table([], ["a"]) == "_(none)_\n"
