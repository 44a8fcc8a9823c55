"""Gold sets: the annotated entities of papers, as ids, strings and character offsets.

A gold file is JSON Lines, one paper a line, in the shape ``shared/tools/score.py``
reads: ``{"id", "entities": {type: [strings]}}``. :func:`locate` adds where each
string stands in the paper's own text, ``"spans": [{"type", "text", "field",
"start", "end"}]`` with ``paper.field_text(field)[start:end] == text``, so that
the texts can stay in the corpus while the gold keeps ids, strings and offsets.

Command line (annotation work)::

    python -m litkg.extract.gold show INPUT... --ids ID [ID ...]   # print titles and abstracts to annotate
    python -m litkg.extract.gold check GOLD.jsonl INPUT...         # every string verbatim in its paper?
    python -m litkg.extract.gold locate GOLD.jsonl INPUT... -o OUT # add character offsets
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from litkg.extract.records import Paper
from litkg.extract.results import TYPES


def norm_id(paper_id: str) -> str:
    """A paper id compared loosely: lower case, without a ``doi:`` or ``https://doi.org/`` prefix.

    >>> norm_id("doi:10.1017/S2045796015001067")
    '10.1017/s2045796015001067'
    """
    i = paper_id.strip().lower()
    for prefix in ("doi:", "https://doi.org/", "http://doi.org/"):
        if i.startswith(prefix):
            return i[len(prefix):]
    return i


def read_gold(path: str | Path) -> list[dict]:
    """The records of a gold file, in file order."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def papers_by_id(inputs: Iterable[str | Path]) -> dict[str, Paper]:
    """Every paper of the inputs by its loose id (:func:`norm_id`)."""
    from litkg.extract.readers import Rejected, read_papers

    return {norm_id(p.id): p for p in read_papers(inputs) if not isinstance(p, Rejected)}


def _fields(paper: Paper, type_: str) -> list[str]:
    names = [name for name, _, _ in paper.text_fields() if not name.startswith("translation[")]
    own = [n for n in names if not n.startswith("affiliation[")]
    return names if type_ == "institution" else own


def find_span(paper: Paper, type_: str, text: str) -> dict | None:
    """Where ``text`` first stands in the paper (exact, else ignoring case), or ``None``."""
    for exact in (True, False):
        for name in _fields(paper, type_):
            field_text = paper.field_text(name)
            hay, needle = (field_text, text) if exact else (field_text.lower(), text.lower())
            start = hay.find(needle)
            if start >= 0:
                return {"type": type_, "text": field_text[start:start + len(text)], "field": name,
                        "start": start, "end": start + len(text)}
    return None


def locate(record: dict, paper: Paper) -> tuple[dict, list[str]]:
    """The gold record with ``spans`` added, and the strings that were not found verbatim."""
    spans, missing = [], []
    for type_ in TYPES:
        for text in record.get("entities", {}).get(type_, []):
            span = find_span(paper, type_, text)
            if span is None:
                missing.append(f"{type_}: {text!r}")
            else:
                spans.append(span)
    return {**record, "spans": spans}, missing


def check(records: list[dict], papers: dict[str, Paper]) -> Iterator[str]:
    """Problems of a gold set: unknown papers, unknown types, strings not in their paper."""
    seen: set[str] = set()
    for rec in records:
        key = norm_id(rec["id"])
        if key in seen:
            yield f"{rec['id']}: annotated twice"
        seen.add(key)
        paper = papers.get(key)
        if paper is None:
            yield f"{rec['id']}: no such paper in the inputs"
            continue
        for type_ in rec.get("entities", {}):
            if type_ not in TYPES:
                yield f"{rec['id']}: unknown type {type_!r}"
        for problem in locate(rec, paper)[1]:
            yield f"{rec['id']}: not in the text: {problem}"


def main(argv: list[str] | None = None) -> int:
    """``python -m litkg.extract.gold``: show, check and locate gold annotations."""
    ap = argparse.ArgumentParser(prog="python -m litkg.extract.gold", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("show", help="print the title and abstract of papers to annotate")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--ids", nargs="+", required=True)
    p = sub.add_parser("check", help="list strings that do not stand verbatim in their paper")
    p.add_argument("gold")
    p.add_argument("inputs", nargs="+")
    p = sub.add_parser("locate", help="write the gold with character offsets added")
    p.add_argument("gold")
    p.add_argument("inputs", nargs="+")
    p.add_argument("-o", "--output", required=True)
    a = ap.parse_args(argv)
    papers = papers_by_id(a.inputs)
    if a.cmd == "show":
        for i in a.ids:
            paper = papers.get(norm_id(i))
            if paper is None:
                print(f"== {i}: not found", file=sys.stderr)
                continue
            affiliations = "".join(f"AFFILIATION[{k}]: {aff}\n" for k, aff in enumerate(paper.affiliations))
            print(f"== {paper.id}\nTITLE: {paper.title}\nABSTRACT: {paper.abstract}\n{affiliations}")
        return 0
    records = read_gold(a.gold)
    if a.cmd == "check":
        problems = list(check(records, papers))
        count = f"{len(records)} paper{'' if len(records) == 1 else 's'}"
        print("\n".join(problems) or f"{count}, every string found")
        return 1 if problems else 0
    from litkg.extract.outputs import atomic_write

    lost = 0
    with atomic_write(a.output) as fh:
        for rec in records:
            paper = papers.get(norm_id(rec["id"]))
            out, missing = locate(rec, paper) if paper else ({**rec, "spans": []}, ["paper not found"])
            lost += len(missing)
            for m in missing:
                print(f"{rec['id']}: not located: {m}", file=sys.stderr)
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
