"""Postcodes, street addresses, post boxes and districts, recognised by their form (no look-up table)."""
from __future__ import annotations

import re

from litkg.extract.affiliations.text import fold

__all__ = ["POSTCODE_RE", "is_street", "is_district"]

POSTCODE_RE = re.compile(
    r"(?<![\w])(?<!\d-)(?:"
    r"[A-Z]{1,3}-\s?\d{3,6}(?:[\s-]\d{2,5})?"          # SE-171 77, I-32032, D-81675, CH-8091
    r"|\d{3}[\s-]?\d{2,4}(?:-\d{3,5})?"               # 171 77, 03766, 43210-1234, 371-8511, 14115-111
    r"|\d{4,6}"                                          # 100191, 2000
    r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"               # UK: SW1A 1AA, NW3 2QG
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"                        # Canada: H3T 1E2
    r")(?![\w-])")
"""A postcode as written in many countries (US ZIP, "SE-171 77", UK, Canada, plain digits)."""

_STREET_WORD = re.compile(
    r"(?i)(?:\b(?:street|st|road|rd|avenue|ave|av|avda|avenida|boulevard|blvd|bd|lane|ln|drive|dr|"
    r"way|highway|hwy|parkway|pkwy|square|sq|terrace|court|ct|place|pl|plaza|circle|"
    r"via|viale|piazza|piazzale|largo|corso|rue|chemin|quai|allee|cours|calle|c/|paseo|rua|"
    r"carrer|travessera|strasse|str|weg|platz|gasse|ring|damm|laan|straat|plein|gracht|"
    r"vej|gade|gatan|gata|vagen|vag|tie|katu|ulica|ul|lu|jie|dao|xiang|hutong|ro|gil|"
    r"box|postbus|postfach|apartado|caixa postal|bp|cp|no|nos|building|bldg|floor|suite|"
    r"room|campus|hall|tower|wing|block|level|bus|postboks|casilla)\b\.?"
    r"|\w(?:strasse|straße|str\.|weg|gatan|vagen|vej|laan|straat|gasse|platz|allee))")
_STREET_START = re.compile(
    r"(?i)^(?:(?:rue|avenue|av|boulevard|bd|blvd|chemin|quai|cours|allee|impasse|via|viale|piazza|piazzale|"
    r"largo|calle|avenida|avda|rua|travessa|plaza|paseo|carrer|rambla|place|pl|str|ul|ulica)\.?\s+"
    r"(?:de|du|des|d'|del|della|delle|dei|di|da|do|dos|das|la|le|l'|les|[A-Z0-9])"
    r"|(?:building|bldg|floor|room|block|suite|level|tower|wing)\s+\w{1,3}$"
    r"|rue\s)")
_STREET_END = re.compile(r"(?i)\s(?:street|road|avenue|boulevard|lane|drive|rd|ave|blvd|strasse|straße|st\.?|"
                         r"parkway|highway|expressway|building|bldg|block|square)\.?$|\w(?:-ro|-gil|-daero|-dong-ro)(?:\s\d\S*)?$|"
                         r"^\d+\s\w+(?:ro|gil)$")
_PO_BOX = re.compile(r"(?i)^(?:p\.?\s?o\.?\s*box|box|bp|b\.p\.|cp|c\.p\.|postfach|postbus|apartado|"
                     r"private bag|locked bag|pmb)\b")
_HAS_DIGIT = re.compile(r"\d")
_HOUSE_NUMBER_FIRST = re.compile(r"\d{1,4}[a-z]?|\d+[-/#]\S*|No\.?\d+\S*|\d+#")
_HOUSE_NUMBER_LAST = re.compile(r"\d{1,4}[a-z]?")
_DISTRICT = re.compile(r"(?i)(?:\b(?:district|county|qu|ku|gu|prefecture|province|borough|"
                       r"arrondissement|township|town|zone|sector|area|village|new territories|"
                       r"kowloon|nagar|colony|layout|puram)$|-?(?:ku|gu|qu|cho|machi|dong|myeon|eup)$)")


def is_street(part: str, weak: bool = True) -> bool:
    """Whether a comma-separated part looks like a street address or post box.

    Args:
        part: The part's text.
        weak: Also accept a bare house number before or after a name ("Garnisonen 1",
            "3-39-22 Showa-machi"); callers check postcodes and cities before that.

    >>> is_street("3-39-22 Showa-machi"), is_street("Ismaningerstrasse 22"), is_street("Lebanon")
    (True, True, False)
    """
    p = part.strip()
    if _PO_BOX.match(p) or _STREET_START.match(p) or _STREET_END.search(p):
        return True
    if not _HAS_DIGIT.search(p):
        return False
    if _STREET_WORD.search(fold(p)):
        return True
    if not weak:
        return False
    toks = p.split()
    first, last = toks[0], toks[-1]
    if len(toks) >= 2 and _HOUSE_NUMBER_FIRST.fullmatch(first):
        return True
    if len(toks) >= 2 and _HOUSE_NUMBER_LAST.fullmatch(last):
        return True
    return False


def is_district(normed: str) -> bool:
    """Whether a place part names a district, county or similar (neither city nor region).

    >>> is_district("shinjuku ku"), is_district("boston")
    (True, False)
    """
    return bool(_DISTRICT.search(normed))
