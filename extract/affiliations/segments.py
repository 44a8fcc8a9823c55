"""Splitting one raw affiliation field into its separate affiliations.

A field may hold several affiliations: separated by ``;`` or new lines, or run
together with "and" / ". " after an affiliation that ends with its country
("..., Boston, MA, USA and Department of Psychology, ..."). Parenthesised author
surnames (JAMA style) are blanked first, keeping offsets (:func:`mask_author_lists`).
"""
from __future__ import annotations

import re

from litkg.extract.affiliations import gazetteer
from litkg.extract.affiliations.kinds import unit_kind
from litkg.extract.affiliations.parts import depth_splits, trim
from litkg.extract.affiliations.text import norm

__all__ = ["mask_author_lists", "segments", "INITIALS_PAREN_RE"]

INITIALS_PAREN_RE = re.compile(
    r"\s*\(\s*[A-Z]\.(?:[-\s]?[A-Z]\.)*(?:\s*[,;]\s*[A-Z]\.(?:[-\s]?[A-Z]\.)*)*\s*\)")
"""Authors' initials in parentheses after a place or unit: "(P.M.O.)", "(A.B., C.D.)"."""
_SEG_SPLIT_RE = re.compile(r"[;；\n]")
_CAND_SPLIT_RE = re.compile(r"(?:[.,]?\s+and\s+(?:the\s+)?|\.\s*|,\s+)(?=[A-Z(])")
_COUNTRY_GLUE_RE = re.compile(r"\b(?:USA|U\.S\.A\.|UK|U\.K\.)\s+(?=[A-Z][a-z])")

# JAMA-style author surnames after an affiliation: "Oxford, United Kingdom (Espie, Kyle);",
# often broken across the strings of one paper: "... Michigan (" + "Drake) ; School of ...".
_NAME = r"-?[A-Z][a-z][\w'’-]*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*"
_AUTHOR_LISTS_RE = re.compile(rf"\(\s*{_NAMES}\s*\)|\(\s*(?:{_NAMES}\s*,?\s*)?$|^\s*{_NAMES}\s*\)")


def mask_author_lists(text: str) -> str:
    """Blank out parenthesised author surnames (same length, so offsets still index ``text``).

    A single capitalised word in parentheses that names a country is kept.

    >>> mask_author_lists("Lincoln, UK (Siriwardena) ; Division of X (")
    'Lincoln, UK               ; Division of X  '
    """
    def blank(m: re.Match[str]) -> str:
        inner = m.group(0).strip("() ;,")
        if inner and " " not in inner and "," not in inner and gazetteer.country_lookup(norm(inner)):
            return m.group(0)
        return " " * len(m.group(0))

    return _AUTHOR_LISTS_RE.sub(blank, text)


def _ends_with_country(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` ends with a country (or a capitalised US/Canadian/Australian region code)."""
    a, b = trim(text, s, e)
    if b <= a:
        return False
    k = max(text.rfind(",", a, b), text.rfind("，", a, b))
    tail = text[k + 1:b] if k >= 0 else text[a:b]
    tail = gazetteer.POSTCODE_RE.sub(" ", INITIALS_PAREN_RE.sub(" ", tail))
    n = norm(tail)
    if n.endswith(" both in canada"):
        n = "canada"
    if not n or n in ("us", "u s"):
        return False
    if gazetteer.country_lookup(n) is not None:
        return True
    # "..., Hamilton, ON (P.M.O.), and the Institute ...": a region or city also ends one
    return gazetteer.region_lookup(tail.strip(), n, None) is not None and \
        re.fullmatch(r"[A-Z]{2,3}", tail.strip()) is not None


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of the separate affiliations in one raw string.

    >>> text = "Dept. of X, Univ. of Oxford, Oxford, UK and Department of Y, Harvard University, Boston, MA"
    >>> [text[a:b] for a, b in segments(text)]
    ['Dept. of X, Univ. of Oxford, Oxford, UK', 'Department of Y, Harvard University, Boston, MA']
    """
    segs: list[tuple[int, int]] = []
    for a, b in depth_splits(text, 0, len(text), _SEG_SPLIT_RE):
        # further split at "and"/". " after a full affiliation that ends with a country
        cur = a
        cands = sorted([(m.start(), m.end(), m.group(0)) for m in _CAND_SPLIT_RE.finditer(text, a, b)] +
                       [(m.end(), m.end(), " ") for m in _COUNTRY_GLUE_RE.finditer(text, a, b)])
        for ms, me, sep in cands:
            if ms <= cur:
                continue
            if sep.startswith(",") and "and" not in sep:
                continue
            if _ends_with_country(text, cur, ms) and unit_kind(text[me:min(b, me + 120)]
                                                               .split(",")[0]) is not None:
                segs.append((cur, ms))
                cur = me
        segs.append((cur, b))
    return segs
