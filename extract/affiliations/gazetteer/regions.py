"""First-level regions (ISO 3166-2, from pycountry): by name, by code, and by postal abbreviation.

Every look-up takes text normalised with :func:`~litkg.extract.affiliations.text.norm`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from litkg.extract.affiliations.text import norm

__all__ = ["Region", "region_lookup", "region_by_code"]


@dataclass(frozen=True)
class Region:
    """A first-level subdivision (ISO 3166-2)."""

    code: str      # "US-NH"
    name: str      # "New Hampshire"
    country: str   # "US"


_REGION_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|huizu zizhiqu|weiwu er zizhiqu|zhuangzu zizhiqu|tebiexingzhengqu)$")
_KOREAN_SUFFIX = re.compile(r"\s+(gwangyeoksi|teukbyeolsi|teukbyeoljachisi|teukbyeoljachido|do)$")
_BRACKETED = re.compile(r"\s*[\[(].*?[\])]")
_REGION_ALIASES: dict[str, str] = {
    "bavaria": "DE-BY", "lower saxony": "DE-NI", "north rhine westphalia": "DE-NW",
    "hesse": "DE-HE", "saxony": "DE-SN", "thuringia": "DE-TH", "rhineland palatinate": "DE-RP",
    "tuscany": "IT-52", "lombardy": "IT-25", "piedmont": "IT-21", "sicily": "IT-82",
    "sardinia": "IT-88", "apulia": "IT-75", "latium": "IT-62",
    "catalonia": "ES-CT", "andalusia": "ES-AN", "basque country": "ES-PV", "navarre": "ES-NC",
    "inner mongolia": "CN-NM", "guangxi": "CN-GX", "xinjiang": "CN-XJ", "tibet": "CN-XZ",
    "ningxia": "CN-NX", "shaanxi": "CN-SN", "shanxi": "CN-SX",
    "seoul": "KR-11", "busan": "KR-26", "daegu": "KR-27", "incheon": "KR-28", "gwangju": "KR-29",
    "daejeon": "KR-30", "ulsan": "KR-31", "gyeonggi": "KR-41", "gyeonggi do": "KR-41",
    "new york state": "US-NY", "washington dc": "US-DC", "washington d c": "US-DC", "d c": "US-DC",
    "quebec": "CA-QC", "newfoundland": "CA-NL",
    "flanders": "BE-VLG", "wallonia": "BE-WAL",
}
# Two-letter postal abbreviations that are read as regions when written in capitals.
_CODE_COUNTRIES = ("US", "CA", "AU")


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, list[Region]], dict[str, Region], dict[tuple[str, str], Region]]:
    """Regions by normalised name, by ISO code, and by ``(country, postal code)`` for the US, Canada, Australia."""
    import pycountry

    by_name: dict[str, list[Region]] = {}
    by_code: dict[str, Region] = {}
    abbrev: dict[tuple[str, str], Region] = {}

    def add_name(key: str, r: Region) -> None:
        lst = by_name.setdefault(key, [])
        if r not in lst:
            lst.append(r)

    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            continue
        name = _BRACKETED.sub("", s.name).strip()
        r = Region(s.code, name, s.country_code)
        by_code[s.code] = r
        k = _REGION_SUFFIX.sub("", norm(name))
        k2 = _KOREAN_SUFFIX.sub("", k)
        for key in {norm(name), k, k2, k.replace(" ", "")}:
            if key:
                add_name(key, r)
        if s.country_code in _CODE_COUNTRIES:
            abbrev[(s.country_code, s.code.split("-", 1)[1])] = r
    for alias, code in _REGION_ALIASES.items():
        if code in by_code:
            add_name(alias, by_code[code])
    return by_name, by_code, abbrev


def region_lookup(part: str, normed: str, country: str | None) -> Region | None:
    """First-level region named by ``part`` (raw) / ``normed``, consistent with ``country``.

    Upper-case postal abbreviations (``NH``, ``QC``, ``NSW``) are accepted for the US,
    Canada and Australia (the US first when no country is known); full names for every country.

    >>> region_lookup("NH", "nh", None).code, region_lookup("Bavaria", "bavaria", "DE").code
    ('US-NH', 'DE-BY')
    """
    by_name, _, abbrev = _regions()
    raw = part.strip().rstrip(".")
    if 2 <= len(raw) <= 3 and raw.isupper() and raw.isalpha():
        for cc in (country,) if country else _CODE_COUNTRIES:
            r = abbrev.get((cc, raw))
            if r is not None:
                return r
        return None
    cands = by_name.get(normed)
    if not cands:
        return None
    if country:
        for r in cands:
            if r.country == country:
                return r
        return None
    if len({r.country for r in cands}) == 1:
        return cands[0]
    for r in cands:  # prefer a US state when ambiguous and nothing else is known
        if r.country == "US":
            return r
    return None


def region_by_code(code: str) -> Region | None:
    """Region for an ISO 3166-2 code.

    >>> region_by_code("US-GA").name
    'Georgia'
    """
    return _regions()[1].get(code)
