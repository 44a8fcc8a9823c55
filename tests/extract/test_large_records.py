"""Records too large to read: every reader rejects them by name and goes on, holding at most the record limit.

The limits are :data:`litkg.extract.readers._limits.MAX_RECORD_BYTES` (a record as stored in its file) and
``MAX_FIELD_CHARS`` (one text field). Big inputs are written here, in ``tmp_path``, a little over the
real limit; tests of many small lines adding up lower the limit instead. The peak memory of a 100 MB
record is measured in a fresh process (marked slow).
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
import warnings
from io import BytesIO
from pathlib import Path
from typing import Callable

import pytest

from litkg.extract.errors import InputError
from litkg.extract.readers import Rejected, _limits, read_papers
from litkg.extract.readers._limits import MAX_FIELD_CHARS, MAX_RECORD_BYTES, RAW_PREFIX_CHARS, bounded_lines
from litkg.extract.records import Paper

BIG = MAX_RECORD_BYTES + 1000


# --- one file of three records, the middle one holding `body` as its abstract, for each format -------------

def _jsonl(i: int, body: str) -> str:
    return '{"id": "r%d", "title": "Title %d", "abstract": "%s"}\n' % (i, i, body)


def _medline(i: int, body: str) -> str:
    return f"PMID- {i}\nTI  - Title {i}.\nAB  - {body}\nFAU - Doe, Jane\nAU  - Doe J\nSO  - J Test. 2020;1:1-2.\n\n"


def _ris(i: int, body: str) -> str:
    return f"TY  - JOUR\nAU  - Doe, J.\nTI  - Title {i}\nAB  - {body}\nPY  - 2020\nER  - \n\n"


def _pubmed_text(i: int, body: str) -> str:
    return (f"{i}. J Test. 2020 Jan;1(2):3-4. doi: 10.1000/t{i}.\n\nTitle {i}.\n\nDoe J(1).\n\n"
            f"Author information: \n(1)University A, Town.\n\nBACKGROUND: {body}\n\nPMID: {i} \n\n\n")


def _seed(i: int, body: str) -> str:
    return (f"University A, Town, Country.\n"
            f"J Online Peer Support. 2021 Mar;4(1):10-20. doi: 10.9999/seed.{i}. Epub 2021 Feb 2.\n"
            f"Forums number {i} reduced loneliness {body}.\n\n")


def _xml_article(i: int, body: str) -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{i}</PMID><Article><ArticleTitle>Title {i}</ArticleTitle>"
            f"<Abstract><AbstractText>{body}</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>\n")


def _xml(records: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{records}</PubmedArticleSet>\n'


FORMATS: dict[str, tuple[Callable[[int, str], str], str, Callable[[str], str]]] = {
    "jsonl": (_jsonl, "a.jsonl", str), "medline": (_medline, "a.nbib", str), "ris": (_ris, "a.ris", str),
    "pubmed-text": (_pubmed_text, "a.txt", str), "abstract-text": (_seed, "seed.txt", str),
    "pubmed-xml": (_xml_article, "a.xml", _xml),
}


def _three(fmt: str, body: str) -> str:
    make, _, wrap = FORMATS[fmt]
    return wrap(make(1, "Short abstract one.") + make(2, body) + make(3, "Short abstract three."))


def _write(tmp_path: Path, fmt: str, text: str, gz: bool = False, encoding: str = "utf-8") -> Path:
    path = tmp_path / (FORMATS[fmt][1] + (".gz" if gz else ""))
    data = text.encode(encoding)
    path.write_bytes(gzip.compress(data, compresslevel=1) if gz else data)
    return path


def _split(items: list) -> tuple[list[Paper], list[Rejected]]:
    return [i for i in items if isinstance(i, Paper)], [i for i in items if isinstance(i, Rejected)]


def _assert_middle_rejected(items: list, path: Path, unit: str = "line") -> Rejected:
    papers, rejects = _split(items)
    assert len(papers) == 2 and len(rejects) == 1, [getattr(r, "reason", r) for r in items]
    assert "1" in papers[0].title + papers[0].abstract and "3" in papers[1].title + papers[1].abstract
    r = rejects[0]
    assert r.path == str(path) and r.record and r.record.startswith(unit + " ")
    assert r.reason.startswith("record too large (") and f"; limit {_limits.record_limit()})" in r.reason
    assert r.raw is None or len(r.raw) <= RAW_PREFIX_CHARS + 1
    return r


# --- a record over the limit in one long line ------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_record_over_the_limit_is_rejected_and_the_others_are_read(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt, _three(fmt, "x" * BIG))
    r = _assert_middle_rejected(list(read_papers([path])), path, "record" if fmt == "pubmed-xml" else "line")
    size = int(r.reason.split("(")[1].split()[0])
    assert BIG < size < BIG + 500  # the record's size in the file is named


@pytest.mark.parametrize("fmt", ["jsonl", "medline", "pubmed-xml"])
def test_a_gzipped_record_over_the_limit_is_rejected(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt, _three(fmt, "y" * BIG), gz=True)
    _assert_middle_rejected(list(read_papers([path])), path, "record" if fmt == "pubmed-xml" else "line")


@pytest.mark.parametrize("fmt", ["jsonl", "ris", "abstract-text"])
def test_a_utf16_record_over_the_limit_is_rejected(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt, "\ufeff" + _three(fmt, "z" * BIG), encoding="utf-16-le")
    _assert_middle_rejected(list(read_papers([path])), path)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_record_just_under_the_limit_is_read(tmp_path: Path, fmt: str, monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 20_000)
    monkeypatch.setattr(_limits, "MAX_FIELD_CHARS", 20_000)
    body = "word " * 3000  # 15,000 bytes: the record is a little larger, under 20,000
    papers, rejects = _split(list(read_papers([_write(tmp_path, fmt, _three(fmt, body))])))
    assert len(papers) == 3 and not rejects
    assert body.strip() in papers[1].abstract


def test_strict_mode_raises_on_a_record_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "jsonl", _three("jsonl", "x" * BIG))
    with pytest.raises(InputError, match=r"record too large \(\d+ bytes; limit \d+\)"):
        list(read_papers([path], strict=True))


# --- a record over the limit in many short lines ---------------------------------------------------------

LINES = {
    "medline": lambda body: body.replace(" ", "\n      "),  # continuation lines
    "ris": lambda body: body.replace(" ", "\n"),  # lines without a tag continue the field
    "pubmed-text": lambda body: body.replace(" ", "\n"),  # wrapped abstract lines
    "abstract-text": lambda body: body.replace(" ", "\n"),
}


@pytest.mark.parametrize("fmt", list(LINES))
def test_many_short_lines_adding_up_over_the_limit_are_a_record_too_large(tmp_path: Path, fmt: str,
                                                                          monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 4096)
    body = LINES[fmt](" ".join(f"word{i}" for i in range(2000)))
    path = _write(tmp_path, fmt, _three(fmt, body))
    r = _assert_middle_rejected(list(read_papers([path])), path)
    assert int(r.reason.split("(")[1].split()[0]) > 14_000  # every line counted, none held


def test_abstract_text_paragraphs_adding_up_over_the_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 4096)
    paragraphs = "\n\n".join("A paragraph of the abstract number %d goes on. " % i * 4 for i in range(40))
    path = _write(tmp_path, "abstract-text", _three("abstract-text", paragraphs))
    _assert_middle_rejected(list(read_papers([path])), path)


def test_a_long_seed_file_with_cr_line_endings_is_read_line_by_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 2048)
    text = "".join(_seed(i, "and more words " * 5) for i in range(1, 120)).replace("\n", "\r")
    path = tmp_path / "mac.txt"
    path.write_bytes(text.encode())
    assert len(text) > 10 * 2048  # one "line" to a reader that splits at "\n" only
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 119 and not rejects


def test_medline_record_over_the_limit_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "medline", _medline(1, "ok") + _medline(2, "x" * BIG).rstrip("\n"))
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 1 and len(rejects) == 1 and rejects[0].reason.startswith("record too large")


def test_ris_record_over_the_limit_without_er(tmp_path: Path) -> None:
    path = _write(tmp_path, "ris", _ris(1, "ok") + f"TY  - JOUR\nTI  - T\nAB  - {'x' * BIG}\n" + _ris(3, "ok"))
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 2 and len(rejects) == 1 and rejects[0].reason.startswith("record too large")


# --- PubMed XML: text, attributes, nesting -------------------------------------------------------------

def test_xml_text_spread_over_many_elements_adds_up(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 4096)
    many = "".join(f"<Keyword>keyword {i}</Keyword>" for i in range(500))
    big = _xml_article(2, "abstract").replace("</MedlineCitation>",
                                              f"<KeywordList>{many}</KeywordList></MedlineCitation>")
    path = _write(tmp_path, "pubmed-xml", _xml(_xml_article(1, "a") + big + _xml_article(3, "b")))
    _assert_middle_rejected(list(read_papers([path])), path, "record")


def test_xml_huge_text_between_records_is_not_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "pubmed-xml", _xml(_xml_article(1, "a") + " " * BIG + _xml_article(2, "b")))
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 2 and not rejects


def test_xml_attribute_over_the_limit_is_a_record_too_large(tmp_path: Path) -> None:
    huge = _xml_article(2, "b").replace("<Article>", f'<Article Note="{"q" * BIG}">')
    path = _write(tmp_path, "pubmed-xml", _xml(_xml_article(1, "a") + huge + _xml_article(3, "c")))
    _assert_middle_rejected(list(read_papers([path])), path, "record")


def test_xml_tag_far_over_the_limit_rejects_the_rest_of_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_limits, "MAX_RECORD_BYTES", 4096)  # the parser must hold a tag whole: it stops
    huge = _xml_article(2, "b").replace("<Article>", f'<Article Note="{"q" * 400_000}">')
    path = _write(tmp_path, "pubmed-xml", _xml(_xml_article(1, "a") + huge + _xml_article(3, "c")))
    papers, rejects = _split(list(read_papers([path])))
    assert [p.pmid for p in papers] == ["1"]
    assert len(rejects) == 1 and rejects[0].record == "record 2"
    assert "record too large" in rejects[0].reason and "rest of the file" in rejects[0].reason


def test_xml_bare_article_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "pubmed-xml", _xml_article(1, "x" * BIG))
    papers, rejects = _split(list(read_papers([path])))
    assert not papers and len(rejects) == 1 and rejects[0].record == "record 1"


# --- text fields over MAX_FIELD_CHARS -------------------------------------------------------------------

@pytest.mark.parametrize("field,record", [
    ("title", {"title": "t" * (MAX_FIELD_CHARS + 1)}),
    ("abstract", {"title": "t", "abstract": "a " * (MAX_FIELD_CHARS // 2 + 1)}),
    ("affiliation[0]", {"title": "t", "affiliations": ["u" * (MAX_FIELD_CHARS + 1)]}),
    ("translation[zh]", {"title": "t", "translations": {"zh": "\u4e2d" * (MAX_FIELD_CHARS + 1)}}),
])
def test_a_text_field_over_the_field_limit_is_rejected(tmp_path: Path, field: str, record: dict) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(_jsonl(1, "ok") + json.dumps({"id": "big", **record}) + "\n" + _jsonl(3, "ok"))
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 2 and len(rejects) == 1
    assert rejects[0].record == "line 2"
    assert rejects[0].reason.startswith(f"record too large: its {field} has ")
    assert f"(limit {MAX_FIELD_CHARS})" in rejects[0].reason


def test_a_text_field_at_the_field_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "edge", "title": "t", "abstract": "a" * MAX_FIELD_CHARS}) + "\n")
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 1 and not rejects


def test_xml_field_over_the_field_limit_names_the_record(tmp_path: Path) -> None:
    path = _write(tmp_path, "pubmed-xml", _three("pubmed-xml", "w" * (MAX_FIELD_CHARS + 1)))
    papers, rejects = _split(list(read_papers([path])))
    assert len(papers) == 2 and [r.record for r in rejects] == ["record 2"]


# --- bounded_lines ---------------------------------------------------------------------------------------

def _lines(data: bytes, limit: int, universal: bool = False) -> list[tuple[bytes, int]]:
    return list(bounded_lines(BytesIO(data), limit, universal))


def test_bounded_lines_keeps_lines_up_to_the_limit_and_counts_longer_ones() -> None:
    # a longer line: its first bytes (up to the limit + 1 here, RAW_PREFIX_CHARS at most) and its line ending
    assert _lines(b"abc\n" + b"x" * 20 + b"\nend", 8) == [(b"abc\n", 4), (b"x" * 9 + b"\n", 21), (b"end", 3)]
    assert _lines(b"1234567\n", 8) == [(b"1234567\n", 8)]  # limit bytes with the line ending: kept
    assert _lines(b"12345678\n", 8) == [(b"12345678\n", 9)]  # one over: the caller rejects it
    assert _lines(b"x" * 100, 8) == [(b"x" * 9, 100)]  # at the end of the file, no line ending


def test_bounded_lines_drops_the_rest_of_a_long_line() -> None:
    data = b"y" * (RAW_PREFIX_CHARS * 5) + b"\r\n" + b"next\n"
    (raw, size), nxt = _lines(data, RAW_PREFIX_CHARS * 2)
    assert raw == b"y" * RAW_PREFIX_CHARS + b"\r\n" and size == RAW_PREFIX_CHARS * 5 + 2
    assert nxt == (b"next\n", 5)


def test_bounded_lines_universal_splits_long_cr_runs_and_keeps_crlf_whole() -> None:
    data = b"".join(b"line %d\r" % i for i in range(30)) + b"last\r\nafter\n"
    pieces = _lines(data, 20, universal=True)
    assert b"".join(raw for raw, _ in pieces) == data
    assert all(size <= 20 for _, size in pieces[:-1])
    long_cr = b"z" * 50 + b"\r\nok\r" + b"w" * 50 + b"\r"
    pieces = _lines(long_cr, 16, universal=True)
    assert [raw[-1:] for raw, _ in pieces] == [b"\r", b"\r", b"\r"] and pieces[1] == (b"ok\r", 3)
    assert pieces[0][1] > 16 and pieces[2][1] > 16  # the long lines, counted
    crlf_at_the_limit = _lines(b"a" * 20 + b"\r\nnext\r", 20, universal=True)
    assert [raw for raw, _ in crlf_at_the_limit] == [b"a" * 20 + b"\r", b"next\r"]


# --- the pipeline and the commands ----------------------------------------------------------------------

def test_pipeline_rejects_a_text_over_spacy_max_length() -> None:
    from litkg.extract.pipeline import extract_papers

    big = Paper(id="big", title="t", abstract="x. " * 400_000)
    small = Paper(id="small", title="Apps reduced anxiety.")
    seen: list[tuple[str, str]] = []
    out = list(extract_papers([big, small], open_extraction=False, on_reject=lambda p, why: seen.append((p.id, why))))
    assert [e.paper.id for e in out] == ["small"]
    assert seen and seen[0][0] == "big" and "spaCy's limit 1000000" in seen[0][1]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = list(extract_papers([big, small], open_extraction=False))
    assert [e.paper.id for e in out] == ["small"] and "skipped paper big" in str(caught[0].message)


def _good_jsonl(tmp_path: Path) -> Path:
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"id": f"g{i}", "title": f"Apps {i}", "abstract": "Apps reduced anxiety."})
                            + "\n" for i in range(3)))
    return good


def _big_jsonl(tmp_path: Path) -> Path:
    """The issue's reproduction: one abstract of 1,200,000 characters."""
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"id": "a", "title": "t", "abstract": "x. " * 400000}) + "\n")
    return big


def test_extract_command_rejects_the_big_record_and_keeps_the_rest(tmp_path: Path, capsys) -> None:
    from litkg.graph.cli import main

    out = tmp_path / "o.jsonl"
    assert main(["extract", str(_good_jsonl(tmp_path)), str(_big_jsonl(tmp_path)), "-o", str(out), "--no-open"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "E088" not in err and "line 1: record too large" in err
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == ["g0", "g1", "g2"]
    rejects = [json.loads(l) for l in (tmp_path / "o.rejects.jsonl").read_text().splitlines()]
    assert len(rejects) == 1 and rejects[0]["path"].endswith("big.jsonl") and rejects[0]["record"] == "line 1"


@pytest.mark.slow
def test_extract_command_on_the_domain_corpus_with_the_big_record(tmp_path: Path, corpus) -> None:
    """The issue's reproduction, on the 154 real abstracts of corpus/domain."""
    from litkg.graph.cli import main

    domain = corpus("domain", "abstracts.jsonl")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(domain), str(_big_jsonl(tmp_path)), "-o", str(out), "--no-open"]) == 3
    assert len(out.read_text().splitlines()) == sum(1 for l in domain.open() if l.strip())


def test_build_command_keeps_the_papers_and_writes_the_graph(tmp_path: Path, capsys) -> None:
    from litkg.graph.cli import main

    out = tmp_path / "out"
    assert main(["build", str(_good_jsonl(tmp_path)), str(_big_jsonl(tmp_path)), "--out", str(out), "--no-open"]) == 3
    assert "papers: 3" in capsys.readouterr().out
    assert (out / "graph.trig").stat().st_size > 0 and (out / "graph.gexf").exists()
    assert "record too large" in (out / "rejects.jsonl").read_text()


# --- memory: a 100 MB record in a fresh process ---------------------------------------------------------

# Peak RSS of the child itself: Linux keeps ``ru_maxrss`` across fork and exec, so a child of this test
# process starts at pytest's own peak; /proc/self/status VmHWM is the peak of the new program only.
_MEASURE = textwrap.dedent("""
    import json, resource, sys
    from litkg.extract.readers import Rejected, read_papers

    def peak_kb():
        try:
            with open("/proc/self/status") as fh:
                return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    base = peak_kb()
    kinds = ["R" if isinstance(i, Rejected) else "P" for i in read_papers(sys.argv[1:])]
    print(json.dumps({"kinds": kinds, "base_kb": base, "peak_kb": peak_kb()}))
""")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "pubmed-xml"])
def test_a_100_mb_record_is_read_in_bounded_memory(tmp_path: Path, fmt: str) -> None:
    make, name, wrap = FORMATS[fmt]
    path = tmp_path / name
    with path.open("w") as fh:  # written in pieces: the test process does not hold 100 MB either
        head, tail = make(2, "\0").split("\0")
        fh.write(wrap(make(1, "ok") + head + "\0" + tail + make(3, "ok")).split("\0")[0])
        for _ in range(100):
            fh.write("x" * 1_000_000)
        fh.write(wrap(make(1, "ok") + head + "\0" + tail + make(3, "ok")).split("\0")[1])
    assert path.stat().st_size > 100_000_000
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["kinds"] == ["P", "R", "P"]
    peak_mb = result["peak_kb"] / 1024
    assert peak_mb < 300, f"peak RSS {peak_mb:.0f} MB reading a 100 MB record"
    assert peak_mb - result["base_kb"] / 1024 < MAX_RECORD_BYTES * 3 / 2**20  # what reading added
