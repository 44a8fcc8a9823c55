"""Tests for extract.affiliations.keys: slugs, merging spellings, keeping apart what differs, the MEDLINE corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from litkg.extract.affiliations import ParsedAffiliation, parse_affiliation, unit_slug
from litkg.extract.affiliations.keys import is_generic, make_units, unit_key_slug
from litkg.extract.affiliations.model import Part


def _keys(text: str) -> list[str]:
    return [u.key for a in parse_affiliation(text) for u in a.units]


def _check_offsets(text: str, affs: list[ParsedAffiliation]) -> None:
    for a in affs:
        for u in a.units:
            assert text[u.start:u.end] == u.text


def test_slugs_normalise_spelling_and_abbreviations() -> None:
    assert unit_slug("Dept. of Orthopaedic Surg., Univ. Hosp.") == \
        unit_slug("Department of Orthopedic Surgery, University Hospital")
    assert unit_slug("Centre for Haematology") == unit_slug("Center for Hematology")
    assert unit_slug("St. Mary's Hospital") == "saint-marys-hospital"
    assert unit_slug("Universität Zürich") == "university-zurich"


def test_a_trailing_acronym_is_dropped_unless_the_name_is_generic() -> None:
    assert unit_key_slug("Ohio State University (OSU)") == unit_key_slug("Ohio State University")
    assert unit_key_slug("University Hospital (UH)") != unit_key_slug("University Hospital")
    assert is_generic("university-hospital") and not is_generic("ohio-state-university")


def test_make_units_orders_smallest_first_and_chains_keys() -> None:
    text = "The Ohio State University, Department of Surgery, Division of Vascular Surgery"
    names = [("The Ohio State University", "university"), ("Department of Surgery", "department"),
             ("Division of Vascular Surgery", "department")]
    parts = [Part(text.index(t), text.index(t) + len(t), t, kind) for t, kind in names]
    units = make_units(parts, ParsedAffiliation(raw=text))
    assert [u.text for u in units] == \
        ["Division of Vascular Surgery", "Department of Surgery", "The Ohio State University"]
    assert [u.key for u in units] == ["ohio-state-university/department-surgery/division-vascular-surgery",
                                      "ohio-state-university/department-surgery", "ohio-state-university"]


def test_keys_merge_spellings_of_one_organisation() -> None:
    assert _keys("Dept. of Psychiatry, Univ. of Michigan, Ann Arbor, MI.") == \
        _keys("Department of Psychiatry, University of Michigan, Ann Arbor, Michigan, USA")
    assert _keys("The Ohio State University, Columbus, OH")[0] == \
        _keys("OHIO STATE UNIVERSITY, Columbus, Ohio.")[0]
    assert _keys("Technische Universität München, Munich, Germany")[0] == \
        _keys("Technische Universitaet Muenchen, Munich, Germany")[0].replace("muenchen", "munchen")


def test_keys_keep_apart_what_differs() -> None:
    # same department name, different universities
    a = _keys("Department of Psychiatry, Geisel School of Medicine at Dartmouth, Lebanon, NH, USA")[0]
    b = _keys("Department of Psychiatry, University of Oxford, Oxford, UK")[0]
    assert a != b
    # "University of Washington" (Seattle) and "Washington University" (St. Louis) are not one
    assert _keys("University of Washington, Seattle, WA")[0] != _keys("Washington University, St. Louis, MO")[0]
    # "Dartmouth College" is not merged with anything named only "Dartmouth"
    assert _keys("Dartmouth College, Hanover, NH")[0] != _keys("Health Promotion Research Center at Dartmouth")[0]
    # generic names are qualified by place
    assert _keys("University Hospital, Heidelberg, Germany")[0] != _keys("University Hospital, Basel, Switzerland")[0]


def test_generic_and_department_tops_are_qualified_by_place() -> None:
    assert _keys("University Hospital, Heidelberg, Germany") == ["university-hospital@heidelberg-de"]
    assert _keys("Department of Psychiatry, Ann Arbor MI 48109") == ["department-psychiatry@ann-arbor-us"]
    (key,) = _keys("University Hospital")  # no place at all: a hash of the affiliation
    assert key.startswith("university-hospital@x") and len(key) == len("university-hospital@x") + 10


def test_keys_are_ascii() -> None:
    for text in ("北京大学第六医院，北京 100191，中国", "Universität Zürich, Zürich, Switzerland"):
        for key in _keys(text):
            assert key.isascii() and key, key


# ---------------------------------------------------------------- the whole MEDLINE corpus


def _local_shared() -> Path:
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    if not shared.is_dir():
        pytest.skip(f"shared data folder not present: {shared}")
    return shared


@pytest.fixture(scope="module")
def medline_units(request: pytest.FixtureRequest) -> dict[str, dict[str, set[str]]]:
    """For every unit key in the MEDLINE corpus: unit text -> raw affiliation strings."""
    from litkg.extract.readers import medline

    try:
        shared = request.getfixturevalue("shared_dir")
    except pytest.FixtureLookupError:
        shared = _local_shared()
    files = sorted((shared / "corpus" / "medline").glob("*"))
    if not files:
        pytest.skip("no MEDLINE files in shared/corpus/medline")
    out: dict[str, dict[str, set[str]]] = {}
    n = 0
    for path in files:
        for paper in medline.read(path):
            for aff in getattr(paper, "affiliations", []):
                n += 1
                parsed = parse_affiliation(aff)
                _check_offsets(aff, parsed)
                for a in parsed:
                    for u in a.units:
                        out.setdefault(u.key, {}).setdefault(u.text, set()).add(aff)
    assert n > 900
    return out


def test_corpus_one_university_several_spellings(medline_units: dict[str, dict[str, set[str]]]) -> None:
    texts = set(medline_units["ohio-state-university"])
    assert {"The Ohio State University", "Ohio State University", "THE OHIO STATE UNIVERSITY"} <= texts
    cancer = set(medline_units["ohio-state-university-comprehensive-cancer-center"])
    assert {"The Ohio State University Comprehensive Cancer Center",
            "Ohio State University Comprehensive Cancer Center"} <= cancer


def test_corpus_same_department_different_universities(medline_units: dict[str, dict[str, set[str]]]) -> None:
    keys = {k for k, texts in medline_units.items() if "Department of Pathology" in texts}
    assert "ohio-state-university/department-pathology" in keys
    assert "stanford-university-school-med/department-pathology" in keys
    # no key mixes departments of different top-level organisations
    for key in keys:
        assert "/" in key or "@" in key, key
