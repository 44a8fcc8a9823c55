"""Tests for extract.affiliations: seed strings, messy formats, gold scoring, key merging."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.affiliations import ParsedAffiliation, Unit, parse_affiliation
from extract.places import norm


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


# ---------------------------------------------------------------- gold-set scoring

GOLD = Path(__file__).resolve().parents[1] / "data" / "affiliations_gold.jsonl"


def load_gold() -> list[dict]:
    """The hand-annotated gold affiliations (see tests/data/affiliations_gold.jsonl)."""
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _city_norm(city: str | None) -> str | None:
    return norm(city) if city else None


def score_gold(rows: list[dict]) -> dict[str, float]:
    """Score the parser on gold rows.

    Units are compared per string as sets of exact strings (a string holding several
    affiliations is scored on the union of their units); city, region and country are
    those of the first affiliation in the string.

    Returns:
        Unit precision, recall and F1 (micro-averaged), country accuracy, city accuracy
        (over all rows, ``None`` matching ``None``) and region-code accuracy over rows
        whose gold names a region.
    """
    tp = fp = fn = 0
    country_ok = city_ok = region_ok = region_n = 0
    for row in rows:
        affs = parse_affiliation(row["text"])
        pred = {u.text for a in affs for u in a.units}
        gold = set(row["units"])
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        first = affs[0] if affs else None
        country_ok += (first.country_code if first else None) == row["country_code"]
        city_ok += _city_norm(first.city if first else None) == _city_norm(row["city"])
        if row.get("region_code"):
            region_n += 1
            region_ok += (first.region_code if first else None) == row["region_code"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = len(rows)
    return {"precision": p, "recall": r, "f1": f1, "country_accuracy": country_ok / n,
            "city_accuracy": city_ok / n, "region_accuracy": region_ok / region_n if region_n else 1.0,
            "n": n}


def test_gold_set_is_well_formed() -> None:
    rows = load_gold()
    assert len(rows) >= 150
    for row in rows:
        for u in row["units"]:
            assert u in row["text"], u
        assert row["country_code"] is None or len(row["country_code"]) == 2


def test_gold_scores() -> None:
    s = score_gold(load_gold())
    assert s["f1"] >= 0.90, s
    assert s["country_accuracy"] >= 0.97, s
