"""PubMed "Abstract (text)" reader on ../shared/corpus/plaintext."""
from __future__ import annotations

import re

import pytest

from litkg.extract.readers import Rejected, pubmed_text
from litkg.extract.records import Paper

NAME = "OliverCardiff-Literature_networks__pubmed_result.txt"


@pytest.fixture(scope="module")
def items(corpus) -> list[Paper]:
    items = list(pubmed_text.read(corpus("plaintext", NAME)))
    bad = [i.message() for i in items if isinstance(i, Rejected)]
    assert not bad, bad
    return items  # type: ignore[return-value]


@pytest.fixture(scope="module")
def papers(items: list[Paper]) -> dict[str, Paper]:
    return {p.pmid: p for p in items if p.pmid}


def test_every_record_is_read(corpus, items: list[Paper]) -> None:
    text = corpus("plaintext", NAME).read_text(encoding="utf-8")
    pmids = re.findall(r"^PMID: (\d+)", text, re.M)
    numbered_lines = re.findall(r"^\d+\. ", text, re.M)
    assert len(items) == len(pmids) == 1422
    assert [p.pmid for p in items] == pmids
    assert len(numbered_lines) > len(pmids)  # numbered lines inside abstracts do not start records
    assert all(p.title and p.journal and p.date for p in items)


def test_structured_abstract_and_affiliations(papers: dict[str, Paper]) -> None:
    p = papers["30820436"]
    assert p.id == "doi:10.1159/000495462" and p.record == 60 and p.pmcid == "PMC6390416"
    assert p.title == ("Dysbiosis of the Gut Microbiota on the Inflammatory Background due to Lack of "
                       "Suppressor of Cytokine Signalling-1 in Mice.")
    assert (p.journal, p.date, p.volume, p.issue, p.pages, p.epub_date) == (
        "Inflamm Intest Dis", "2019-02", "3", "3", "145-154", "2019-01-10")
    assert [s.split(":")[0] for s in p.abstract.split("\n")] == ["Background", "Methods", "Results", "Conclusion"]
    names = [a.name for a in p.authors]
    assert len(names) == 23 and names[5] == "Dewayani A" and names[-1] == "Kobayashi T"  # wrapped names rejoined
    by_name = {a.name: [p.affiliations[i] for i in a.affiliations] for a in p.authors}
    assert by_name["Gendo Y"] == [
        "Department of Infectious Disease Control, Faculty of Medicine, Oita University, Yufu, Japan.",
        "Department of Gastroenterology, Faculty of Medicine, Oita University, Yufu, Japan."]
    assert by_name["Yoshimatsu T"] == ["Department of Diagnostic Pathology, Faculty of Medicine, Oita University, Yufu, Japan."]


def test_first_record_and_electronic_address(papers: dict[str, Paper]) -> None:
    p = papers["30831485"]
    assert p.record == 2 and p.id == "doi:10.1016/j.phymed.2018.12.034"
    assert p.abstract.split("\n")[1].startswith("HYPOTHESIS/PURPOSE: The anti-inflammatory potential")
    assert p.affiliations[2].endswith("Bathinda, Punjab, India. Electronic address: rk.wusirika@cup.edu.in.")
    assert p.extra["copyright"] == "Copyright © 2019 Elsevier GmbH. All rights reserved."


def test_partial_markers_notes_and_publisher_abstract(papers: dict[str, Paper]) -> None:
    p = papers["28902123"]
    assert [(a.name, a.affiliations) for a in p.authors][:2] == [("Liu X", [0]), ("Yu R", [])]
    p = papers["30146816"]
    assert p.title == "[Protein ubiquitination on the regulation of inflammatory bowel disease]."
    assert p.extra["article_language"] == ["zh"] and p.language == "en"
    assert p.id == "pmid:30146816"
    p = papers["30700240"]  # its DOI and PMID lines follow the German abstract without a blank line
    assert p.record == 1000 and p.id == "doi:10.1024/0040-5930/a000999"
    assert p.translations["de"].startswith("Zusammenfassung. Chronisch entzündliche Darmerkrankungen")
    assert "Publisher:" not in p.abstract and "PMID" not in p.translations["de"]


def test_authors_without_markers(papers: dict[str, Paper]) -> None:
    p = next(q for q in papers.values() if q.record == 1784)  # "Dudík B, Sepová HK, Bilková A."
    assert [a.name for a in p.authors] == ["Dudík B", "Sepová HK", "Bilková A"]
    assert p.abstract.startswith("The incidence of inflammatory bowel disease (IBD)")
    assert p.date == "2018"  # "2018 Winter"


def test_sniff() -> None:
    assert pubmed_text.sniff("\n1. Phytomedicine. 2018 Dec 31;57:364-376. doi: 10.1016/x. [Epub\nahead of print]\n\nT.")
    assert not pubmed_text.sniff("Epidemiol Psychiatr Sci. 2016 Apr;25(2):113-22.\n")
    assert not pubmed_text.sniff("1. Buy milk\n2. Eggs\n")
