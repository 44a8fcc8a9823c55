"""Tests for extract.affiliations: seed strings, messy formats, gold scoring, key merging."""
from __future__ import annotations

import pytest

from extract.affiliations import ParsedAffiliation, Unit, parse_affiliation


def _one(text: str) -> ParsedAffiliation:
    affs = parse_affiliation(text)
    assert len(affs) == 1, affs
    return affs[0]


def _check_offsets(text: str, affs: list[ParsedAffiliation]) -> None:
    for a in affs:
        for u in a.units:
            assert isinstance(u, Unit)
            assert text[u.start:u.end] == u.text


def test_seed_centre() -> None:
    text = "Health Promotion Research Center at Dartmouth,Lebanon,New Hampshire,USA."
    a = _one(text)
    _check_offsets(text, [a])
    assert [u.text for u in a.units] == ["Health Promotion Research Center at Dartmouth"]
    assert a.city == "Lebanon"
    assert a.region == "New Hampshire" and a.region_code == "US-NH"
    assert a.country_code == "US" and a.country == "United States"
    assert a.city_geonames_id == 5088597  # Lebanon, NH in GeoNames


def test_seed_department_school() -> None:
    text = "Department of Psychiatry,Geisel School of Medicine at Dartmouth,Lebanon,New Hampshire,USA."
    a = _one(text)
    _check_offsets(text, [a])
    assert [(u.text, u.kind) for u in a.units] == [
        ("Department of Psychiatry", "department"),
        ("Geisel School of Medicine at Dartmouth", "school"),
    ]
    assert (a.city, a.region, a.region_code, a.country_code) == ("Lebanon", "New Hampshire", "US-NH", "US")
    assert a.city_geonames_id == 5088597
    dept, school = a.units
    assert dept.key.startswith(school.key) and dept.key != school.key
