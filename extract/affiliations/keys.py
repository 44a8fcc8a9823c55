"""Merge keys: the same organisation written differently gets the same key across papers.

A unit's key is its slug (:func:`unit_slug`) after its parents' keys
(``"ohio-state-university/department-pathology"``). A top-level unit whose name
says nothing particular ("University Hospital", any department) is qualified by
the affiliation's place (``"university-hospital@heidelberg-de"``).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from litkg.extract.affiliations.kinds import RANK, WORD_RE, sub_rank
from litkg.extract.affiliations.model import ParsedAffiliation, Part, Unit
from litkg.extract.affiliations.text import fold, norm

__all__ = ["unit_slug", "unit_key_slug", "is_generic", "is_named", "make_units"]

_KEY_MAP = {
    "dept": "department", "depts": "department", "departments": "department", "dep": "department",
    "dpt": "department", "univ": "university", "universities": "university", "universitat": "university",
    "universitaet": "university", "universite": "university", "universidad": "university",
    "universidade": "university", "universita": "university", "universiteit": "university",
    "universitet": "university", "uniwersytet": "university", "univerzita": "university",
    "inst": "institute", "institutes": "institute", "institut": "institute", "instituto": "institute",
    "istituto": "institute", "ctr": "center", "cntr": "center", "centre": "center", "centres": "center",
    "centers": "center", "sch": "school", "schools": "school", "hosp": "hospital", "hospitals": "hospital",
    "coll": "college", "lab": "laboratory", "labs": "laboratory", "laboratories": "laboratory",
    "div": "division", "divisions": "division", "natl": "national", "nat": "national",
    "med": "med", "medicine": "med", "medical": "med", "sci": "sci", "science": "sci", "sciences": "sci",
    "res": "research", "clin": "clinical", "surg": "surgery", "fac": "faculty", "assoc": "association",
    "orthop": "orthopedic", "orthopaedic": "orthopedic", "orthopaedics": "orthopedic",
    "orthopedics": "orthopedic", "st": "saint", "ste": "sainte", "mt": "mount", "intl": "international",
    "sections": "section", "services": "service", "units": "unit", "programme": "program",
    "programs": "program", "hopital": "hospital", "hospitalier": "hospital",
}
_KEY_STOP = frozenset("the of at for and in on de di da do das dos del della degli delle des du la le les "
                      "el y e et und fur der die van voor en het a an".split())
_SPELLING = [(re.compile(r"^(h|p|orthop|an|gyn|leuk|isch|septic|hyperaem|an)ae"), r"\1e"),
             (re.compile(r"^oesoph"), "esoph"), (re.compile(r"^oedem"), "edem"), (re.compile(r"^foet"), "fet")]
_GENERIC = frozenset(
    "university hospital med center school college faculty general clinical clinic institute research "
    "department academic academisch ziekenhuis universitair universitaire teaching district regional "
    "central national state public children childrens women womens health sci cancer heart eye dental "
    "veterans affairs va community city county municipal provincial people peoples first second third "
    "fourth fifth sixth 1st 2nd 3rd 4th affiliated centro hospital policlinico polyclinic trust nhs "
    "foundation system systems service care healthcare unit division section laboratory graduate "
    "memorial royal infirmary new main military army naval air force police red cross "
    "maternity rehabilitation psychiatric mental tertiary referral training education comprehensive "
    "specialist specialty specialized oncology surgical pediatric diagnostic medicine graduate "
    "studies study program partner site campus branch office headquarters".split())


@lru_cache(maxsize=200_000)
def unit_slug(text: str) -> str:
    """Normalised, order-preserving slug of one unit name (no parent, no place).

    Case, accents, punctuation, common abbreviations and British/American spellings are
    normalised; function words are dropped.

    >>> unit_slug("Dept. of Orthopaedic Surg., Univ. Hosp."), unit_slug("The Ohio State University")
    ('department-orthopedic-surgery-university-hospital', 'ohio-state-university')
    """
    t = fold(text).lower().replace("&", " and ").replace("'", "").replace("’", "")
    out: list[str] = []
    for tok in WORD_RE.findall(t):
        tok = _KEY_MAP.get(tok, tok)
        if tok in _KEY_STOP:
            continue
        for rx, rep in _SPELLING:
            tok = rx.sub(rep, tok)
        if not tok.isascii():  # CJK and other scripts: a stable ASCII stand-in, keys end up in IRIs
            tok = "h" + hashlib.sha1(tok.encode("utf-8")).hexdigest()[:10]
        out.append(tok)
    return "-".join(out)


_PAREN_ACRONYM_RE = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&.\- ]{0,12}\)\s*$")


def unit_key_slug(text: str) -> str:
    """Slug for a unit's key: a trailing "(OSU)" acronym is dropped unless the name is generic.

    >>> unit_key_slug("Ohio State University (OSU)"), unit_key_slug("University Hospital (UH)")
    ('ohio-state-university', 'university-hospital-uh')
    """
    base = _PAREN_ACRONYM_RE.sub("", text)
    slug = unit_slug(base) if base != text else ""
    if not slug or is_generic(slug):
        slug = unit_slug(text)
    return slug or norm(text).replace(" ", "-")


def is_generic(slug: str) -> bool:
    """Whether every word of a slug is a generic unit word or a number ("university-hospital").

    >>> is_generic("university-hospital"), is_generic("ohio-state-university")
    (True, False)
    """
    toks = slug.split("-")
    return all(t in _GENERIC or t.isdigit() for t in toks)


def is_named(t: str) -> bool:
    """Whether a unit name has a proper-name or subject word besides generic keywords.

    >>> is_named("Department of Psychiatry"), is_named("University Hospital")
    (True, False)
    """
    slug = unit_slug(t)
    return bool(slug) and not is_generic(slug)


def _place_qualifier(aff: ParsedAffiliation) -> str:
    """What tells a generic top-level unit apart: its city and country, else its region or country, else a hash."""
    qual = (norm(aff.city).replace(" ", "-") if aff.city else
            (aff.region_code or aff.country_code or ""))
    if aff.city and aff.country_code:
        qual = f"{qual}-{aff.country_code.lower()}"
    if not qual:
        qual = "x" + hashlib.sha1(norm(aff.raw).encode()).hexdigest()[:10]
    return qual.lower()


def make_units(parts: list[Part], aff: ParsedAffiliation) -> list[Unit]:
    """Order an affiliation's unit parts smallest first and give each its merge key.

    Args:
        parts: The parts read as units, in the order written (either direction).
        aff: The affiliation, whose place qualifies generic top-level keys.

    Returns:
        The units, smallest first; each key extends its parent's.
    """
    if not parts:
        return []
    kinds = [p.kind or "other" for p in parts]
    if len(parts) > 1 and RANK[kinds[0]] > RANK[kinds[-1]]:
        parts = parts[::-1]  # written largest first: "The Ohio State University, Department of ..."
        kinds = kinds[::-1]
    order = sorted(range(len(parts)), key=lambda i: RANK[kinds[i]] + sub_rank(parts[i].text, kinds[i]))
    parts = [parts[i] for i in order]
    kinds = [kinds[i] for i in order]
    keys: list[str] = [""] * len(parts)
    parent = ""
    for i in range(len(parts) - 1, -1, -1):
        slug = unit_key_slug(parts[i].text)
        if not parent:
            if is_generic(slug) or kinds[i] == "department" or parts[i].kind is None:
                slug = f"{slug}@{_place_qualifier(aff)}"
            parent = slug
        else:
            parent = f"{parent}/{slug}"
        keys[i] = parent
    return [Unit(p.text, p.start, p.end, k, key) for p, k, key in zip(parts, kinds, keys)]
