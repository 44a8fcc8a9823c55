"""The extraction jobs: progress a log can show, rejects written atomically."""
from __future__ import annotations

import json

from litkg.extract.jobs import ReadReport, progress
from litkg.extract.readers import Rejected


def test_progress_prints_lines_when_stderr_is_not_a_terminal(capsys):
    items = list(progress(range(5), desc="build", every=0.0))  # pytest's stderr is no terminal
    assert items == [0, 1, 2, 3, 4]
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines and all(line.startswith("litkg: build: ") and "records/s" in line for line in lines)
    assert lines[-1].startswith("litkg: build: 5 records")


def test_progress_can_be_silenced(capsys):
    assert list(progress(range(3), enabled=False, every=0.0)) == [0, 1, 2]
    assert capsys.readouterr().err == ""


def test_rejects_file_speaks_of_the_latest_run(tmp_path):
    path = tmp_path / "rejects.jsonl"
    report = ReadReport()
    report.rejected.append(Rejected("in.jsonl", "line 3", "not JSON"))
    report.write_rejects(path)
    assert json.loads(path.read_text())["reason"] == "not JSON"
    ReadReport().write_rejects(path)
    assert not path.exists()
