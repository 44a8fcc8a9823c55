"""Splitting one affiliation into parts, and parts into unit names.

One affiliation ("Dept. of Surgery, Univ. of Tartu, L. Puusepa 8, 51014 Tartu,
Estonia") is split at commas and sentence ends outside brackets
(:func:`split_parts`); comma lists inside one name are joined again
(:func:`merge_continuations`) and two units joined by "and" are split apart
(:func:`split_and`). Every part keeps its offsets into the original string.
"""
from __future__ import annotations

import re
from functools import lru_cache

from litkg.extract.affiliations import gazetteer
from litkg.extract.affiliations.keys import is_named
from litkg.extract.affiliations.kinds import DEPT_HEAD_RE, unit_kind
from litkg.extract.affiliations.model import Part
from litkg.extract.affiliations.text import fold, norm

__all__ = ["trim", "depth_splits", "split_parts", "strip_lead_junk", "split_and", "merge_continuations",
           "looks_like_place"]

_TRIM_CHARS = " \t\r\n.,;:，；、-–—*|/‡†§¶#‖•·"
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")
_ABBREV_DOT = frozenset(
    "dept depts dep dpt univ inst ctr cntr sch med coll hosp natl res sci div lab labs assoc st mt ft "
    "dr prof co inc ltd corp jr sr no nos rd ave blvd str fac afd abt gen clin surg biol chem phys eng "
    "technol rep ste av avda dip serv osp sta vol pr pl sq bldg e g i e vs ph ag al dott apt".split())
# used with pattern.match(text, pos): no "^", which would only match at the start of text
_LEAD_JUNK_RE = re.compile(r"(?:(?:[Ff]rom|and|the|&|at|of)\s+)+(?=\S)|[a-z]\s+(?=[A-Z])")
_GLUED_JUNK_RE = re.compile(r"[a-z][a-z ]{0,40}?(?=[A-Z])")
_AND_RE = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])")
_SEG_HEAD_RE = re.compile(r"(?:the\s+)?(?:departments?|dept|division|section|service|clinic\s+(?:of|for)|"
                          r"laborator(?:y|ies)\s+(?:of|for))\b")
_DANGLING_ADJ_RE = re.compile(r"(?:ic|al|ive|ary)$")
_COMPANY_SUFFIX_RE = re.compile(r"(?i)^(?:co\.?,?\s*)?(?:inc|ltd|llc|llp|gmbh|ag|plc|s\.?a\.?|"
                                r"s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|corp|co)\.?$")


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Narrow ``text[s:e]`` past punctuation, spaces and unmatched brackets at either end.

    >>> text = "; Dept. of X),"
    >>> s, e = trim(text, 0, len(text)); text[s:e]
    'Dept. of X'
    """
    while s < e and text[s] in _TRIM_CHARS:
        s += 1
    while e > s and text[e - 1] in _TRIM_CHARS:
        e -= 1
    # drop an unmatched trailing/leading bracket or quote
    while e > s and text[e - 1] in ")]" and text.count("(", s, e) + text.count("[", s, e) < \
            text.count(")", s, e) + text.count("]", s, e):
        e -= 1
        while e > s and text[e - 1] in _TRIM_CHARS:
            e -= 1
    while s < e and text[s] in "([" and text.count(")", s, e) + text.count("]", s, e) < \
            text.count("(", s, e) + text.count("[", s, e):
        s += 1
        while s < e and text[s] in _TRIM_CHARS:
            s += 1
    return s, e


def depth_splits(text: str, s: int, e: int, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split ``text[s:e]`` at matches of ``rx`` that lie outside brackets.

    >>> depth_splits("A (B; C); D", 0, 11, re.compile(";"))
    [(0, 8), (9, 11)]
    """
    out: list[tuple[int, int]] = []
    depth = 0
    cur = s
    i = s
    opens, closes = "([{（", ")]}）"
    m_iter = {m.start(): m for m in rx.finditer(text, s, e)}
    while i < e:
        c = text[i]
        if c in opens:
            depth += 1
        elif c in closes:
            depth = max(0, depth - 1)
        m = m_iter.get(i)
        if m is not None and depth == 0 and m.end() > m.start():
            out.append((cur, i))
            cur = m.end()
            i = m.end()
            continue
        i += 1
    out.append((cur, e))
    return out


def _dot_split_ok(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends a part (not an abbreviation like "Dept." or "M.D.")."""
    j = dot
    while j > 0 and (text[j - 1].isalnum()):
        j -= 1
    word = text[j:dot]
    nxt = text[dot + 1:dot + 2]
    if word.lower() in ("ave", "st", "rd", "blvd", "str") and nxt.isupper() and any(c.isdigit() for c in text[max(0, j - 30):j]):
        return True  # "9500 Euclid Ave.Cleveland"; not "University of St.Gallen"
    if len(word) <= 2 or word.lower() in _ABBREV_DOT:
        return False
    if j > 0 and text[j - 1] == ".":  # "M.D." style
        return False
    return True


def split_parts(text: str, s: int, e: int) -> list[Part]:
    """Split one affiliation's span into comma (or sentence) separated parts.

    >>> [p.text for p in split_parts("Dept. of Surgery, Univ. of Tartu. Tartu, Estonia", 0, 48)]
    ['Dept. of Surgery', 'Univ. of Tartu', 'Tartu', 'Estonia']
    """
    spans: list[tuple[int, int]] = []
    depth = 0
    cur = s
    i = s
    while i < e:
        c = text[i]
        if c in "([（":
            depth += 1
        elif c in ")]）":
            depth = max(0, depth - 1)
        elif depth == 0:
            if c in ",，、;；":
                spans.append((cur, i))
                cur = i + 1
            elif c == "." and i + 1 < e and _dot_split_ok(text, i):
                k = i + 1
                while k < e and text[k] == " ":
                    k += 1
                if k < e and (text[k].isupper() or "\u4e00" <= text[k] <= "\u9fff"):
                    spans.append((cur, i))
                    cur = i + 1
            elif c == " " and text.startswith(" - ", i) and not _ACRONYM_RE.fullmatch(text[cur:i].strip()):
                spans.append((cur, i))
                cur = i + 3
                i += 3
                continue
        i += 1
    spans.append((cur, e))
    parts: list[Part] = []
    for a, b in spans:
        a, b = trim(text, a, b)
        if b <= a:
            continue
        a = strip_lead_junk(text, a, b, keep_and=bool(parts))
        if b > a:
            parts.append(Part(a, b, text[a:b]))
    return parts


def strip_lead_junk(text: str, a: int, b: int, keep_and: bool = False) -> int:
    """Skip "From the", "and the", list markers ("c ", "a ") and glued junk before a unit name.

    With ``keep_and`` a leading "and"/"&" is kept (it joins a comma list, see
    :func:`merge_continuations`).

    Returns:
        The new start offset.

    >>> text = "From the Department of Surgery"
    >>> text[strip_lead_junk(text, 0, len(text)):]
    'Department of Surgery'
    """
    while True:
        m = _LEAD_JUNK_RE.match(text, a, b)
        if not m or m.end() >= b:
            break
        if keep_and and re.match(r"(?:and|&)\s", text[a:m.end() + 1]):
            break
        a, _ = trim(text, m.end(), b)
    m = _GLUED_JUNK_RE.match(text, a, b)
    if m and m.end() < b and unit_kind(text[m.end():b]) is not None and \
            unit_kind(text[a:b]) != unit_kind(text[m.end():b]) or \
            (m and m.end() < b and DEPT_HEAD_RE.match(fold(text[m.end():b]).lower())):
        a = m.end()
    return a


def split_and(text: str, p: Part) -> list[Part]:
    """Split "Dana-Farber Cancer Institute and Boston Children's Hospital" into two units.

    Splits at an "and"/"&" only when both sides are named units with their own keyword and
    the right side's segment (up to the next "and") holds a keyword, so that "Department
    of Psychiatry and Behavioral Sciences" and "Brigham and Women's Hospital" stay whole.

    Args:
        text: The original string.
        p: A part whose :attr:`~Part.kind` is already set.

    Returns:
        The part itself, or the units it joins, each with its kind.
    """
    if p.kind is None:
        return [p]
    ms = list(_AND_RE.finditer(p.text))
    for idx, m in enumerate(ms):
        left = p.text[:m.start()]
        nxt_end = ms[idx + 1].start() if idx + 1 < len(ms) else len(p.text)
        seg = p.text[m.end():nxt_end]
        right = p.text[m.end():]
        kl, ks = unit_kind(left), unit_kind(seg)
        if kl is None and _ACRONYM_RE.fullmatch(left.strip()):
            kl = "other"  # "INFM and Department of Physics"
        seg_head = bool(_SEG_HEAD_RE.match(fold(seg).lower()))
        if ks is None and _ACRONYM_RE.fullmatch(seg.strip()) and kl is not None and is_named(left):
            ks = "other"  # "University of Southampton & SUHT"
        elif ks is None or not (seg_head or (is_named(seg) and len(seg.split()) >= 3)):
            continue
        if kl is None or not (is_named(left) or _ACRONYM_RE.fullmatch(left.strip())):
            continue
        if DEPT_HEAD_RE.match(fold(left).lower()) and ks == "department" and not seg_head:
            continue
        if "(" in left and ")" not in left:
            continue
        a1, b1 = trim(text, p.start, p.start + m.start())
        a2, b2 = trim(text, p.start + m.end(), p.end)
        first = Part(a1, b1, text[a1:b1], kl)
        rest = Part(a2, b2, text[a2:b2], unit_kind(right))
        return [first] + split_and(text, rest)
    return [p]


def merge_continuations(text: str, parts: list[Part]) -> list[Part]:
    """Join comma lists inside one name ("National Heart, Lung, and Blood Institute").

    Also joins a company suffix to its name ("Acme, S.A.") and a department's subject
    list ("Department of Orthopedic, Trauma and Plastic Surgery").
    """
    out: list[Part] = []
    for p in parts:
        low = p.text.lower()
        if out and _COMPANY_SUFFIX_RE.match(p.text) and not (p.text.isupper() and looks_like_place(out[-1].text)):
            # "Acme , S.A." is one company; "Adelaide , SA" is a city and its state
            q = out.pop()
            out.append(Part(q.start, p.end, text[q.start:p.end]))
            continue
        if out and (joiner := re.match(r"(?:and|&|y|e|und|et)\s", low)):
            rest = p.text[joiner.end():]  # after the joining word and its space (any whitespace: "and\f")
            own_kind = unit_kind(rest)
            if own_kind is not None:
                # "..., and Harvard Medical School": a unit of its own
                a = p.start + joiner.end()
                a = strip_lead_junk(text, a, p.end)
                out.append(Part(a, p.end, text[a:p.end]))
                continue
            j = len(out) - 1
            while j > 0 and unit_kind(out[j].text) is None and len(out[j].text.split()) <= 4 and \
                    not looks_like_place(out[j].text):
                j -= 1
            start = out[j].start
            del out[j:]
            out.append(Part(start, p.end, text[start:p.end]))
            continue
        if out and unit_kind(p.text) is None and len(p.text.split()) <= 5 and not looks_like_place(p.text) \
                and DEPT_HEAD_RE.match(fold(out[-1].text).lower()) and \
                re.search(r"\s(?:and|&)\s", p.text) and not re.search(r"\d", p.text) and \
                (_DANGLING_ADJ_RE.search(out[-1].text.lower()) or _next_has_kind(parts, p)):
            q = out.pop()  # "Department of Orthopedic, Trauma and Plastic Surgery"
            out.append(Part(q.start, p.end, text[q.start:p.end]))
            continue
        out.append(p)
    return out


def _next_has_kind(parts: list[Part], p: Part) -> bool:
    """Whether the part after ``p`` names a unit ("Division of A, B and C, Children's Hospital")."""
    for i, q in enumerate(parts[:-1]):
        if q is p:
            return unit_kind(parts[i + 1].text) is not None
    return False


@lru_cache(maxsize=50_000)
def looks_like_place(t: str) -> bool:
    """Whether a part names a country, a city (by its main name) or a region.

    >>> looks_like_place("Adelaide"), looks_like_place("Blood Institute")
    (True, False)
    """
    n = norm(t)
    return bool(gazetteer.country_lookup(n) or gazetteer.city_lookup(n, main_name_only=True)
                or gazetteer.region_lookup(t, n, None))
