"""Reading the place at the end of an affiliation: street, postcode, city, region, country.

:func:`read_places` walks an affiliation's parts from the right. Each part goes
through the steps of ``_STEPS`` in order until one of them gives a
:class:`Verdict`: the part is a place, a part of the address to pass over, or the
last unit (where reading stops). Some steps only cut a piece off the part (a
postcode, a trailing country or region code) and leave the rest to the next steps.
What was read is then settled (:func:`_settle`) and written to the affiliation.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from litkg.extract.affiliations import gazetteer
from litkg.extract.affiliations.gazetteer import City, Region
from litkg.extract.affiliations.kinds import WORD_RE
from litkg.extract.affiliations.model import ParsedAffiliation, Part
from litkg.extract.affiliations.text import norm

__all__ = ["read_places", "Verdict"]

_US = ("us", "u s")  # a part that is only "US" / "U.S." is not read as a country or region
_TRAILING_CODE_RE = re.compile(r"\s+([A-Z]{2})\.?$")
_US_CODE_TITLE = re.compile(r"^[A-Z][a-z]$")
_CEDEX_RE = re.compile(r"(?i)\s+cedex(?:\s+\d+)?$")
_CITY_NUMBER_RE = re.compile(r"(.+?)\s+\d{1,2}")
_HOUSE_NUMBER_RE = re.compile(r"\d[\d\-/#]*[a-zA-Z]?")
_DIGIT_RE = re.compile(r"\d")


class Verdict(Enum):
    """What a step makes of the part being read."""

    PLACE = "place"  # part of the address, and evidence that the tail is a place
    SKIP = "skip"    # part of the address (a district, a repeated name ...), but no evidence
    UNITS = "units"  # not an address: the units end here


# module-level names: an Enum member looked up on its class costs ~0.1 µs on Python 3.11, per step and part
PLACE, SKIP, UNITS = Verdict.PLACE, Verdict.SKIP, Verdict.UNITS


@dataclass(slots=True)
class _Reading:
    """What has been read so far, right to left, and the part being read."""

    parts: list[Part]
    aff: ParsedAffiliation
    country: str | None = None
    region: Region | None = None
    region_text: str | None = None
    city: City | None = None
    city_text: str | None = None
    seen_place: bool = False
    j: int = 0       # index of the part being read
    text: str = ""   # what is left of it to read (set by the postcode step, the first to read text)
    normed: str = ""  # norm(text)

    def read(self, text: str) -> None:
        """Make ``text`` what is left to read of the current part."""
        self.text = text
        self.normed = norm(text)

    @property
    def is_last(self) -> bool:
        """Whether the part being read is the affiliation's last."""
        return self.j == len(self.parts) - 1


Step = Callable[[_Reading], "Verdict | None"]


def read_places(parts: list[Part], aff: ParsedAffiliation) -> int:
    """Read the place parts from the right and fill in ``aff``'s place.

    Args:
        parts: The affiliation's parts, each with its unit kind looked up.
        aff: The affiliation; its street, postcode, city, region and country are set.

    Returns:
        The index where the units end: ``parts[:stop]`` are units (and noise), the rest place.
    """
    r = _Reading(parts, aff)
    stop = len(parts)
    for j in range(len(parts) - 1, -1, -1):
        r.j = j
        for step in _STEPS:  # the first step with a verdict decides; if none has one, the units begin
            verdict = step(r)
            if verdict is not None:
                break
        else:
            verdict = UNITS
        if verdict is UNITS:
            break
        stop = j
        if verdict is PLACE:
            r.seen_place = True
    _settle(r)
    return stop


# ------------------------------------------------------------------ the steps, in order


def _street(r: _Reading) -> Verdict | None:
    """A street address or post box, by its form alone."""
    p = r.parts[r.j]
    if not _is_street_part(p, weak=False):
        return None
    if r.aff.street is None:
        r.aff.street = p.text
    return PLACE


def _unit(r: _Reading) -> Verdict | None:
    """A part that names a unit ends the place tail."""
    return UNITS if r.parts[r.j].kind is not None else None


def _postcode(r: _Reading) -> Verdict | None:
    """Cut the (last) postcode off the part ("SE-171 77 Stockholm"), unless the rest is a street.

    This is the first step to read the part's text: it sets what is left to read.
    """
    t = r_text = r.parts[r.j].text
    pcs = list(gazetteer.POSTCODE_RE.finditer(t))
    if pcs:
        pc = pcs[-1]
        rest = (t[:pc.start()] + " " + t[pc.end():]).strip(" -,.")
        rest = _CEDEX_RE.sub("", rest)
        if rest == "" or not gazetteer.is_street(rest, weak=True) or \
                gazetteer.city_lookup(norm(rest), r.country) is not None:
            if r.aff.postcode is None:
                r.aff.postcode = pc.group(0)
            r_text = rest
    if not r_text:
        return PLACE
    r.read(r_text)
    return None


def _country(r: _Reading) -> Verdict | None:
    """A country: the first one read is the affiliation's; a repeat ("Hong Kong, China") is passed over."""
    code = gazetteer.country_in(r.text)
    if code is None or r.normed in _US:
        return None
    if r.country is None and r.city is None and r.region is None and r.city_text is None:
        if code == "GE" and r.j > 0 and _georgia_state(r):
            return SKIP
        r.country = code
        return PLACE
    if code == r.country or (r.city_text is None and
                             gazetteer.city_lookup(r.normed, r.country, r.region, main_name_only=True) is None):
        return SKIP  # "Taiwan, Republic of China", "Hong Kong, China" (but "Lebanon, NH, USA")
    return None


def _georgia_state(r: _Reading) -> bool:
    """Read "Georgia" as the US state when the part before it is a city there ("Atlanta, Georgia")."""
    prev = norm(r.parts[r.j - 1].text)
    ga = gazetteer.region_by_code("US-GA")
    if gazetteer.city_lookup(prev, "US", ga) is None:
        return False
    r.country, r.region, r.region_text = "US", ga, r.parts[r.j].text
    return True


def _country_suffix(r: _Reading) -> Verdict | None:
    """Cut a country name off the end of the last part ("Melbourne Australia")."""
    if not (r.country is None and r.city is None and r.region is None and r.is_last):
        return None
    suf = gazetteer.country_suffix(r.normed)
    if suf is None:
        return None
    words = list(WORD_RE.finditer(r.text))
    nwords = len(suf[0].split())
    cut = words[-nwords].start() if len(words) >= nwords else 0
    rest = r.text[:cut].strip(" ,.")
    r.country = suf[1]
    r.seen_place = True
    if not rest:
        return PLACE
    r.read(rest)
    return None


def _nothing_left(r: _Reading) -> Verdict | None:
    """Nothing but punctuation left: pass over it."""
    return SKIP if not r.normed else None


def _trailing_region_code(r: _Reading) -> Verdict | None:
    """Cut a postal region code off the end ("Ann Arbor MI") in the US or Canada."""
    m = _TRAILING_CODE_RE.search(r.text)
    if m and r.region is None and r.city is None and r.city_text is None and r.country in (None, "US", "CA"):
        reg = gazetteer.region_lookup(m.group(1), norm(m.group(1)), r.country)
        if reg is not None:
            r.region, r.region_text = reg, m.group(1)
            r.country = r.country or reg.country
            r.read(r.text[:m.start()].strip(" ,"))
            r.seen_place = True
    return None


def _region(r: _Reading) -> Verdict | None:
    """A first-level region, by name or postal code ("New Hampshire", "NH", "Ma" in the US)."""
    if not (r.region is None and r.city is None and r.city_text is None):
        return None
    n = r.normed
    reg = gazetteer.region_lookup(r.text, n, r.country)
    if reg is None and r.country == "US" and _US_CODE_TITLE.match(r.text):
        reg = gazetteer.region_lookup(r.text.upper(), n, r.country)
    if reg is None or n in _US:
        return None
    r.region, r.region_text = reg, r.text
    if r.country is None:
        r.country = reg.country
    return PLACE


def _district_not_city(r: _Reading) -> Verdict | None:
    """A district or county that is no city of that name: pass over it."""
    n = r.normed
    if gazetteer.is_district(n) and not gazetteer.city_lookup(n, r.country, r.region, main_name_only=True):
        return SKIP
    return None


def _city(r: _Reading) -> Verdict | None:
    """The city, found in the gazetteer (without a country, only a big and unambiguous one)."""
    if r.city is not None or r.city_text is not None:
        return None
    c = _find_city(r.normed, r.text, r.country, r.region,
                   guess_pop=20_000 if r.is_last and r.j > 0 else 100_000)
    if c is None:
        return None
    r.city, r.city_text = c
    if r.country is None and r.region is None:
        r.country = r.city.country  # a guess from a big, unambiguous city name
    return PLACE


def _district(r: _Reading) -> Verdict | None:
    """A district or county (also one named like a city, once the city is known): pass over it."""
    return SKIP if gazetteer.is_district(r.normed) else None


def _big_city_without_country(r: _Reading) -> Verdict | None:
    """"..., Barcelona": a big city as the last part, but with namesakes elsewhere, so no country."""
    if r.city_text is None and r.country is None and r.is_last and r.j > 0 and _name_like(r.text):
        c = gazetteer.city_lookup(r.normed, main_name_only=True)
        if c is not None and c.population >= 100_000:
            r.city_text = r.text
            return SKIP
    return None


def _city_with_number(r: _Reading) -> Verdict | None:
    """A city followed by its postal district ("Dublin 8")."""
    m = _CITY_NUMBER_RE.fullmatch(r.text)
    if m and r.city is None and r.city_text is None:
        c = _find_city(norm(m.group(1)), m.group(1), r.country, r.region)
        if c is not None:
            r.city, r.city_text = c
            r.aff.postcode = r.aff.postcode or r.text[m.end(1):].strip()
            return PLACE
    return None


def _street_or_house_number(r: _Reading) -> Verdict | None:
    """A street by a looser test, or the name after a bare house number ("12, Main Road")."""
    if gazetteer.is_street(r.text, weak=True) or (r.j > 0 and _is_house_number(r.parts[r.j - 1].text)):
        if r.aff.street is None:
            r.aff.street = r.text
        return SKIP
    return None


def _repeated_city(r: _Reading) -> Verdict | None:
    """The city named again, or another city of the same country, left of the city: pass over it."""
    if r.city_text is not None and (norm(r.city_text) == r.normed or
                                    gazetteer.city_lookup(r.normed, r.country) is not None):
        return SKIP
    return None


def _unknown_city_name(r: _Reading) -> Verdict | None:
    """A name-like part between the units and a place already read: a city the gazetteer lacks."""
    j = r.j
    if not (r.city_text is None and j > 0 and r.seen_place and _name_like(r.text) and
            any(q.kind is not None for q in r.parts[:j])):
        return None
    prev = r.parts[j - 1]
    if j > 1 and prev.kind is None and gazetteer.city_lookup(norm(prev.text), r.country, r.region) is not None:
        return SKIP  # "Shatin, New Territories, Hong Kong": skip the unknown area name
    r.city_text = r.text
    return SKIP


_STEPS: tuple[Step, ...] = (
    _street, _unit, _postcode, _country, _country_suffix, _nothing_left, _trailing_region_code, _region,
    _district_not_city, _city, _district, _big_city_without_country, _city_with_number,
    _street_or_house_number, _repeated_city, _unknown_city_name,
)


# ------------------------------------------------------------------ settling what was read


def _settle(r: _Reading) -> None:
    """Fill gaps from what else is known, drop a city of the wrong country, write the place to the affiliation."""
    if r.city is None and r.city_text is None and r.region is not None:
        c = gazetteer.city_lookup(norm(r.region_text or r.region.name), r.region.country, None)
        if c is not None:  # a city-state region ("Seoul", "Beijing")
            r.city, r.city_text = c, r.region_text
    if r.country is None and r.aff.email:
        r.country = gazetteer.country_of_email(r.aff.email)
    if r.country is None and r.city is not None and gazetteer.city_country_guess(norm(r.city_text or "")):
        r.country = r.city.country
    if r.city is not None and r.country is not None and r.city.country != r.country:
        r.city = None
    _write_place(r)


def _write_place(r: _Reading) -> None:
    """Set the affiliation's country, region and city from what was read."""
    aff = r.aff
    aff.country_code = r.country
    aff.country = gazetteer.country_name(r.country) if r.country else None
    if r.region is not None:
        aff.region = r.region.name
        aff.region_code = r.region.code
        if aff.country_code is None:
            aff.country_code = r.region.country
            aff.country = gazetteer.country_name(r.region.country)
    aff.city = r.city_text
    aff.city_geonames_id = r.city.geonameid if r.city is not None else None


# ------------------------------------------------------------------ helpers


def _is_street_part(p: Part, weak: bool) -> bool:
    """Whether a part is a street address; a part that names a unit only when it holds a digit."""
    if p.kind is not None and not _DIGIT_RE.search(p.text):
        return False
    return gazetteer.is_street(p.text, weak=weak)


def _is_house_number(t: str) -> bool:
    """Whether a part is a bare house number ("12", "3-39-22", "7b")."""
    return bool(_HOUSE_NUMBER_RE.fullmatch(t.strip()))


def _find_city(n: str, r_text: str, country: str | None, region: Region | None,
               guess_pop: int = 100_000) -> tuple[City, str] | None:
    """Look a place part up as a city; also try the first piece of "Brasilia-DF", "Baracaldo-Vizcaya".

    Without a country or region, only a city big enough (``guess_pop``) and clearly more
    populous than any namesake elsewhere is accepted.

    Returns:
        The city and the text naming it, or ``None``.
    """
    c = gazetteer.city_lookup(n, country, region) if country or region else \
        gazetteer.city_country_guess(n, guess_pop)
    if c is not None:
        return c, r_text
    for sep in ("-", " and ", " & ", "/"):
        if sep not in r_text:
            continue
        head = r_text.split(sep, 1)[0].strip()
        if head:
            hn = norm(head)
            c = gazetteer.city_lookup(hn, country, region) if country or region else \
                gazetteer.city_country_guess(hn, guess_pop)
            if c is not None:
                return c, head
    return None


def _name_like(t: str) -> bool:
    """Whether a part could be a place name: one to three words, capitalised, no digits, no acronym."""
    words = t.split()
    if not (1 <= len(words) <= 3) or _DIGIT_RE.search(t) or not t[:1].isupper():
        return False
    if not t.isupper() and any(len(w) >= 2 and w.isupper() for w in words):
        return False  # "ASL Modena": an acronym marks an organisation
    return True
