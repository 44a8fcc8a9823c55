"""The seed's plain-text format: parts found by their shape, several records per file."""
from __future__ import annotations

from pathlib import Path

from litkg.extract.readers import Rejected, read_papers
from litkg.extract.readers.citation import parse_citation, parse_date

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
DATA = ROOT / "tests" / "data"


def test_seed_fields():
    (paper,) = list(read_papers([SEED]))
    assert paper.id == "doi:10.1017/S2045796015001067"
    assert paper.journal == "Epidemiol Psychiatr Sci"
    assert (paper.date, paper.volume, paper.issue, paper.pages) == ("2016-04", "25", "2", "113-22")
    assert paper.epub_date == "2016-01-08"
    assert paper.year == 2016
    assert paper.affiliations == [
        "Health Promotion Research Center at Dartmouth,Lebanon,New Hampshire,USA.",
        "Department of Psychiatry,Geisel School of Medicine at Dartmouth,Lebanon,New Hampshire,USA.",
    ]
    assert paper.abstract.startswith("People with serious mental illness are increasingly")
    assert paper.abstract.endswith("in the offline world.")
    assert paper.abstract.count("\n") == 3  # four English paragraphs
    assert set(paper.translations) == {"zh"}
    assert paper.translations["zh"].startswith("越来越多患有严重精神疾病的人")
    assert "越" not in paper.abstract


def test_several_records_separated_by_blank_lines():
    papers = list(read_papers([DATA / "two_records.txt"]))
    assert [p.id for p in papers] == ["doi:10.9999/jops.2021.001", "hash:" + papers[1].id[5:]]
    assert papers[0].affiliations == ["Department of Psychology,University of Exampleton,Springfield,Illinois,USA."]
    assert papers[1].journal == "Nurs Digit Health" and papers[1].date == "2019"
    assert papers[1].abstract.startswith("Smartphone apps")
    assert not any(isinstance(p, Rejected) for p in papers)


def test_block_without_citation_is_rejected_with_line(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("Just some text without any citation line.\nAnother line.\n", encoding="utf-8")
    # not recognisable at all: unknown format
    (rej,) = list(read_papers([f]))
    assert isinstance(rej, Rejected) and "unknown format" in rej.reason


def test_citation_variants():
    c = parse_citation("BMJ Open. 2020 Jan-Feb;10(1):e031234. doi: 10.1136/bmjopen-2019-031234.")
    assert c["journal"] == "BMJ Open" and c["date"] == "2020-01" and c["pages"] == "e031234"
    assert c["doi"] == "10.1136/bmjopen-2019-031234"
    assert parse_citation("This is not a citation.") is None
    assert parse_date("2016 Jan 8") == "2016-01-08"
