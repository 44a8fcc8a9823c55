"""Property-based tests: every reader, and the affiliation parser, never crash on any input.

For each format, inputs are (a) a few real records read at test time from ``../shared/corpus``
(``examples/seed.txt`` for the seed format), mutated: bytes cut, repeated, inserted, flipped, lines
swapped, the whole re-encoded as UTF-16 or gzipped (and cut); and (b) records made up from the
format's own fields with random values and types. Whatever comes in, reading yields only
:class:`Paper` (with a title, an abstract or a translation) and :class:`Rejected` (one-line reason,
naming the file), and ``--strict`` raises :class:`InputError` and nothing else. The affiliation
parser returns units whose offsets slice the string it was given.

Bounded here (``FUZZ_EXAMPLES`` examples a property, no deadline); ``benchmarks/fuzz_readers.py``
runs the same strategies longer and counts crashes.
"""
from __future__ import annotations

import gzip
import json
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litkg.extract.errors import InputError
from litkg.extract.readers import READERS, Rejected, by_name, read_papers
from litkg.extract.records import Paper

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FUZZ_EXAMPLES = 25
FORMATS = [r.NAME for r in READERS]
# derandomize: the suite draws the same examples every run (CI stays reproducible); the benchmark explores
SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- small real samples, read at test time -------------------------------------------------------------

def _records(text: str, starts: str, count: int) -> str:
    """The first ``count`` records of ``text``, a record starting at each match of the ``starts`` regex."""
    marks = [m.start() for m in re.finditer(starts, text, re.M)]
    return text[: marks[count]] if len(marks) > count else text


def sample(fmt: str, shared: Path = SHARED) -> bytes | None:
    """A few real records of format ``fmt`` (``None`` when the corpus file is absent)."""
    corpus = shared / "corpus"
    where: dict[str, tuple[Path, Callable[[str], str]]] = {
        "jsonl": (corpus / "domain" / "abstracts.jsonl", lambda t: "".join(t.splitlines(True)[:4])),
        "medline": (corpus / "medline" / "biopython__pubmed_result2.txt", lambda t: _records(t, r"^PMID- ", 3)),
        "ris": (corpus / "ris" / "asreview__schoot-lgmm-ptsd-included-2.ris", lambda t: _records(t, r"^TY  - ", 3)),
        "pubmed-text": (corpus / "plaintext" / "OliverCardiff-Literature_networks__pubmed_result.txt",
                        lambda t: _records(t, r"^\d+\. \S", 3)),
        "pubmed-xml": (corpus / "pubmed-xml" / "biopython__pubmed1.xml", lambda t: t),
        "abstract-text": (ROOT / "examples" / "seed.txt", lambda t: t),
    }
    path, cut = where[fmt]
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return cut(fh.read(200_000)).encode("utf-8")


def affiliation_samples(shared: Path = SHARED, limit: int = 60) -> list[str]:
    """Real affiliation strings from the corpus (empty when it is absent)."""
    path = shared / "corpus" / "domain" / "abstracts.jsonl"
    if not path.is_file():
        return []
    out: list[str] = []
    for p in read_papers([path]):
        if isinstance(p, Paper):
            out.extend(a for a in p.affiliations if a not in out)
        if len(out) >= limit:
            break
    return out[:limit]


# --- mutations of bytes ----------------------------------------------------------------------------------

TOKENS = [b"\n", b"\r", b"\r\n", b"\n\n", b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\xff\xfe", b"<", b">", b"&",
          b"&amp;", b"&bogus;", b"]]>", b"<!--", b"<!ENTITY x 'y'>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b'"', b"\\",
          b"{", b"}", b"[", b"]", b'{"id": 1}', b"null", b"PMID- 1\n", b"TY  - JOUR\n", b"ER  - \n", b"AB  - ",
          b"AD  - ", b"1. J. 2020;1:1.\n", b"PMID: 1", b"DOI: 10.1/x", b"Author information:\n(1)",
          b"J Test. 2020 Jan;1(2):3-4.", b"</PubmedArticle>", b"<PubmedArticle>", b"\t", b"\xe4\xb8\xad",
          b"\\ud800", b"\\udc00x", b"\\ud83d\\ude00", b"\xed\xa0\x80", b"&#xD800;", b"&#0;", b"\x1b[0m"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with one to six random edits, then maybe re-encoded, gzipped or cut."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        n = len(data)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 400)))
        op = draw(st.sampled_from(["cut", "delete", "repeat", "insert", "token", "flip", "swap", "upper"]))
        if op == "cut":
            del data[i:]
        elif op == "delete":
            del data[i:j]
        elif op == "repeat":
            data[i:i] = data[i:j] * draw(st.integers(1, 3))
        elif op == "insert":
            data[i:i] = draw(st.binary(max_size=40) | st.text(max_size=40).map(lambda t: t.encode("utf-8")))
        elif op == "token":
            data[i:i] = draw(st.sampled_from(TOKENS))
        elif op == "flip" and i < n:
            data[i] = draw(st.integers(0, 255))
        elif op == "swap":
            lines = bytes(data).split(b"\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            data = bytearray(b"\n".join(lines))
        elif op == "upper":
            data[i:j] = bytes(data[i:j]).upper()
    out = bytes(data)
    wrap = draw(st.sampled_from(["none"] * 6 + ["utf16", "gzip", "gzip-cut"]))
    if wrap == "utf16":
        out = out.decode("utf-8", "replace").encode("utf-16")
    elif wrap.startswith("gzip"):
        out = gzip.compress(out)
        if wrap == "gzip-cut":
            out = out[: draw(st.integers(0, len(out)))]
    return out


# --- records made up from each format's fields -----------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
ANY_TEXT = st.text(max_size=20) | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3)
WORDS = st.lists(st.sampled_from(["Apps", "reduced", "anxiety", "in", "adults", "University", "of", "Oslo",
                                  "Department", "Norway", "2020", "(1)", ";", ",", ".", ":", "\u4e2d\u6587"]),
                 max_size=12).map(" ".join)
VALUE = WORDS | TEXT
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | VALUE | ANY_TEXT,
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(VALUE, kids, max_size=4), max_leaves=8)
JSON_KEYS = ["id", "title", "abstract", "authors", "affiliations", "year", "date", "doi", "pmid", "language",
             "keywords", "mesh", "translations", "journal", "volume", "issue", "pages", "pmcid", "epub_date", "x"]
MEDLINE_TAGS = ["PMID", "TI", "AB", "FAU", "AU", "AD", "AUID", "LID", "AID", "MH", "OT", "LA", "PT", "OAB", "OABL",
                "DP", "TA", "JT", "VI", "IP", "PG", "SO", "DEP", "PMC", "CN", "TT", "XX"]
RIS_TAGS = ["TY", "AU", "A1", "TI", "T1", "AB", "N2", "PY", "Y1", "DA", "DO", "UR", "AN", "DB", "KW", "AD", "JO",
            "VL", "IS", "SP", "EP", "LA", "ID", "L2", "ER"]
XML_TAGS = ["MedlineCitation", "PMID", "Article", "ArticleTitle", "Abstract", "AbstractText", "AuthorList", "Author",
            "LastName", "ForeName", "Initials", "CollectiveName", "AffiliationInfo", "Affiliation", "Identifier",
            "Journal", "JournalIssue", "PubDate", "Year", "Month", "MedlineDate", "ELocationID", "Pagination",
            "MedlinePgn", "Language", "KeywordList", "Keyword", "OtherAbstract", "PubmedData", "ArticleIdList",
            "ArticleId", "BookDocument", "Book", "BookTitle", "i", "sup"]
XML_ATTRS = ["Label", "Language", "IdType", "EIdType", "Source", "ValidYN", "DateType"]


def _xml_escape(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _element(tag: str, attrs: dict[str, str], children: list[str]) -> str:
    attributes = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<{tag}{attributes}>{''.join(children)}</{tag}>"


XML_TREE = st.recursive(
    VALUE.map(_xml_escape),
    lambda kids: st.builds(_element, st.sampled_from(XML_TAGS),
                           st.dictionaries(st.sampled_from(XML_ATTRS), VALUE.map(_xml_escape), max_size=2),
                           st.lists(kids, max_size=4)),
    max_leaves=20)


XML_ARTICLE = st.builds(
    lambda pmid, title, abstract, authors, rest: (
        f"<MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>{title}</ArticleTitle>"
        f"<Abstract><AbstractText Label=\"RESULTS\">{abstract}</AbstractText></Abstract>"
        f"<AuthorList>{authors}</AuthorList>{rest}</Article></MedlineCitation>"),
    VALUE.map(_xml_escape), XML_TREE, XML_TREE, XML_TREE, XML_TREE)


def _lines(tags: list[str], sep: str, end: str) -> st.SearchStrategy[str]:
    line = st.tuples(st.sampled_from(tags), VALUE, st.lists(VALUE, max_size=2)).map(
        lambda t: f"{t[0]:<4}{sep}{t[1]}" + "".join(f"\n      {c}" for c in t[2]))
    return st.lists(st.lists(line, min_size=1, max_size=10).map(lambda ls: "\n".join(ls) + end), max_size=4).map(
        "\n".join)


GENERATED: dict[str, st.SearchStrategy[str]] = {
    "jsonl": st.lists(st.dictionaries(st.sampled_from(JSON_KEYS), JSON, max_size=8).map(json.dumps)
                      | JSON.map(json.dumps), min_size=1, max_size=4).map(lambda ls: "\n".join(ls) + "\n"),
    "medline": _lines(MEDLINE_TAGS, "- ", "\n").map(lambda t: "PMID- 1\n" + t),
    "ris": _lines(RIS_TAGS, "  - ", "\nER  - \n").map(lambda t: "TY  - JOUR\n" + t),
    "pubmed-text": st.lists(st.lists(st.sampled_from(["Author information:", "(1)Univ A, Oslo, Norway.", "DOI: 10.1/x",
                                                      "PMID: 12", "Doe J(1), Roe A(2).", "BACKGROUND: x.", "[Note]"])
                                     | WORDS, min_size=1, max_size=4).map("\n".join), max_size=6).map(
        lambda blocks: "1. J Test. 2020 Jan;1(2):3-4. doi: 10.1/t.\n\n" + "\n\n".join(blocks) + "\n"),
    "abstract-text": st.lists(st.sampled_from(["J Test. 2020 Jan;1(2):3-4. doi: 10.1/t.", "Univ A, Oslo, Norway.", ""])
                              | WORDS | TEXT, min_size=1, max_size=12).map(
        lambda ls: "J Test. 2021 Mar;4(1):10-20.\n" + "\n".join(ls) + "\n"),
    "pubmed-xml": st.lists(XML_TREE | XML_ARTICLE, max_size=3).map(
        lambda arts: '<?xml version="1.0"?>\n<PubmedArticleSet>'
                     + "".join(f"<PubmedArticle>{a}</PubmedArticle>" for a in arts) + "</PubmedArticleSet>\n"),
}


# --- what reading must give ------------------------------------------------------------------------------

def check_items(items: Iterable[object], path: Path) -> list[object]:
    """Assert that every item is a usable paper or a clear reject of ``path``; return them."""
    items = list(items)
    for it in items:
        if isinstance(it, Rejected):
            assert it.path == str(path) and it.reason and "\n" not in it.message(), it
            json.dumps(it.to_dict(), ensure_ascii=False).encode("utf-8")  # the rejects file can hold it
        else:
            assert isinstance(it, Paper), it
            assert isinstance(it.id, str) and it.id
            assert it.title or it.abstract or it.translations, it
            for name, _, text in it.text_fields():
                assert isinstance(text, str) and it.field_text(name) == text
            json.dumps(it.to_dict(), ensure_ascii=False).encode("utf-8")  # text UTF-8 can write (no lone surrogate)
    return items


def read_all_ways(fmt: str, path: Path) -> list[object]:
    """Read ``path`` with the named reader, with detection, and in strict mode: never anything but rejects.

    Returns:
        What the named reader gave (papers and rejects).
    """
    items = check_items(by_name(fmt).read(path), path)
    check_items(read_papers([path]), path)
    try:
        check_items(read_papers([path], strict=True), path)
    except InputError as e:
        assert e.reason and "\n" not in str(e)
    return items


@pytest.fixture(scope="module")
def scratch() -> Iterable[Path]:
    with tempfile.TemporaryDirectory(prefix="litkg-fuzz-") as d:
        yield Path(d)


def _file(scratch: Path, fmt: str, data: bytes) -> Path:
    path = scratch / f"input.{fmt}"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_real_records_never_crash_a_reader(fmt: str, scratch: Path) -> None:
    seed = sample(fmt)
    if seed is None:
        pytest.skip(f"no {fmt} sample in {SHARED}")

    @SETTINGS
    @given(mutated(seed))
    def run(data: bytes) -> None:
        read_all_ways(fmt, _file(scratch, fmt, data))

    run()


@pytest.mark.parametrize("fmt", FORMATS)
def test_made_up_records_never_crash_a_reader(fmt: str, scratch: Path) -> None:
    @SETTINGS
    @given(GENERATED[fmt])
    def run(text: str) -> None:
        read_all_ways(fmt, _file(scratch, fmt, text.encode("utf-8", "surrogatepass")))

    run()


# --- crashes the fuzzing found, kept as plain examples ------------------------------------------------------

def test_a_json_lone_surrogate_is_a_reject_not_a_crash_of_extraction(tmp_path: Path, capsys) -> None:
    """``"\\ud800"`` is valid JSON but not text: spaCy (and UTF-8 output) failed on it, ending the whole run."""
    from litkg.graph.cli import main

    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s1", "title": "bad \\ud800 one", "abstract": "Apps."}\n'
                    '{"id": "s2", "title": "a pair \\ud83d\\ude00 is fine"}\n{"id": "s3", "title": "ok"}\n')
    items = check_items(read_papers([path]), path)
    assert [type(i).__name__ for i in items] == ["Rejected", "Paper", "Paper"]
    assert "lone surrogate" in items[0].reason and items[1].title.endswith("\U0001F600 is fine")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(path), "-o", str(out), "--no-open"]) == 3
    assert [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()] == ["s2", "s3"]


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_detection(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "junk"
        path.write_bytes(data)
        items = check_items(read_papers([path]), path)
        assert all(isinstance(i, (Paper, Rejected)) for i in items)


# --- the affiliation parser ------------------------------------------------------------------------------

def check_affiliation(text: str) -> None:
    """Parse ``text``: every unit's offsets slice the string, every affiliation's ``raw`` too."""
    from litkg.extract.affiliations import parse_affiliation

    for aff in parse_affiliation(text):
        assert text[aff.start:aff.start + len(aff.raw)] == aff.raw
        for unit in aff.units:
            assert 0 <= unit.start <= unit.end <= len(text) and text[unit.start:unit.end] == unit.text, unit


AFFILIATION_TEXT = st.lists(st.sampled_from(["Department of Psychiatry", "University of Oslo", "Oslo", "Norway",
                                             "USA", "School of Medicine", "Hospital", "Inc.", "12345", "and",
                                             "a@b.org", "(1)", ";", ",", ".", " ", "Tel: +1 555"]) | TEXT,
                            max_size=12).map(", ".join)


@SETTINGS
@given(AFFILIATION_TEXT | st.text(max_size=300))
def test_made_up_affiliations_never_crash_the_parser(text: str) -> None:
    check_affiliation(text)


# found by benchmarks/fuzz_readers.py: merge_continuations looked for " " after a joining word
# whose only whitespace was a form feed or U+2028, and the ValueError ended `litkg extract`
@pytest.mark.parametrize("text", ["a,E\f", "Dept A, E\fB", "X,Y\u2028Z"])
def test_an_affiliation_with_a_form_feed_or_line_separator(text: str) -> None:
    check_affiliation(text)


def test_mutated_real_affiliations_never_crash_the_parser() -> None:
    seeds = affiliation_samples()
    if not seeds:
        pytest.skip(f"no affiliation samples in {SHARED}")

    @SETTINGS
    @given(st.sampled_from(seeds).flatmap(lambda s: mutated(s.encode("utf-8"))))
    def run(data: bytes) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        check_affiliation(text)

    run()
