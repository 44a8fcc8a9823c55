"""Tests for extract.affiliations.gazetteer (and the normalisation its look-ups take, extract.affiliations.text)."""
from __future__ import annotations

import io
import pickle

import pytest

from litkg.extract.affiliations import gazetteer as G
from litkg.extract.affiliations.gazetteer import cities
from litkg.extract.affiliations.text import fold, norm


def test_norm_and_fold() -> None:
    assert norm("The Netherlands.") == "netherlands"
    assert norm("Zürich") == norm("Zurich") == "zurich"
    assert norm("St. John's") == "st johns"
    assert fold("Łódź, Ærøskøbing") == "Lodz, AEroskobing"


def test_countries() -> None:
    assert G.country_lookup(norm("U.S.A.")) == "US"
    assert G.country_in("Korea, Republic of") == G.country_in("Republic of Korea") == "KR"
    assert G.country_in("China (mainland)") == "CN"
    assert G.country_lookup("kosovo") is None  # not in ISO 3166-1
    assert G.country_suffix("melbourne australia") == ("australia", "AU")
    assert G.country_suffix("australia") is None  # a word must be left before it
    assert G.country_name("KR") == "South Korea"
    assert G.country_of_email("x@uni-heidelberg.de") == "DE"


def test_regions() -> None:
    assert G.region_lookup("GA", "ga", None).code == "US-GA"  # postal codes: the US first
    assert G.region_lookup("WA", "wa", "AU").code == "AU-WA"
    assert G.region_lookup("Bavaria", "bavaria", "DE").code == "DE-BY"
    assert G.region_lookup("Bavaria", "bavaria", "FR") is None
    assert G.region_lookup("ga", "ga", None) is None  # codes only in capitals
    assert G.region_by_code("US-NH").name == "New Hampshire"


def test_cities() -> None:
    assert G.city_lookup("lebanon", "US").admin1 == "TN"  # the most populous Lebanon in the US
    nh = G.region_by_code("US-NH")
    assert G.city_lookup("lebanon", "US", nh).geonameid == 5088597
    assert G.city_lookup("munich").name == "Munich"
    assert G.city_lookup("munchen", main_name_only=True) is None  # an alternate name only
    assert G.city_lookup("munchen").name == "Munich"
    assert G.city_country_guess("paris").country == "FR"
    assert G.city_country_guess("cambridge") is None  # namesakes in GB and US


def test_city_index_cache_holds_builtins_only() -> None:
    """The on-disk index pickles no class of litkg, so moving a class never breaks an old cache."""
    nh, tn = cities.City(1, "Lebanon", "US", "NH", 13579), cities.City(2, "Lebanon", "US", "TN", 30262)
    index = {"lebanon": [nh, tn], "l": [tn], "x": []}
    plain = cities._to_plain(index)

    class BuiltinsOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            raise AssertionError(f"pickle names a class: {module}.{name}")

    back = cities._from_plain(BuiltinsOnly(io.BytesIO(pickle.dumps(plain))).load())
    assert back == index
    assert back["l"][0] is back["lebanon"][1]  # a city under several names is stored once
    assert cities._cache_file().name.endswith("-v3.pickle")


def test_city_index_is_rebuilt_from_a_bad_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = cities._cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps({"not": "an index"}))
    monkeypatch.setattr(cities, "_build_cities", lambda: {"x": []})
    cities._cities.cache_clear()
    try:
        assert cities._cities() == {"x": []}
        assert cities._from_plain(pickle.loads(path.read_bytes())) == {"x": []}  # and the cache rewritten
    finally:
        cities._cities.cache_clear()


@pytest.mark.parametrize("text, codes", [
    ("SE-171 77 Stockholm", ["SE-171 77"]),
    ("London SW1A 1AA", ["SW1A 1AA"]),
    ("Montreal, QC H3T 1E2", ["H3T 1E2"]),
    ("Columbus, OH 43210-1234", ["43210-1234"]),
    ("Boston", []),
])
def test_postcodes(text: str, codes: list[str]) -> None:
    assert [m.group(0) for m in G.POSTCODE_RE.finditer(text)] == codes


def test_streets_and_districts() -> None:
    assert G.is_street("P.O. Box 123") and G.is_street("Via Roma 5") and G.is_street("Ismaningerstrasse 22")
    assert G.is_street("Garnisonen 1") and not G.is_street("Garnisonen 1", weak=False)
    assert not G.is_street("Boston")
    assert G.is_district("shinjuku ku") and G.is_district("haidian district") and not G.is_district("beijing")
