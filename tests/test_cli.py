"""The `litkg` command: help everywhere, one-line errors, no overwrite without --force."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from litkg.graph.cli import main, make_parser

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "litkg.graph.cli", *args], capture_output=True, text=True, cwd=ROOT)


def subcommands() -> list[str]:
    """The subcommands the parser of `litkg` declares: a new command is covered without editing this file."""
    (sub,) = [a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


COMMANDS = subcommands()


def test_the_commands_are_found():
    known = {"extract", "build", "query", "queries", "export", "analyze", "serve", "suggest", "evaluate"}
    assert known <= set(COMMANDS)


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0 and out.startswith("usage: litkg")
    assert all(f"    {cmd} " in out or f"    {cmd}\n" in out for cmd in COMMANDS), out


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help(cmd, capsys):
    with pytest.raises(SystemExit) as e:
        main([cmd, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: litkg " + cmd) and "-h, --help" in out


def test_extract_to_stdout_and_file(tmp_path, capsys):
    assert main(["extract", str(SEED)]) == 0
    obj = json.loads(capsys.readouterr().out.splitlines()[0])
    assert obj["id"] == "doi:10.1017/S2045796015001067"
    keys = {"type", "text", "start", "end", "field", "lang", "concept", "sentence", "hedged", "negated"}
    assert obj["mentions"] and all(keys <= set(m) for m in obj["mentions"])
    assert {m["field"] for m in obj["translation_mentions"]} == {"translation[zh]"}
    out = tmp_path / "x.jsonl"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert main(["extract", str(SEED), "-o", str(out)]) == 1  # exists, no --force
    assert "use --force" in capsys.readouterr().err


def test_errors_are_one_line_without_traceback(tmp_path, capsys):
    # once through a real process (what a user sees: exit status and stderr) ...
    r = run("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path / "nothing"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "no litkg store" in r.stderr
    # ... the rest in-process: an exception escaping main would fail the test as a traceback would
    assert main(["query", "no-such-query", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "unknown query" in err and err.strip().count("\n") == 0 and "Traceback" not in err


def test_missing_input_is_an_error_that_creates_nothing(tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    code = main(["extract", str(SEED), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert code == 1
    assert capsys.readouterr().err == f"litkg: error: {tmp_path / 'missing.txt'}: no such file\n"
    assert list(tmp_path.iterdir()) == []


def test_bad_input_is_skipped_and_reported(tmp_path, capsys):
    out, empty = tmp_path / "x.jsonl", tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["extract", str(SEED), str(empty), "-o", str(out)])
    assert code == 3
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "1 paper read, 1 skipped" in err
    assert len(out.read_text().splitlines()) == 1  # the good file still went through
    rejects = (tmp_path / "x.rejects.jsonl").read_text().splitlines()
    assert json.loads(rejects[0])["reason"] == "empty file"


def test_build_and_query(tmp_path, capsys):
    assert main(["build", str(SEED), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "papers: 1" in out and "triples:" in out
    assert main(["query", "platform_effects", "--store", str(tmp_path / "store"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(r["platformLabel"] == "Twitter" and r["type"] == "risk" for r in rows)
    assert main(["query", "evidence", "--store", str(tmp_path / "store"), "--format", "csv",
                 "--param", "concept=https://w3id.org/litkg/concept/platform/facebook"]) == 0
    csv_out = capsys.readouterr().out.splitlines()
    assert csv_out[0].startswith("concept,paper,field,exact") and "Facebook" in csv_out[1]
