"""Tests for extract.affiliations.parts: one affiliation into parts, and parts into unit names."""
from __future__ import annotations

import pytest

from litkg.extract.affiliations.kinds import unit_kind
from litkg.extract.affiliations.model import Part
from litkg.extract.affiliations.parts import merge_continuations, split_and, split_parts, strip_lead_junk, trim


def _parts(text: str) -> list[str]:
    parts = split_parts(text, 0, len(text))
    assert all(text[p.start:p.end] == p.text for p in parts)
    return [p.text for p in parts]


def _merged(text: str) -> list[str]:
    parts = merge_continuations(text, split_parts(text, 0, len(text)))
    assert all(text[p.start:p.end] == p.text for p in parts)
    return [p.text for p in parts]


def test_split_at_commas_and_sentence_ends_not_abbreviations_or_brackets() -> None:
    assert _parts("Dept. of Surgery (Section A, B), Univ. of Tartu. Tartu, Estonia") == \
        ["Dept. of Surgery (Section A, B)", "Univ. of Tartu", "Tartu", "Estonia"]
    assert _parts("Department of Medicine - Oslo University Hospital, Oslo") == \
        ["Department of Medicine", "Oslo University Hospital", "Oslo"]
    assert _parts("北京大学第六医院，北京 100191，中国") == ["北京大学第六医院", "北京 100191", "中国"]


def test_trim_drops_punctuation_and_unmatched_brackets() -> None:
    text = " (Department of X; "
    s, e = trim(text, 0, len(text))
    assert text[s:e] == "Department of X"


@pytest.mark.parametrize("text, rest", [
    ("From the Department of Surgery", "Department of Surgery"),
    ("and the Institute of X", "Institute of X"),
    ("aDepartment of Surgery", "Department of Surgery"),
    ("Department of Surgery", "Department of Surgery"),
])
def test_strip_lead_junk(text: str, rest: str) -> None:
    assert text[strip_lead_junk(text, 0, len(text)):] == rest


def test_continuations_are_joined() -> None:
    assert _merged("Department of Orthopedic, Trauma and Plastic Surgery, University of Leipzig") == \
        ["Department of Orthopedic, Trauma and Plastic Surgery", "University of Leipzig"]
    assert _merged("Department of Psychiatry, and Harvard Medical School") == \
        ["Department of Psychiatry", "Harvard Medical School"]


def test_company_suffix_joins_its_name_but_a_state_code_does_not() -> None:
    assert _merged("Acme Pharma, S.A., Madrid, Spain") == ["Acme Pharma, S.A", "Madrid", "Spain"]
    assert _merged("Flinders University, Adelaide, SA, Australia") == \
        ["Flinders University", "Adelaide", "SA", "Australia"]


@pytest.mark.parametrize("text, units", [
    ("Dana-Farber Cancer Institute and Boston Children's Hospital",
     ["Dana-Farber Cancer Institute", "Boston Children's Hospital"]),
    ("University of Southampton & SUHT", ["University of Southampton", "SUHT"]),
    ("Brigham and Women's Hospital", ["Brigham and Women's Hospital"]),
    ("Department of Psychiatry and Behavioral Sciences", ["Department of Psychiatry and Behavioral Sciences"]),
])
def test_split_and(text: str, units: list[str]) -> None:
    got = split_and(text, Part(0, len(text), text, unit_kind(text)))
    assert [p.text for p in got] == units
    assert all(text[p.start:p.end] == p.text for p in got)


def test_split_and_leaves_parts_without_kind_alone() -> None:
    p = Part(0, 13, "Alpha and Beta")
    assert split_and("Alpha and Beta", p) == [p]
