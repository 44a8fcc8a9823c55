"""Bad input: empty records, truncated files, invalid UTF-8, hostile XML, binary and unknown files.

Every file here is written by the test itself.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from litkg.extract.errors import InputError, UnknownFormatError
from litkg.extract.readers import Rejected, jsonl, medline, pubmed_text, pubmed_xml, read_papers, ris
from litkg.extract.records import Paper

BAD = b"\xff\xfe caf\xe9"  # not UTF-8


def _kinds(items: list) -> list[str]:
    return ["P" if isinstance(i, Paper) else "R" for i in items]


def _rejects(items: list) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


# --- MEDLINE -----------------------------------------------------------------------------------

def _medline_record(pmid: str, title: str | None = "A title.", abstract: str | None = "An abstract.",
                    extra: str = "") -> str:
    lines = [f"PMID- {pmid}", "OWN - NLM"]
    if title:
        lines.append(f"TI  - {title}")
    if abstract:
        lines.append(f"AB  - {abstract}")
    lines += ["FAU - Doe, Jane", "AU  - Doe J", "AD  - Univ A, Town, Country."]
    if extra:
        lines.append(extra)
    lines.append(f"SO  - J Test. 2020;1:1-2.")
    return "\n".join(lines) + "\n"


def test_medline_title_only_abstract_only_and_neither(tmp_path: Path) -> None:
    path = tmp_path / "a.nbib"
    path.write_text("\n".join([_medline_record("1", abstract=None), _medline_record("2", title=None),
                               _medline_record("3", title=None, abstract=None), _medline_record("4")]))
    items = list(medline.read(path))
    assert _kinds(items) == ["P", "P", "R", "P"]
    [r] = _rejects(items)
    assert r.record == "line 17" and "neither a title nor an abstract" in r.reason
    assert "PMID- 3" in r.raw


def test_medline_invalid_utf8_spoils_only_its_record(tmp_path: Path) -> None:
    path = tmp_path / "b.nbib"
    good = _medline_record("1").encode()
    bad = _medline_record("2", abstract="caf").encode().replace(b"AB  - caf", b"AB  - " + BAD)
    path.write_bytes(good + b"\n" + bad + b"\n" + _medline_record("3").encode())
    items = list(medline.read(path))
    assert _kinds(items) == ["P", "R", "P"]
    assert [p.pmid for p in items if isinstance(p, Paper)] == ["1", "3"]
    r = _rejects(items)[0]
    assert r.record == "line 10" and "invalid UTF-8 at line 13" in r.reason


def test_medline_truncated_last_record(tmp_path: Path) -> None:
    path = tmp_path / "c.nbib"
    cut = _medline_record("2")
    cut = cut[: cut.index("AB  - ") + 12]  # cut inside the abstract, no final newline
    path.write_text(_medline_record("1") + "\n" + cut)
    items = list(medline.read(path))
    assert _kinds(items) == ["P", "R"]
    assert "truncated" in items[1].reason and items[1].record == "line 10"


def test_medline_last_record_without_newline_but_complete(tmp_path: Path) -> None:
    path = tmp_path / "d.nbib"
    path.write_text(_medline_record("1").rstrip("\n"))
    assert _kinds(list(medline.read(path))) == ["P"]


# --- PubMed XML --------------------------------------------------------------------------------

def _article(pmid: str, title: str = "T", abstract: str = "A") -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>{title}</ArticleTitle>"
            f"<Abstract><AbstractText>{abstract}</AbstractText></Abstract></Article></MedlineCitation>"
            f"</PubmedArticle>\n")


def _xml(*articles: str, head: str = "") -> str:
    return f'<?xml version="1.0"?>\n{head}<PubmedArticleSet>\n' + "".join(articles) + "</PubmedArticleSet>\n"


def test_xml_truncated_file(tmp_path: Path) -> None:
    text = _xml(_article("1"), _article("2"), _article("3"))
    path = tmp_path / "cut.xml"
    path.write_text(text[: text.index("<PMID>3") + 5])
    items = list(pubmed_xml.read(path))
    assert _kinds(items) == ["P", "P", "R"]
    r = items[-1]
    assert r.record == "line 5" and "after record 2" in r.reason and "cut off or not well-formed" in r.reason


def test_xml_article_without_title_or_abstract(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(_xml(_article("1"), _article("2", title="", abstract=""), _article("3", title="")))
    items = list(pubmed_xml.read(path))
    assert _kinds(items) == ["P", "R", "P"]
    assert items[1].record == "record 2" and "neither" in items[1].reason


def test_xml_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(_xml(_article("1"), _article("2", abstract="@@")).encode().replace(b"@@", BAD))
    items = list(pubmed_xml.read(path))
    assert _kinds(items) == ["P", "R"] and items[1].record == "line 4"


def test_xml_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(_xml(*[_article(str(i), abstract="words " * 200) for i in range(1, 200)]).encode())
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(pubmed_xml.read(path))
    assert items and all(isinstance(i, Paper) for i in items[:-1]) and isinstance(items[-1], Rejected)
    assert "truncated" in items[-1].reason or "not well-formed" in items[-1].reason


@pytest.mark.parametrize("head", [
    # billion laughs
    '<!DOCTYPE PubmedArticleSet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n',
    # external entity
    '<!DOCTYPE PubmedArticleSet [<!ENTITY secret SYSTEM "file://{secret}">]>\n',
    # parameter entity pulling an external DTD
    '<!DOCTYPE PubmedArticleSet [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>\n',
])
def test_xml_entity_tricks_are_refused(tmp_path: Path, head: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "evil.xml"
    body = _article("1", title="&c;" if "laughs" in head or "&b;" in head else "&secret;")
    path.write_text(_xml(body, head=head.replace("{secret}", str(secret))))
    items = list(read_papers([path]))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    r = items[0]
    assert r.path == str(path) and r.record is None and r.reason.startswith("refused")
    assert "TOP-SECRET" not in repr(items)
    with pytest.raises(InputError, match="refused"):
        list(read_papers([path], strict=True))


def test_xml_bare_article_and_book_article(tmp_path: Path) -> None:
    bare = tmp_path / "bare.xml"
    bare.write_text(_article("5", title="Bare"))
    [p] = list(pubmed_xml.read(bare))
    assert isinstance(p, Paper) and (p.id, p.title) == ("pmid:5", "Bare")
    book = tmp_path / "book.xml"
    book.write_text("<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>7</PMID><Book><BookTitle>A Book"
                    "</BookTitle><PubDate><Year>2001</Year></PubDate></Book><Abstract><AbstractText>Text."
                    "</AbstractText></Abstract></BookDocument></PubmedBookArticle></PubmedArticleSet>")
    [b] = list(pubmed_xml.read(book))
    assert isinstance(b, Paper) and (b.id, b.title, b.abstract, b.date) == ("pmid:7", "A Book", "Text.", "2001")


def test_xml_doctype_without_entities_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.xml"
    head = '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" ' \
           '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n'
    path.write_text(_xml(_article("1"), head=head))
    assert _kinds(list(pubmed_xml.read(path))) == ["P"]


# --- RIS ---------------------------------------------------------------------------------------

def _ris(title: str | None = "A title", abstract: str | None = "An abstract", end: bool = True) -> str:
    lines = ["TY  - JOUR", "AU  - Doe, J."]
    if title:
        lines.append(f"TI  - {title}")
    if abstract:
        lines.append(f"AB  - {abstract}")
    lines.append("PY  - 2020")
    if end:
        lines.append("ER  - ")
    return "\n".join(lines) + "\n\n"


def test_ris_missing_er_at_eof(tmp_path: Path) -> None:
    path = tmp_path / "a.ris"
    path.write_text(_ris() + _ris(end=False))
    items = list(ris.read(path))
    assert _kinds(items) == ["P", "R"]
    assert items[1].record == "line 8" and "no ER line" in items[1].reason


def test_ris_missing_er_before_next_record(tmp_path: Path) -> None:
    path = tmp_path / "b.ris"
    path.write_text(_ris(end=False) + _ris())
    items = list(ris.read(path))
    assert _kinds(items) == ["R", "P"]
    assert items[0].record == "line 1" and "before the next TY (line 7)" in items[0].reason


def test_ris_neither_title_nor_abstract_and_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "c.ris"
    path.write_bytes(_ris(abstract=None).encode() + _ris(title=None, abstract=None).encode()
                     + _ris(title="@@").encode().replace(b"@@", BAD) + _ris(title=None).encode())
    items = list(ris.read(path))
    assert _kinds(items) == ["P", "R", "R", "P"]
    assert "neither" in items[1].reason and "invalid UTF-8" in items[2].reason


# --- JSON Lines --------------------------------------------------------------------------------

def test_jsonl_bad_lines_are_rejected_with_line_numbers(tmp_path: Path) -> None:
    good = json.dumps({"id": "x", "title": "T"})
    path = tmp_path / "a.jsonl"
    path.write_bytes("\n".join([
        good, "", "not json at all", "[1, 2, 3]", json.dumps({"id": "y", "authors": ["A"]}),
        '{"title": "@@"}', good, good[:12],  # the last line is cut off
    ]).encode().replace(b"@@", BAD))
    items = list(jsonl.read(path))
    assert _kinds(items) == ["P", "R", "R", "R", "R", "P", "R"]
    assert [r.record for r in _rejects(items)] == ["line 3", "line 4", "line 5", "line 6", "line 8"]
    reasons = [r.reason for r in _rejects(items)]
    assert "not valid JSON" in reasons[0] and "not an object" in reasons[1]
    assert "neither" in reasons[2] and "invalid UTF-8" in reasons[3] and "not valid JSON" in reasons[4]


# --- PubMed abstract text ----------------------------------------------------------------------

def _text_record(n: int, pmid: str, body: str = "Background: Some text.") -> str:
    return (f"{n}. J Test. 2020 Jan;1(2):3-4. doi: 10.1000/t{n}.\n\nTitle {n}.\n\nDoe J(1).\n\n"
            f"Author information: \n(1)Univ A, Town.\n\n{body}\n\nDOI: 10.1000/t{n} \nPMID: {pmid} \n\n\n")


def test_pubmed_text_truncated_and_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    third = _text_record(3, "3")
    path.write_bytes(_text_record(1, "1").encode() + _text_record(2, "2", body="@@").encode().replace(b"@@", BAD)
                     + third[: third.index("Author")].encode())
    items = list(pubmed_text.read(path))
    assert _kinds(items) == ["P", "R", "R"]
    assert items[1].record == "line 16" and "invalid UTF-8" in items[1].reason
    assert items[2].record == "line 31" and "truncated" in items[2].reason


# --- detection and the top-level loop -----------------------------------------------------------

def test_binary_unknown_empty_missing_and_directory(tmp_path: Path) -> None:
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    unknown = tmp_path / "notes.txt"
    unknown.write_text("Shopping list\n- milk\n- eggs\n")
    empty = tmp_path / "empty.ris"
    empty.write_text("  \n")
    items = list(read_papers([png, unknown, empty, tmp_path / "missing.nbib", tmp_path]))
    assert all(isinstance(i, Rejected) and i.record is None for i in items)
    reasons = [i.reason for i in items]
    assert "binary" in reasons[0] and "unknown format" in reasons[1] and reasons[2] == "empty file"
    assert reasons[3] == "no such file" and reasons[4] == "is a directory"
    with pytest.raises(UnknownFormatError):
        list(read_papers([unknown], strict=True))


def test_strict_mode_raises_at_the_first_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "a.ris"
    path.write_text(_ris() + _ris(end=False))
    with pytest.raises(InputError) as e:
        list(read_papers([path], strict=True))
    assert e.value.record == "line 8" and e.value.path == str(path)


def test_gzipped_and_latin1_medline_are_detected_and_read(tmp_path: Path) -> None:
    gz = tmp_path / "records.nbib.gz"
    gz.write_bytes(gzip.compress((_medline_record("1") + "\n" + _medline_record("2")).encode()))
    latin1 = tmp_path / "latin1.nbib"
    latin1.write_bytes((_medline_record("3") + "\n" + _medline_record("4", title="Caf\u00e9 study.")).encode("latin-1"))
    items = list(read_papers([gz, latin1]))
    assert _kinds(items) == ["P", "P", "P", "R"]
    assert "invalid UTF-8" in items[3].reason and items[3].record == "line 10"
