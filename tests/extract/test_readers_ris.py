"""RIS reader on the real exports in ../shared/corpus/ris (Scopus, PsycINFO, Embase, Web of Science)."""
from __future__ import annotations

from pathlib import Path

from litkg.extract.readers import Rejected, ris
from litkg.extract.records import Paper


def _papers(path: Path) -> list[Paper]:
    items = list(ris.read(path))
    bad = [i.message() for i in items if isinstance(i, Rejected)]
    assert not bad, bad
    return items  # type: ignore[return-value]


def _first_author(papers: list[Paper], surname: str) -> Paper:
    return next(p for p in papers if p.authors and p.authors[0].name.split(",")[0] == surname)


def _affs(p: Paper) -> dict[str, list[str]]:
    return {a.name: [p.affiliations[i] for i in a.affiliations] for a in p.authors}


def test_every_file_reads_every_record(corpus) -> None:
    files = sorted(corpus("ris").iterdir())
    assert len(files) >= 3
    for path in files:
        expected = sum(1 for line in path.read_bytes().splitlines() if line.startswith(b"ER  -"))
        papers = _papers(path)
        assert len(papers) == expected, path.name
        assert all(p.source == str(path) and isinstance(p.record, int) and p.title for p in papers)


def test_scopus_record_fields(corpus) -> None:
    papers = _papers(corpus("ris", "asreview__schoot-lgmm-ptsd-included-1.ris"))
    p = _first_author(papers, "Adams")
    assert p.id == "doi:10.1037/a0039713" and p.record == 23
    assert p.title == ("Polyvictimization: Latent profiles and mental health outcomes in a clinical sample "
                       "of adolescents")
    assert p.abstract.startswith("Objective: Exposure to multiple traumatic events (polyvictimization)")
    assert (p.journal, p.date, p.volume, p.issue, p.pages) == ("Psychology of Violence", "2016", "6", "1", "145-155")
    assert p.keywords == ["Adolescence", "Complex trauma", "Mental health", "Polytraumatization", "Polyvictimization"]
    assert len(p.extra["urls"]) == 2
    # two affiliation lines, no way to tell whose: the paper keeps them, no author claims them
    assert len(p.affiliations) == 2 and not any(a.affiliations for a in p.authors)


def test_names_in_affiliation_lines_are_matched_to_authors(corpus) -> None:
    papers = _papers(corpus("ris", "asreview__schoot-lgmm-ptsd-included-1.ris"))
    p = _first_author(papers, "Boscarino")  # Scopus: "Boscarino, J.A., Center for Health Research, ..."
    assert _affs(p)["Boscarino, J. A."] == ["Center for Health Research, Geisinger Clinic, Danville, PA 17822-4400, United States"]
    p = _first_author(papers, "Arpawong")  # PsycINFO: "Arpawong, Thalida E.: Department ..." + an e-mail-only line
    assert len(p.affiliations) == 1
    assert _affs(p)["Arpawong, Thalida E."][0].startswith("Department of Psychology, University of Southern California")
    p = _first_author(papers, "Alway")  # numbered lines lose their footnote number
    assert p.affiliations[0] == "School of Psychological Sciences, Monash University , Melbourne Australia ."
    assert p.date == "2015-09-18"  # PY 2015 + DA "Sep 18"


def test_embase_author_lists(corpus) -> None:
    papers = _papers(corpus("ris", "asreview__Virus_Metagenomics_in_Farm_Animals-INCLUDED-v2.txt"))
    p = papers[0]
    assert p.id == "doi:10.1007/s11262-017-1464-9"
    assert p.title == "Complete genome analysis of porcine kobuviruses from the feces of pigs in Japan"
    affs = _affs(p)
    assert len(p.authors) == 22 and len(p.affiliations) == 10
    assert affs["Haga, K."] == [
        "Laboratory of Viral Infection I, Kitasato Institute for Life Sciences, Graduate School of Infection "
        "Control Sciences, Minato, Tokyo, Japan",
        "Department of Virology II, National Institute of Infectious Diseases, Musashimurayama, Tokyo, Japan",
    ]
    assert affs["Ouchi, Y."] == affs["Akagami, M."] == [
        "Kenpoku Livestock Hygiene Service Center, Mito, Ibaraki, Japan"]
    # "(Nagai M., e-mail) Dept..." and the correspondence line "M. Nagai, Dept..." give one affiliation, not two
    assert affs["Nagai, M."][1] == "Department of Bioproduction Science, Ishikawa Prefectural University, Nonoichi, Ishikawa, Japan"
    assert len(affs["Nagai, M."]) == 2
    assert p.extra["article_language"] == ["en"] and p.language == "en"


def test_web_of_science_bracketed_author_lists(corpus) -> None:
    papers = _papers(corpus("ris", "asreview__Virus_Metagenomics_in_Farm_Animals-INCLUDED-v2.txt"))
    p = next(p for p in papers if p.id == "WOS:000383371100024")
    affs = _affs(p)
    bern = "Univ Bern, Vetsuisse Fac, Div Neurol Sci, NeuroCtr, Bremgartenstr 109a, CH-3012 Bern, Switzerland."
    assert affs["Bouzalas, I. G."] == [bern]
    assert affs["Seuberlich, T."] == [bern]  # its "(reprint author)" line adds nothing new
    assert affs["Wuthrich, D."] == ["Univ Bern, Interfac Bioinformat Unit, Baltzerstr 6, CH-3012 Bern, Switzerland.",
                                    "Swiss Inst Bioinformat, Baltzerstr 6, CH-3012 Bern, Switzerland."]
    assert not any("@" in a for a in p.affiliations)


def test_sniff() -> None:
    assert ris.sniff("\nTY  - JOUR\nAU  - A, B\n")
    assert not ris.sniff("PMID- 1\n")
