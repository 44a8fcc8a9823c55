"""What the `litkg` command gives tools and people as it is: typed JSON, input errors before any job,
SPARQL parser messages, help that states every default, and the build folder as a store argument."""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from litkg.graph.cli import main, make_parser
from litkg.graph.cli_args import prepare

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
COUNTS = ("SELECT (COUNT(*) AS ?n) (1.5 AS ?f) (true AS ?b) ?u WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?u } } "
          "GROUP BY ?u")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A build folder of the seed paper that these tests may write exports into."""
    out = tmp_path_factory.mktemp("usability") / "kg"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    return out


def subparsers() -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


# 1. --format json gives typed values

def test_query_json_has_typed_values(built, capsys):
    assert main(["query", COUNTS, "--store", str(built / "store"), "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert isinstance(row["n"], int) and not isinstance(row["n"], bool) and row["n"] > 0
    assert row["f"] == 1.5 and row["b"] is True and row["u"] is None
    assert main(["query", "platform_effects", "--store", str(built / "store"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(isinstance(r["papers"], int) for r in rows)
    assert all(isinstance(r["platformLabel"], str) for r in rows)


def test_query_csv_and_table_are_unchanged(built, capsys):
    assert main(["query", COUNTS, "--store", str(built / "store"), "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header == "n,f,b,u" and row.endswith(",1.5,true,")
    assert main(["query", COUNTS, "--store", str(built / "store")]) == 0
    assert "true" in capsys.readouterr().out


def test_query_json_help_documents_the_values():
    text = subparsers()["query"].format_help()
    assert "typed" in text and "null" in text


# 2. a missing or unreadable input is an error, before any job starts

def _commands_with(bad: str, tmp_path: Path) -> list[list[str]]:
    return [["extract", bad, "-o", str(tmp_path / "x.jsonl")],
            ["build", bad, "--out", str(tmp_path / "x")],
            ["evaluate", str(SEED), bad],
            ["evaluate", bad, str(SEED)],  # the gold file is an input too
            ["suggest", bad],
            ["train", str(SEED), bad, "--out", str(tmp_path / "model")]]


@pytest.mark.parametrize("i", range(6))
def test_missing_input_is_one_error_and_nothing_is_created(i, tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # defaults such as ./output would land here
    argv = _commands_with("/nope.jsonl", work)[i]
    assert main(argv) == 1
    assert capsys.readouterr().err == "litkg: error: /nope.jsonl: no such file\n"
    assert list(work.iterdir()) == []


def test_a_folder_as_input_is_an_error(tmp_path, capsys):
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == f"litkg: error: {tmp_path}: not a file\n"
    assert not (tmp_path / "x").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_input_is_an_error(tmp_path, capsys):
    f = tmp_path / "secret.txt"
    f.write_text("x")
    f.chmod(0)
    assert main(["build", str(f), "--out", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err.startswith(f"litkg: error: {f}: not readable")
    assert not (tmp_path / "x").exists()


# 3. text that looks like SPARQL gets the parser's message

@pytest.mark.parametrize("text", ["SELEC ?x", "PREFIX x: <urn:x:> SELEC ?x", "{ ?s ?p ?o }", "select"])
def test_broken_sparql_gets_the_parser_message(text, built, capsys):
    assert main(["query", text, "--store", str(built)]) == 1
    err = capsys.readouterr().err
    assert "SPARQL syntax error" in err and "unknown query" not in err and err.count("\n") == 1


def test_an_unknown_name_lists_the_named_queries(built, capsys):
    assert main(["query", "platform_efects", "--store", str(built)]) == 1
    err = capsys.readouterr().err
    assert "unknown query 'platform_efects'" in err and "platform_effects" in err


# 4. help: descriptions, and every option states its default

def test_every_command_has_a_description():
    missing = [name for name, p in subparsers().items() if not p.description]
    assert not missing


def test_every_argument_is_explained_and_every_option_states_its_default():
    problems = []
    for name, p in subparsers().items():
        for a in p._actions:
            if isinstance(a, argparse._HelpAction):
                continue
            if not a.help:
                problems.append(f"{name} {a.dest}: no help")
            elif a.option_strings and not a.required and "default" not in a.help:
                problems.append(f"{name} {a.option_strings[-1]}: no default stated")
    assert not problems, "\n".join(problems)


def test_messages_count_in_good_english(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["extract", str(SEED), str(empty), "-o", str(tmp_path / "x.jsonl")]) == 3
    assert "litkg: 1 paper read, 1 skipped" in capsys.readouterr().err


# 5. the build folder stands for its store; default exports go beside the store

def test_the_build_folder_is_a_store_argument(built, capsys):
    assert main(["query", "platform_effects", "--store", str(built), "--format", "json"]) == 0
    via_folder = capsys.readouterr().out
    assert main(["query", "platform_effects", "--store", str(built / "store"), "--format", "json"]) == 0
    assert capsys.readouterr().out == via_folder and json.loads(via_folder)


@pytest.mark.parametrize("store", ["", "/store"])
def test_default_exports_go_to_the_build_folder(store, built, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "gexf", "--store", str(built) + store, "--force"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote: {built / 'cooccurrence.gexf'}"
    assert (built / "cooccurrence.gexf").stat().st_size > 0 and not (tmp_path / "output").exists()


def test_default_analysis_folder_is_in_the_build_folder(built):
    a = make_parser().parse_args(["analyze", "--store", str(built)])
    assert prepare(a).out == str(built / "analysis") and a.store == str(built / "store")
    a = make_parser().parse_args(["analyze"])
    assert prepare(a).out == str(Path("output") / "analysis") and a.store == "output/store"
    a = make_parser().parse_args(["serve", "--store", "http://example.org/sparql"])
    assert prepare(a).store == "http://example.org/sparql"


def test_store_help_names_the_build_folder():
    for name in ("query", "export", "analyze", "serve"):
        assert "build folder" in subparsers()[name].format_help(), name
