"""Soak run: 10,000 real records, 1% of them corrupted in varied ways, through ``litkg extract``.

The records come from ``../shared/corpus`` (JSON Lines of ``bench/``, and MEDLINE, RIS, PubMed XML and
PubMed text files), copied into ``tmp_path`` and corrupted there: truncated JSON, binary junk, a field
over the field limit, a line over the record limit, wrong types, empty and id-less records, Latin-1 and
lone-surrogate text, NUL bytes, undecodable bytes in the other formats. Then every good record must
be in the output (in order, repeats dropped), every bad one in the rejects file naming its file and
record with the expected reason, and papers + repeats + rejects = records read. The corrupted
id-less records that still have a title are good: they are kept under an id made from their text.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from litkg.extract.readers import Rejected, read_papers
from litkg.extract.readers._limits import MAX_FIELD_CHARS, MAX_RECORD_BYTES
from litkg.extract.records import Paper, make_id

pytestmark = pytest.mark.slow

TOTAL = 10_000
OTHER_FILES = [("medline", "p1m-ortho__citations-1.nbib"), ("ris", "asreview__schoot-lgmm-ptsd-included-2.ris"),
               ("ris", "asreview__Virus_Metagenomics_in_Farm_Animals-INCLUDED-v2.txt"),
               ("pubmed-xml", "p1m-ortho__pubmed_result.xml"),
               ("plaintext", "OliverCardiff-Literature_networks__pubmed_result.txt")]


@dataclass
class Damage:
    """One way to corrupt a JSON line: how, and the reason its reject must give (``None``: still a good record)."""

    name: str
    apply: Callable[[bytes, dict, random.Random], bytes]
    reason: str | None


def _dumps(d: object) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def _junk(rng: random.Random) -> bytes:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(20, 300)))
    return b"\x80" + data.replace(b"\n", b"\x00")  # never blank, never valid UTF-8 at its start


DAMAGES = [
    Damage("truncated JSON", lambda raw, d, rng: raw[: rng.randrange(5, len(raw) - 5)], r"not valid JSON"),
    Damage("binary junk", lambda raw, d, rng: _junk(rng), r"invalid UTF-8"),
    Damage("field over the field limit",
           lambda raw, d, rng: _dumps({**d, "abstract": "x " * (MAX_FIELD_CHARS // 2 + 1)}),
           r"record too large: its abstract has \d+ characters \(limit \d+\)"),
    Damage("wrong type: title", lambda raw, d, rng: _dumps({**d, "title": ["a", "list"]}),
           r"field 'title' must be a string"),
    Damage("wrong type: authors", lambda raw, d, rng: _dumps({**d, "authors": 42}), r"field 'authors' must be a list"),
    Damage("wrong type: keywords", lambda raw, d, rng: _dumps({**d, "keywords": {"a": 1}}),
           r"field 'keywords' must be a list of strings"),
    Damage("not an object", lambda raw, d, rng: _dumps([d.get("title"), d.get("id")]), r"a JSON list, not an object"),
    Damage("empty record", lambda raw, d, rng: b"{}", r"neither a title nor an abstract"),
    Damage("no id, no text", lambda raw, d, rng: _dumps({k: v for k, v in d.items() if k not in
                                                        ("id", "doi", "pmid", "title", "abstract")}),
           r"neither a title nor an abstract"),
    Damage("Latin-1 text", lambda raw, d, rng: _dumps({**d, "title": d.get("title", "") + " caf\u00e9"})
           .decode("utf-8").encode("latin-1", "replace"), r"invalid UTF-8"),
    Damage("lone surrogate", lambda raw, d, rng: json.dumps({**d, "title": "x \ud800 y"}).encode(), r"lone surrogate"),
    Damage("NUL byte", lambda raw, d, rng: raw.replace(b'"title": "', b'"title": "\x00', 1), r"not valid JSON"),
    Damage("no id (kept)", lambda raw, d, rng: _dumps({k: v for k, v in d.items() if k not in ("id", "doi", "pmid")}),
           None),
]
HUGE = Damage("line over the record limit",
              lambda raw, d, rng: _dumps({**d, "abstract": "y" * (MAX_RECORD_BYTES + 10)}),
              r"record too large \(\d+ bytes; limit \d+\)")


def _other(tmp_path: Path, corpus, rng: random.Random, bad: dict) -> tuple[list[Path], list[Paper]]:
    """Copy the other-format files, spoiling a few records of each by an undecodable byte (or, in XML, a field
    over the field limit); ``bad`` gets ``(file, record) -> reason pattern`` of each."""
    paths: list[Path] = []
    kept: list[Paper] = []
    for folder, name in OTHER_FILES:
        src = corpus(folder, name)
        dst = tmp_path / name
        papers = [p for p in read_papers([src]) if isinstance(p, Paper)]
        spoil = set(rng.sample(range(len(papers)), 3 if len(papers) > 100 else 2))
        if folder == "pubmed-xml":
            text = src.read_text(encoding="utf-8")
            for k in sorted(spoil):  # the k-th article's first abstract section grows past the field limit
                start = text.index(f"<PMID Version=\"1\">{papers[k].pmid}</PMID>")
                cut = text.index("</AbstractText>", start)
                text = text[:cut] + " w" * (MAX_FIELD_CHARS // 2) + text[cut:]
                bad[(str(dst), f"record {papers[k].record}")] = r"record too large: its abstract has"
            dst.write_text(text, encoding="utf-8")
        else:
            lines = src.read_bytes().split(b"\n")
            for k in spoil:  # the first line of the record ends in a byte that is not UTF-8
                lines[papers[k].record - 1] += b"\xff"
                bad[(str(dst), f"line {papers[k].record}")] = r"invalid UTF-8"
            dst.write_bytes(b"\n".join(lines))
        paths.append(dst)
        kept.extend(p for i, p in enumerate(papers) if i not in spoil)
    return paths, kept


def test_soak_10000_records_with_1_percent_corrupted(tmp_path: Path, corpus, capsys) -> None:
    from litkg.graph.cli import main

    rng = random.Random(20240611)
    bad: dict[tuple[str, str], str] = {}
    others, other_papers = _other(tmp_path, corpus, rng, bad)
    n_other = len(other_papers) + len(bad)
    n_json = TOTAL - n_other
    with corpus("bench", "abstracts.jsonl").open("rb") as fh:
        lines = [next(fh).rstrip(b"\n") for _ in range(n_json)]
    n_bad_json = TOTAL // 100 - len(bad)
    damaged = sorted(rng.sample(range(n_json), n_bad_json))
    jsonl = tmp_path / "bench.jsonl"
    tolerated: dict[int, str] = {}  # line index -> the id the record must get
    for i, at in enumerate(damaged):
        damage = HUGE if i in (7, 50) else DAMAGES[i % len(DAMAGES)]
        d = json.loads(lines[at])
        lines[at] = damage.apply(lines[at], d, rng)
        if damage.reason is None:
            title, abstract = (d.get("title") or "").strip(), (d.get("abstract") or "").strip()
            tolerated[at] = make_id(fallback_text=title + abstract)
        else:
            bad[(str(jsonl), f"line {at + 1}")] = damage.reason
    jsonl.write_bytes(b"\n".join(lines) + b"\n")
    assert sum(1 for _ in jsonl.open("rb")) == n_json and n_json + n_other == TOTAL
    assert len(bad) + len(tolerated) == TOTAL // 100

    # what must come out: every good record, in input order, the first of each id
    expected: list[str] = []
    for at, raw in enumerate(lines):
        if at in tolerated:
            expected.append(tolerated[at])
        elif (str(jsonl), f"line {at + 1}") not in bad:
            expected.append(json.loads(raw)["id"])  # "PMID:n" in bench/, the id litkg gives too (compared lower-case)
    expected.extend(p.id for p in other_papers)
    seen: set[str] = set()
    unique = [i for i in expected if not (i.lower() in seen or seen.add(i.lower()))]

    out = tmp_path / "out.jsonl"
    assert main(["extract", str(jsonl), *map(str, others), "-o", str(out), "--no-open"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    got = [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()]
    rejects = [json.loads(l) for l in (tmp_path / "out.rejects.jsonl").read_text(encoding="utf-8").splitlines()]

    assert [g.lower() for g in got] == [u.lower() for u in unique]  # every good record, once, in order
    by_place = {(r["path"], r["record"]): r["reason"] for r in rejects}
    assert len(by_place) == len(rejects) == len(bad)
    for place, pattern in bad.items():  # every bad record, named, with its reason
        assert place in by_place, f"not rejected: {place}"
        assert re.search(pattern, by_place[place]), (place, by_place[place])
    assert len(got) + (len(expected) - len(unique)) + len(rejects) == TOTAL  # papers + repeats + rejects
    assert f"litkg: {len(got)} papers read, {len(rejects)} skipped" in err
    print(f"soak: {TOTAL} records, {len(bad) + len(tolerated)} corrupted: {len(rejects)} rejected with the expected "
          f"reason, {len(tolerated)} kept under a derived id; {len(got)} papers out, {len(expected) - len(unique)} repeats")
