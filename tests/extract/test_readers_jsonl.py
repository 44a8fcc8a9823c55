"""JSON Lines reader on ../shared/corpus/domain and bench, and on hand-written records."""
from __future__ import annotations

import json
from pathlib import Path

from litkg.extract.readers import jsonl
from litkg.extract.records import Paper


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def test_domain_file(corpus) -> None:
    path = corpus("domain", "abstracts.jsonl")
    items = list(jsonl.read(path))
    assert len(items) == _count_lines(path) == 154
    assert all(isinstance(p, Paper) for p in items)
    p = items[0]
    first = json.loads(path.open(encoding="utf-8").readline())
    assert p.id == "doi:10.2196/64296" and p.doi == "10.2196/64296"
    assert p.title == first["title"] and p.abstract == first["abstract"]
    assert [a.name for a in p.authors] == first["authors"]
    assert p.affiliations == first["affiliations"]
    assert (p.date, p.journal, p.record, p.source) == ("2025", "JMIR mHealth and uHealth", 1, str(path))
    assert set(p.extra) == {"source", "affiliations_source"}  # fields the record type does not model


def test_bench_file(corpus) -> None:
    path = corpus("bench", "abstracts.jsonl")
    papers = list(jsonl.read(path))
    assert len(papers) == _count_lines(path) == 18508
    assert all(isinstance(p, Paper) and p.abstract for p in papers)
    assert papers[0].id == "pmid:10024335" and papers[0].date == "1999"
    untitled = [p for p in papers if not p.title]  # the text-classification subset: abstract only, own ids
    assert len(untitled) == 2888
    assert untitled[0].id == "medical_tc_test:1" and "condition_label" in untitled[0].extra


def test_author_objects_keep_their_affiliations(tmp_path: Path) -> None:
    rec = {"id": "x1", "title": "T", "affiliations": ["Univ A", "Univ B"],
           "authors": [{"name": "Ann One", "affiliations": ["Univ B"]},
                       {"name": "Bob Two", "affiliations": [0, "Univ C"], "orcid": "https://orcid.org/0000-0002-1825-0097"},
                       "Cy Three"],
           "year": "2021", "language": "zh", "pmid": 123, "mystery": {"a": 1}}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(rec) + "\n\n", encoding="utf-8")
    [p] = list(jsonl.read(path))
    assert p.id == "pmid:123" and p.language == "zh" and p.date == "2021"
    assert p.affiliations == ["Univ A", "Univ B", "Univ C"]
    assert [(a.name, a.affiliations) for a in p.authors] == [("Ann One", [1]), ("Bob Two", [0, 2]), ("Cy Three", [])]
    assert p.authors[1].orcid == "0000-0002-1825-0097"
    assert p.extra == {"mystery": {"a": 1}}


def test_wrong_field_types_are_rejected_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"title": "ok"}\n{"title": 5.5, "abstract": ["x"]}\n{"title": "t", "authors": [1]}\n',
                    encoding="utf-8")
    items = list(jsonl.read(path))
    assert isinstance(items[0], Paper)
    assert [(i.record, "abstract" in i.reason or "author" in i.reason) for i in items[1:]] == [
        ("line 2", True), ("line 3", True)]


def test_sniff() -> None:
    assert jsonl.sniff('{"id": 1}\n')
    assert jsonl.sniff('\n  {"title": "a"}')
    assert not jsonl.sniff('{\n  "pretty": true\n}')
    assert not jsonl.sniff("[1, 2]")
