"""Tests for extract.affiliations.parse (the whole parser): seed strings, messy formats, gold scoring, speed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from litkg.extract.affiliations import ParsedAffiliation, Unit, parse_affiliation
from litkg.extract.affiliations.text import norm


def _one(text: str) -> ParsedAffiliation:
    affs = parse_affiliation(text)
    assert len(affs) == 1, affs
    return affs[0]


def _check_offsets(text: str, affs: list[ParsedAffiliation]) -> None:
    for a in affs:
        assert text[a.start:a.end] == a.raw
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

GOLD = Path(__file__).resolve().parents[2] / "data" / "affiliations_gold.jsonl"


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


# ---------------------------------------------------------------- formats and edge cases


@pytest.mark.parametrize("text, units, city, region_code, country_code", [
    ("Dept. of Surgery, Univ. of Tartu, L. Puusepa 8, 51014 Tartu, Estonia.",
     ["Dept. of Surgery", "Univ. of Tartu"], "Tartu", None, "EE"),
    ("Department of Orthopaedics, Karolinska Institutet, SE-171 77 Stockholm, Sweden.",
     ["Department of Orthopaedics", "Karolinska Institutet"], "Stockholm", None, "SE"),
    ("Department of Orthopedics, Peking University Third Hospital, Beijing 100191, P.R. China.",
     ["Department of Orthopedics", "Peking University Third Hospital"], "Beijing", "CN-BJ", "CN"),
    ("Klinik für Psychiatrie, Universitätsklinikum Hamburg-Eppendorf, Martinistraße 52, 20246 Hamburg, "
     "Germany.", ["Klinik für Psychiatrie", "Universitätsklinikum Hamburg-Eppendorf"], "Hamburg", "DE-HH", "DE"),
    ("Service de Psychiatrie, Hôpital Sainte-Anne, Université Paris Descartes, Paris, France.",
     ["Service de Psychiatrie", "Hôpital Sainte-Anne", "Université Paris Descartes"], "Paris", None, "FR"),
    ("Departamento de Psiquiatría, Universidad de Chile, Santiago, Chile.",
     ["Departamento de Psiquiatría", "Universidad de Chile"], "Santiago", None, "CL"),
    ("Dipartimento di Neuroscienze, Università di Padova, Padova, Italy.",
     ["Dipartimento di Neuroscienze", "Università di Padova"], "Padova", None, "IT"),
    ("DEPARTMENT OF PSYCHIATRY, UNIVERSITY OF MICHIGAN, ANN ARBOR, MI 48109, USA.",
     ["DEPARTMENT OF PSYCHIATRY", "UNIVERSITY OF MICHIGAN"], "ANN ARBOR", "US-MI", "US"),
    ("Department of Psychiatry, Seoul National University College of Medicine, Seoul, Republic of Korea.",
     ["Department of Psychiatry", "Seoul National University College of Medicine"], "Seoul", None, "KR"),
    ("Dept. of Psychology, Inst. of Psychiatry, King's College London, London SE5 8AF, UK.",
     ["Dept. of Psychology", "Inst. of Psychiatry", "King's College London"], "London", None, "GB"),
    ("Trimbos Institute, Utrecht, The Netherlands. jdoe@trimbos.nl",
     ["Trimbos Institute"], "Utrecht", None, "NL"),
])
def test_formats(text: str, units: list[str], city: str, region_code: str | None, country_code: str) -> None:
    a = _one(text)
    _check_offsets(text, [a])
    assert [u.text for u in a.units] == units
    assert a.city == city
    if region_code:
        assert a.region_code == region_code
    assert a.country_code == country_code


def test_email_never_a_unit() -> None:
    text = ("Department of Psychiatry, Dartmouth College, Lebanon, NH 03766, USA. "
            "Electronic address: john.naslund@dartmouth.edu.")
    a = _one(text)
    assert a.email == "john.naslund@dartmouth.edu"
    assert [u.text for u in a.units] == ["Department of Psychiatry", "Dartmouth College"]
    assert a.postcode == "03766" and a.region_code == "US-NH" and a.city == "Lebanon"


def test_phone_numbers_and_labels_are_cut_out() -> None:
    text = "Present address: Department of Surgery, Univ. of Tartu, Tartu, Estonia. Tel.: +372 731 9100"
    a = _one(text)
    _check_offsets(text, [a])
    assert [u.text for u in a.units] == ["Department of Surgery", "Univ. of Tartu"]
    assert a.country_code == "EE"


def test_several_affiliations_and_offsets() -> None:
    text = ("Department of Psychiatry, Geisel School of Medicine at Dartmouth, Lebanon, NH, USA; "
            "Harvard T.H. Chan School of Public Health, Boston, MA, USA and Department of Psychology, "
            "University of Oxford, Oxford, UK.")
    affs = parse_affiliation(text)
    _check_offsets(text, affs)
    assert [[u.text for u in a.units] for a in affs] == [
        ["Department of Psychiatry", "Geisel School of Medicine at Dartmouth"],
        ["Harvard T.H. Chan School of Public Health"],
        ["Department of Psychology", "University of Oxford"],
    ]
    assert [a.country_code for a in affs] == ["US", "US", "GB"]
    assert [a.raw for a in affs][1] == "Harvard T.H. Chan School of Public Health, Boston, MA, USA"


def test_semicolons_inside_one_affiliation_are_joined() -> None:
    text = "Department of X; Baylor College of Medicine; Houston, TX, USA"
    a = _one(text)
    _check_offsets(text, [a])
    assert [u.text for u in a.units] == ["Department of X", "Baylor College of Medicine"]
    assert (a.city, a.region_code) == ("Houston", "US-TX")


def test_embase_author_prefix() -> None:
    text = ("(Akagami M.; Ouchi Y.) Kenpoku Livestock Hygiene Service Center, Mito, Ibaraki, Japan\n"
            "(Ito M.) Ishikawa Nanbu Livestock Hygiene Service Center, Kanazawa, Ishikawa, Japan")
    affs = parse_affiliation(text)
    _check_offsets(text, affs)
    assert [[u.text for u in a.units] for a in affs] == [
        ["Kenpoku Livestock Hygiene Service Center"], ["Ishikawa Nanbu Livestock Hygiene Service Center"]]
    assert [(a.city, a.region_code) for a in affs] == [("Mito", "JP-08"), ("Kanazawa", "JP-17")]


def test_cjk_affiliation() -> None:
    text = "北京大学第六医院，北京 100191，中国"
    a = _one(text)
    _check_offsets(text, [a])
    assert [u.text for u in a.units] == ["北京大学第六医院"]
    assert a.units[0].kind == "hospital"
    assert a.postcode == "100191" and a.country_code == "CN"


def test_campus_named_by_its_city_stays_in_the_name() -> None:
    a = _one("University of California, San Francisco, San Francisco, CA, USA")
    assert [u.text for u in a.units] == ["University of California, San Francisco"]
    assert (a.city, a.region_code) == ("San Francisco", "US-CA")


def test_empty_strings() -> None:
    assert parse_affiliation("") == [] and parse_affiliation("  ;  ") == []


def test_results_are_fresh_copies() -> None:
    text = "Department of Psychiatry, Dartmouth College, Hanover, NH, USA."
    a = parse_affiliation(text)[0]
    a.units.clear()
    a.city = "changed"
    b = parse_affiliation(text)[0]
    assert [u.text for u in b.units] == ["Department of Psychiatry", "Dartmouth College"]
    assert b.city == "Hanover"
