"""MEDLINE (.nbib) reader on the real exports in ../shared/corpus/medline."""
from __future__ import annotations

from pathlib import Path

import pytest

from litkg.extract.readers import Rejected, medline
from litkg.extract.records import Paper


def _papers(path: Path) -> list[Paper]:
    items = list(medline.read(path))
    bad = [i.message() for i in items if isinstance(i, Rejected)]
    assert not bad, bad
    return items  # type: ignore[return-value]


def _by_pmid(path: Path) -> dict[str, Paper]:
    return {p.pmid: p for p in _papers(path) if p.pmid}


def test_every_file_reads_every_record(corpus) -> None:
    files = sorted(corpus("medline").iterdir())
    assert len(files) >= 7
    for path in files:
        expected = sum(1 for line in path.read_bytes().splitlines() if line.startswith(b"PMID- "))
        items = list(medline.read(path))
        assert len(items) == expected, path.name
        for p in items:
            assert isinstance(p, Paper), p
            assert p.source == str(path) and isinstance(p.record, int)
            assert p.id.startswith(("doi:", "pmid:"))
            assert p.title or p.abstract
            assert "\r" not in p.title + p.abstract  # CRLF file included


def test_modern_record_with_per_author_affiliations(corpus) -> None:
    p = _by_pmid(corpus("medline", "p1m-ortho__citations.nbib"))["29742719"]
    assert p.record == 293
    names = [a.name for a in p.authors]
    assert names[0] == "Merino-Urrutia, Waldo" and names[6] == "Bergese, Sergio D"
    affs = [[p.affiliations[i] for i in a.affiliations] for a in p.authors]
    assert affs[3] == [
        "Department of Surgery, Orthopedic and Anesthesiology, Universidad de La Frontera, "
        "Hospital Hernan Henriquez Aravena, Temuco, Chile.",
        "Department of Anesthesiology.",
    ]
    assert affs[4] == ["Department of Anesthesiology."]  # the 5th author keeps the 5th author's
    assert affs[6] == [
        "Department of Anesthesiology.",
        "Department of Neurological Surgery, The Ohio State University Wexner Medical Center, Columbus, Ohio.",
    ]
    assert len(p.affiliations) == 3  # distinct strings only


def test_wrapped_fields_identifiers_and_dates(corpus) -> None:
    p = _papers(corpus("medline", "blachlylab-nbib__pubmed.nbib"))[0]
    assert p.id == "doi:10.1056/NEJMoa1812836" and p.pmid == "30501481"
    assert p.title == "Ibrutinib Regimens versus Chemoimmunotherapy in Older Patients with Untreated CLL."
    assert p.abstract.startswith("BACKGROUND: Ibrutinib has been approved by the Food and Drug Administration for the treatment")
    assert p.abstract.endswith("(Funded by the National Cancer Institute and Pharmacyclics; ClinicalTrials.gov number, NCT01886872 .).")
    assert (p.journal, p.date, p.volume, p.issue, p.pages) == ("N Engl J Med", "2018-12-27", "379", "26", "2517-2528")
    assert p.epub_date == "2018-12-01" and p.pmcid == "PMC6325637"
    assert p.extra["journal_title"] == "The New England journal of medicine"
    assert "Aged, 80 and over" in p.mesh
    ding = next(a for a in p.authors if a.name == "Ding, Wei")
    assert ding.orcid == "0000-0001-9811-4601"
    assert p.affiliations[ding.affiliations[0]].startswith("From Ohio State University Comprehensive Cancer Center")


def test_old_style_record_gives_its_one_affiliation_to_the_first_author(corpus) -> None:
    [p] = _papers(corpus("medline", "biopython__pubmed_result1.txt"))
    assert p.id == "pmid:12230038" and p.title == "The Bio* toolkits--a brief overview."
    assert p.affiliations == ["tacg Informatics, Irvine, CA 92612, USA. hjm@tacgi.com"]
    assert [(a.name, a.affiliations) for a in p.authors] == [("Mangalam, Harry", [0])]
    assert (p.date, p.journal) == ("2002-09", "Brief Bioinform")
    assert "Computational Biology" in p.mesh and "Programming Languages" in p.mesh


def test_old_style_file_with_leading_blank_line(corpus) -> None:
    papers = _papers(corpus("medline", "biopython__pubmed_result2.txt"))
    assert [p.pmid for p in papers] == ["16403221", "16377612", "14871861", "14630660"]
    assert all(p.authors[0].affiliations == [0] and not p.authors[1].affiliations for p in papers)


def test_group_author_and_article_language(corpus) -> None:
    papers = _papers(corpus("medline", "p1m-ortho__pubmed_result_45_medline.txt"))
    group = [p for p in papers if any(a.name == "AAST AORTA Study Group" for a in p.authors)]
    assert len(group) == 1 and group[0].authors[-1].name == "AAST AORTA Study Group"
    chinese = [p for p in papers if p.extra.get("article_language") == ["zh"]]
    assert len(chinese) == 2 and all(p.language == "en" for p in chinese)


@pytest.mark.parametrize("name", ["p1m-ortho__citations.nbib", "p1m-ortho__citations-1.nbib"])
def test_keywords_lose_major_topic_stars(corpus, name: str) -> None:
    papers = _papers(corpus("medline", name))
    assert not any(k.startswith("*") for p in papers for k in p.keywords + p.mesh)


def test_sniff() -> None:
    assert medline.sniff("\nPMID- 123\nOWN - NLM\n")
    assert not medline.sniff("TY  - JOUR\nTI  - x\n")
    assert not medline.sniff("PMID: 123\n")
