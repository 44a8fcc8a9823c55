"""Tests for extract.affiliations.kinds: the unit lexicon and how kinds nest."""
from __future__ import annotations

import pytest

from litkg.extract.affiliations import ParsedAffiliation, parse_affiliation, unit_kind
from litkg.extract.affiliations.kinds import RANK, sub_rank


def _one(text: str) -> ParsedAffiliation:
    affs = parse_affiliation(text)
    assert len(affs) == 1, affs
    return affs[0]


def _one_kind(text: str) -> str:
    return _one(text).units[0].kind


def test_kinds() -> None:
    text = ("Division of Hematology, Department of Internal Medicine, The Ohio State University "
            "Comprehensive Cancer Center, Columbus, OH, USA.")
    a = _one(text)
    assert [u.kind for u in a.units] == ["department", "department", "centre"]
    assert [u.text for u in _one("Pfizer Inc, New York, NY, USA.").units] == ["Pfizer Inc"]
    assert _one_kind("Pfizer Inc, New York, NY, USA.") == "company"
    assert _one_kind("National Institute of Mental Health, Bethesda, MD, USA.") == "institute"
    assert _one_kind("Ministry of Health, Singapore.") == "agency"
    assert _one_kind("Massachusetts General Hospital, Boston, MA.") == "hospital"


@pytest.mark.parametrize("name, kind", [
    ("Department of Psychiatry", "department"),
    ("2nd Department of Surgery", "department"),
    ("Klinik für Psychiatrie", "department"),       # a department head word before "Klinik"
    ("Ministry of Health", "agency"),
    ("U.S. Department of Veterans Affairs", "agency"),
    ("Universitätsklinikum Hamburg-Eppendorf", "hospital"),
    ("Karolinska Institutet", "institute"),
    ("Harvard T.H. Chan School of Public Health", "school"),
    ("Università di Padova", "university"),
    ("Acme Pharmaceuticals", "company"),
    ("Wellcome Trust", "other"),
    ("北京大学", "university"),
    ("Charité", None),
])
def test_unit_kind(name: str, kind: str | None) -> None:
    assert unit_kind(name) == kind


def test_ranks_nest_departments_in_schools_in_universities() -> None:
    assert RANK["department"] < RANK["centre"] < RANK["school"] < RANK["university"]
    assert set(RANK) == {"department", "other", "centre", "institute", "school", "hospital", "university",
                         "company", "agency"}


def test_sub_rank_orders_within_departments() -> None:
    ranks = [sub_rank(t, "department") for t in ("Laboratory of X", "Division of X", "Department of X")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3
    assert sub_rank("Division of X", "school") == 0.0
