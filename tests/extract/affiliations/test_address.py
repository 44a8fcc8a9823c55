"""Tests for extract.affiliations.address: the place read from the right of an affiliation."""
from __future__ import annotations

import pytest

from litkg.extract.affiliations import ParsedAffiliation, parse_affiliation
from litkg.extract.affiliations.address import read_places
from litkg.extract.affiliations.kinds import unit_kind
from litkg.extract.affiliations.parts import split_parts


def _one(text: str) -> ParsedAffiliation:
    (a,) = parse_affiliation(text)
    return a


def _read(text: str) -> tuple[int, ParsedAffiliation]:
    parts = split_parts(text, 0, len(text))
    for p in parts:
        p.kind = unit_kind(p.text)
    aff = ParsedAffiliation(raw=text, end=len(text))
    return read_places(parts, aff), aff


def test_read_places_stops_at_the_first_unit_from_the_right() -> None:
    stop, aff = _read("Department of X, Dartmouth College, 1 Rope Ferry Road, Hanover, NH 03755, USA")
    assert stop == 2
    assert (aff.street, aff.city, aff.postcode, aff.region_code, aff.country_code) == \
        ("1 Rope Ferry Road", "Hanover", "03755", "US-NH", "US")
    assert aff.country == "United States" and aff.region == "New Hampshire"


def test_read_places_with_no_place() -> None:
    stop, aff = _read("Department of X, Dartmouth College")
    assert stop == 2 and aff.city is None and aff.country_code is None


@pytest.mark.parametrize("text, city, postcode, region_code, country_code", [
    # a postal district after the city
    ("Department of Surgery, Trinity College Dublin, Dublin 8, Ireland", "Dublin", "8", None, "IE"),
    # Georgia the US state, and Georgia the country
    ("Department of Medicine, Emory University, Atlanta, Georgia", "Atlanta", None, "US-GA", "US"),
    ("Department of Medicine, Tbilisi State Medical University, Tbilisi, Georgia", "Tbilisi", None, "GE-TB", "GE"),
    # a country glued to the city
    ("School of Psychological Sciences, Monash University, Melbourne Australia", "Melbourne", None, None, "AU"),
    # a region code glued to the city, and the postcode after it
    ("Department of Psychiatry, Ann Arbor MI 48109", "Ann Arbor", "48109", "US-MI", "US"),
    # a big city with namesakes elsewhere: the city, but no country
    ("Hospital Clinic, Barcelona", "Barcelona", None, None, None),
    # "Cedex" and a street with a number range
    ("Institut Pasteur, 25-28 Rue du Docteur Roux, 75015 Paris Cedex 15, France", "Paris", "75015", None, "FR"),
])
def test_places(text: str, city: str, postcode: str | None, region_code: str | None,
                country_code: str | None) -> None:
    a = _one(text)
    assert (a.city, a.postcode, a.region_code, a.country_code) == (city, postcode, region_code, country_code)


def test_country_from_the_e_mail_domain() -> None:
    assert _one("Department of Psychiatry, Stanford University. jdoe@stanford.edu").country_code == "US"
    assert _one("Department of Surgery, Imperial College. j.doe@imperial.ac.uk").country_code == "GB"


def test_street_and_geonames_id() -> None:
    a = _one("Institut Pasteur, 25-28 Rue du Docteur Roux, 75015 Paris Cedex 15, France")
    assert a.street == "25-28 Rue du Docteur Roux"
    assert a.city_geonames_id == 2988507  # Paris, France


def test_a_city_of_another_country_is_dropped() -> None:
    # "Lebanon" is a US city here, not the country; its GeoNames id is the New Hampshire one
    a = _one("Dartmouth College, Lebanon, NH, USA")
    assert (a.city, a.country_code, a.city_geonames_id) == ("Lebanon", "US", 5088597)
