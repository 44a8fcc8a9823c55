"""Input robustness: broken gzip streams, UTF-16/UTF-32 text, Latin-1 seed files, PubMed text without a title.

Every file here is written by the test itself, in ``tmp_path``.
"""
from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path
from typing import Callable

import pytest

from litkg.extract.errors import InputError
from litkg.extract.readers import Rejected, pubmed_text, read_papers, reader_for
from litkg.extract.records import Paper


def _kinds(items: list) -> list[str]:
    return ["P" if isinstance(i, Paper) else "R" for i in items]


def _same(p: Paper) -> dict:
    """A paper's fields, without the file it came from."""
    d = p.to_dict()
    d.pop("source", None)
    return d


# --- one small file of each format, with non-ASCII text ---------------------------------------------

def _medline(n: int) -> str:
    return (f"PMID- {n}\nTI  - Apps for caf\u00e9 workers {n}.\n"
            f"AB  - An abstract about \u00e9t\u00e9 and \u4e2d\u6587.\nFAU - Doe, Jane\nAU  - Doe J\n"
            f"AD  - Universit\u00e9 de Montr\u00e9al, Canada.\nSO  - J Test. 2020;1:1-2.\n\n")


def _ris(n: int) -> str:
    return (f"TY  - JOUR\nAU  - Doe, J.\nTI  - Caf\u00e9 apps {n}\nAB  - An abstract {n} on \u00e9t\u00e9.\n"
            f"PY  - 2020\nER  - \n\n")


def _jsonl(n: int) -> str:
    return json.dumps({"id": f"x{n}", "title": f"Caf\u00e9 {n}", "abstract": "\u00e9t\u00e9 \u4e2d\u6587"},
                      ensure_ascii=False) + "\n"


def _pubmed_text(n: int) -> str:
    return (f"{n}. J Test. 2020 Jan;1(2):3-4. doi: 10.1000/t{n}.\n\nCaf\u00e9 title {n}.\n\nDoe J(1).\n\n"
            f"Author information: \n(1)Universit\u00e9 A, Town.\n\nBACKGROUND: Some \u00e9t\u00e9 text {n}.\n\n"
            f"DOI: 10.1000/t{n} \nPMID: {n} \n\n\n")


def _seed(n: int) -> str:
    return (f"D\u00e9partement de Psychologie,Universit\u00e9 de Montr\u00e9al,Montr\u00e9al,Canada.\n"
            f"J Online Peer Support. 2021 Mar;4(1):10-20. doi: 10.9999/seed.{n}. Epub 2021 Feb 2.\n"
            f"Young adults\u2019 caf\u00e9 forums number {n} reduced loneliness.\n\n")


def _article(n: int) -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{n}</PMID><Article><ArticleTitle>Caf\u00e9 {n}</ArticleTitle>"
            f"<Abstract><AbstractText>\u00e9t\u00e9 \u4e2d\u6587 {n}</AbstractText></Abstract></Article>"
            f"</MedlineCitation></PubmedArticle>\n")


def _xml_set(articles: str, encoding: str = "UTF-8") -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?>\n<PubmedArticleSet>\n{articles}</PubmedArticleSet>\n'


FORMATS: dict[str, tuple[Callable[[int], str], str]] = {
    "medline": (_medline, "a.nbib"), "ris": (_ris, "a.ris"), "jsonl": (_jsonl, "a.jsonl"),
    "pubmed-text": (_pubmed_text, "a.txt"), "abstract-text": (_seed, "seed.txt"),
}


def _text_of(fmt: str, count: int, start: int = 1) -> str:
    make, _ = FORMATS[fmt]
    return "".join(make(i) for i in range(start, start + count))


# --- defect 1: broken gzip streams -----------------------------------------------------------------

def _cut_small_xml_gz(tmp_path: Path) -> Path:
    """A gzipped PubMed XML file of under 8 KB (decompressed) cut off in its middle."""
    data = gzip.compress(_xml_set("".join(_article(i) for i in range(1, 20))).encode())
    assert len(gzip.decompress(data)) < 8192
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def test_truncated_small_xml_gz_is_rejected_and_the_other_files_are_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(_text_of("jsonl", 3), encoding="utf-8")
    cut = _cut_small_xml_gz(tmp_path)
    after = tmp_path / "after.nbib"
    after.write_text(_text_of("medline", 2), encoding="utf-8")
    items = list(read_papers([good, cut, after]))
    papers = [i for i in items if isinstance(i, Paper)]
    rejects = [i for i in items if isinstance(i, Rejected)]
    assert [p.source for p in papers].count(str(good)) == 3 and [p.source for p in papers].count(str(after)) == 2
    assert rejects and all(r.path == str(cut) for r in rejects)
    assert "truncated or corrupt" in rejects[-1].reason
    assert str(cut) in rejects[-1].message() and "\n" not in rejects[-1].message()
    with pytest.raises(InputError, match="truncated"):
        list(read_papers([cut], strict=True))


def test_extract_command_skips_a_truncated_gz_with_exit_status_3(tmp_path: Path, capsys) -> None:
    from litkg.graph.cli import main

    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "x1", "title": "Apps", "abstract": "Apps reduced anxiety."}) + "\n")
    cut = _cut_small_xml_gz(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(good), str(cut), "-o", str(out), "--no-open"]) == 3
    err = capsys.readouterr().err
    assert f"skipped {cut}" in err and "truncated" in err and "Traceback" not in err
    # the good file, then the articles read before the break (the XML reader keeps what came before it)
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids[0] == "x1" and all(i.startswith("pmid:") for i in ids[1:])


@pytest.mark.parametrize("cut", [3, 12])
def test_gzip_cut_before_any_data_is_a_reject(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "tiny.nbib.gz"
    path.write_bytes(gzip.compress(_text_of("medline", 1).encode())[:cut])
    [r] = list(read_papers([path]))
    assert isinstance(r, Rejected) and r.path == str(path) and r.record is None
    assert "truncated or corrupt" in r.reason


def test_gzip_magic_with_a_corrupt_header_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "bad.gz"
    path.write_bytes(b"\x1f\x8b\x99" + b"junk" * 10)
    [r] = list(read_papers([path]))
    assert isinstance(r, Rejected) and r.path == str(path) and "corrupt" in r.reason


@pytest.mark.parametrize("fmt", [*FORMATS, "pubmed-xml"])
def test_gzip_broken_in_the_middle_is_a_reject_for_every_reader(tmp_path: Path, fmt: str) -> None:
    text = _xml_set("".join(_article(i) for i in range(1, 400))) if fmt == "pubmed-xml" else _text_of(fmt, 400)
    data = gzip.compress(text.encode("utf-8"), compresslevel=1)
    path = tmp_path / f"cut-{fmt}.gz"
    path.write_bytes(data[: len(data) // 2])
    assert len(gzip.decompress(data)) > 3 * 8192
    items = list(read_papers([path]))
    assert reader_for(path).NAME == fmt
    assert _kinds(items)[0] == "P" and _kinds(items)[-1] == "R"
    assert "truncated or corrupt" in items[-1].reason or "not well-formed" in items[-1].reason


# --- defect 2: UTF-16 (and UTF-32) with a byte-order mark -------------------------------------------

def _encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``, with a byte-order mark in front."""
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}
    return boms[encoding] + text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
@pytest.mark.parametrize("fmt", [*FORMATS, "pubmed-xml"])
def test_utf16_files_are_detected_and_read_like_utf8(tmp_path: Path, fmt: str, encoding: str) -> None:
    if fmt == "pubmed-xml":
        if encoding.startswith("utf-32"):
            pytest.skip("expat reads UTF-16 but not UTF-32")
        articles = "".join(_article(i) for i in range(1, 4))
        text8, text16 = _xml_set(articles), _xml_set(articles, "UTF-16")
    else:
        text8 = text16 = _text_of(fmt, 3)
    utf8 = tmp_path / f"utf8-{FORMATS.get(fmt, (None, 'a.xml'))[1]}"
    utf8.write_text(text8, encoding="utf-8")
    wide = tmp_path / f"wide-{utf8.name.split('-', 1)[1]}"
    wide.write_bytes(_encode(text16, encoding))
    expected = list(read_papers([utf8]))
    got = list(read_papers([wide]))
    assert _kinds(expected) == ["P", "P", "P"]
    assert [_same(p) for p in got] == [_same(p) for p in expected]
    gz = tmp_path / (wide.name + ".gz")
    gz.write_bytes(gzip.compress(wide.read_bytes()))
    assert [_same(p) for p in read_papers([gz])] == [_same(p) for p in expected]


@pytest.mark.parametrize("fmt", ["medline", "ris", "jsonl", "abstract-text"])
def test_a_bad_utf16_code_unit_spoils_only_its_record(tmp_path: Path, fmt: str) -> None:
    make, _ = FORMATS[fmt]
    text = make(1) + make(2).replace("af\u00e9", "af@@", 1) + make(3)
    data = _encode(text, "utf-16-le").replace("@@".encode("utf-16-le"), b"\x00\xd8")  # a lone high surrogate
    path = tmp_path / "bad16.txt"
    path.write_bytes(data)
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "R", "P"]
    assert "invalid UTF-16" in items[1].reason and items[1].record.startswith("line ")


def test_utf16_with_an_odd_last_byte_rejects_the_last_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(_encode(_text_of("jsonl", 2), "utf-16-le") + b"A")
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "P", "R"]
    assert items[2].record == "line 3" and items[2].reason == "invalid UTF-16"


def test_utf16_without_a_bom_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "nobom.nbib"
    path.write_bytes(_text_of("medline", 1).encode("utf-16-le"))
    [r] = list(read_papers([path]))
    assert isinstance(r, Rejected) and "binary" in r.reason


# --- defect 3: seed files that are not UTF-8 --------------------------------------------------------

def test_latin1_seed_file_is_read_with_the_cp1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(_text_of("abstract-text", 2).encode("cp1252"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(_text_of("abstract-text", 2), encoding="utf-8")
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "P"]
    assert items[0].affiliations == [
        "D\u00e9partement de Psychologie,Universit\u00e9 de Montr\u00e9al,Montr\u00e9al,Canada."]
    assert "adults\u2019 caf\u00e9" in items[0].abstract
    assert [_same(p) for p in items] == [_same(p) for p in read_papers([utf8])]


def test_seed_file_with_utf8_then_latin1_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(_seed(1).encode("utf-8") + _seed(2).encode("cp1252") + _seed(3).encode("ascii", "replace"))
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "R", "P"]
    r = items[1]
    assert r.record == "line 5" and "invalid UTF-8 at line 5" in r.reason
    assert r.message().startswith(f"{path}: line 5: ")


def test_seed_file_with_latin1_then_utf8_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed2.txt"
    path.write_bytes(_seed(1).encode("cp1252") + _seed(2).encode("utf-8"))
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "R"]
    assert items[1].record == "line 5" and "line 5 is UTF-8" in items[1].reason and "mixed" in items[1].reason


def test_seed_file_that_is_not_cp1252_either_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "undefined.txt"
    second = _seed(2).encode("ascii", "replace").replace(b"Young", b"Y\x81ung")  # 0x81: not in cp1252
    path.write_bytes(_seed(1).encode("ascii", "replace") + second)
    items = list(read_papers([path]))
    assert _kinds(items) == ["P", "R"]
    assert items[1].record == "line 5" and "line 7 is neither UTF-8 nor cp1252" in items[1].reason


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_seed_file_line_endings_are_read_as_before(tmp_path: Path, newline: str) -> None:
    plain = tmp_path / "lf.txt"
    plain.write_text(_text_of("abstract-text", 2), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(_text_of("abstract-text", 2).replace("\n", newline).encode("utf-8"))
    assert [_same(p) for p in read_papers([other])] == [_same(p) for p in read_papers([plain])]


def test_seed_file_in_a_truncated_gzip_rejects_its_last_record(tmp_path: Path) -> None:
    data = gzip.compress(_text_of("abstract-text", 300).encode())
    path = tmp_path / "seed.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_papers([path]))
    assert set(_kinds(items)[:-1]) == {"P"} and _kinds(items)[-1] == "R"
    assert "truncated or corrupt after line" in items[-1].reason


# --- defect 4: PubMed abstract text without title and abstract --------------------------------------

_CITATION = "1. J Test. 2020 Jan;1(2):3-4. doi: 10.1000/t1.\n\n"
_IDS = "DOI: 10.1000/t1 \nPMID: 101 \n"


def test_pubmed_text_record_with_only_an_author_list_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "authors_only.txt"
    path.write_text(_CITATION + "Doe J(1), van der Berg AB(2).\n\nAuthor information: \n(1)Univ A, Town.\n"
                    "(2)Univ B, City.\n\n" + _IDS)
    [r] = list(pubmed_text.read(path))
    assert isinstance(r, Rejected) and r.record == "line 1"
    assert "neither a title nor an abstract" in r.reason


def test_pubmed_text_record_with_only_names_and_no_affiliations_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "names_only.txt"
    path.write_text(_CITATION + "Doe J, Roe K.\n\n" + _IDS)
    [r] = list(pubmed_text.read(path))
    assert isinstance(r, Rejected) and "author list" in r.reason


def test_pubmed_text_record_without_title_keeps_its_authors(tmp_path: Path) -> None:
    path = tmp_path / "no_title.txt"
    path.write_text(_CITATION + "Doe J(1), Roe K(1).\n\nAuthor information: \n(1)Univ A, Town.\n\n"
                    "Apps reduced anxiety.\n\n" + _IDS)
    [p] = list(pubmed_text.read(path))
    assert isinstance(p, Paper) and p.title == "" and p.abstract == "Apps reduced anxiety."
    assert [a.name for a in p.authors] == ["Doe J", "Roe K"] and p.affiliations == ["Univ A, Town."]


@pytest.mark.parametrize("title", ["The role of AI.", "Smartphone use in the USA."])
def test_pubmed_text_title_only_records_are_still_read(tmp_path: Path, title: str) -> None:
    path = tmp_path / "title_only.txt"
    path.write_text(_CITATION + f"{title}\n\nDoe J.\n\n" + _IDS + "\n\n2. J Test. 2020;1:5.\n\n"
                    + title + "\n\nPMID: 102 \n")
    items = list(pubmed_text.read(path))
    assert _kinds(items) == ["P", "P"] and [p.title for p in items] == [title, title]
    assert [a.name for a in items[0].authors] == ["Doe J"] and items[1].authors == []
