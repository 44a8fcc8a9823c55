"""Parsing one raw affiliation field: segments, then each segment's parts, units and place.

:func:`parse_affiliation` is the entry point (re-exported by the package). For each
affiliation (:func:`~.segments.segments`) :func:`_parse_segment` strips prefixes
(author lists, labels, list markers), cuts e-mails, phone numbers and author
initials out, splits the rest into parts (:mod:`.parts`), reads the place from the
right (:mod:`.address`) and makes the remaining parts units with keys (:mod:`.keys`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from litkg.extract.affiliations import gazetteer
from litkg.extract.affiliations.address import read_places
from litkg.extract.affiliations.keys import make_units
from litkg.extract.affiliations.kinds import unit_kind
from litkg.extract.affiliations.model import ParsedAffiliation, Part
from litkg.extract.affiliations.parts import merge_continuations, split_and, split_parts, trim
from litkg.extract.affiliations.segments import INITIALS_PAREN_RE, mask_author_lists, segments
from litkg.extract.affiliations.text import norm

__all__ = ["parse_affiliation"]

_EMAIL_RE = re.compile(r"[\w.+'-]+@\s?[\w-]+(?:\.[\w-]+)+")
_EMAIL_LABEL_RE = re.compile(
    r"(?i)(?:\b(?:electronic\s+address|e-?\s?mail(?:\s+address)?|email|correspondence(?:\s+to)?)\s*[:：]?\s*)"
    r"(?=\S*@)")
_PHONE_RE = re.compile(r"(?i)\b(?:tel|telephone|phone|fax|ph)\b\.?\s*[:：]?\s*\+?[\d\s().\-/]{6,}\d")
_BOTH_IN_RE = re.compile(r"\s*-\s*both in\s+")
_LEAD_MARK_RE = re.compile(r"\s*(?:\(\d+\)|\[\d+\]|\d{1,2}\)|\d{1,2}(?=\s*[A-Z(])|[a-z](?=[A-Z][a-z])|[*†‡§¶])\s*")
_AUTHOR_PART_RE = re.compile(r"^(?:[A-Z]\.-?\s?){1,3}\s?[A-Z][\w'’-]+$")
_LABEL_RE = re.compile(r"\s*(?:[Aa]ll authors|[Pp]resent address|[Cc]urrent address|[Cc]orrespondence|"
                       r"[Aa]ffiliations?|[Ff]or the [\w\s]{1,40})\s*:\s*")
_TRAIL_AND_RE = re.compile(r"(?i)[\s,;]*\band\s*[.;,]*\s*$")
_DESIGNATIONS = frozenset({"irccs"})


def parse_affiliation(text: str) -> list[ParsedAffiliation]:
    """Parse a raw affiliation field into one :class:`ParsedAffiliation` per affiliation.

    Results are cached by string (affiliations repeat a lot across papers); each call
    returns fresh objects, so callers may change them.

    Args:
        text: The raw string. It may hold several affiliations separated by ``;``, new
            lines, or "and"/". " between complete affiliations.

    Returns:
        The affiliations in order. Offsets in units always index ``text``. Segments that
        hold only an e-mail address add it to the affiliation before them.
    """
    return [replace(a, units=list(a.units)) for a in _parse_cached(text)]


@lru_cache(maxsize=20_000)
def _parse_cached(text: str) -> tuple[ParsedAffiliation, ...]:
    """:func:`_parse`, cached (callers get copies, see :func:`parse_affiliation`)."""
    return tuple(_parse(text))


def _parse(text: str) -> list[ParsedAffiliation]:
    """Parse every segment; join place-less segments to the place after them; pass e-mails and countries on."""
    out: list[ParsedAffiliation] = []
    if not text or not text.strip():
        return out
    text = mask_author_lists(text)
    pending: list[ParsedAffiliation] = []  # place-less affiliations just before this one
    for s, e in segments(text):
        aff = _parse_segment(text, s, e)
        if aff is None:
            continue
        if not aff.units and _has_place(aff) and pending and pending[-1] is (out[-1] if out else None):
            # "Department of X; Y College; Houston, TX USA": ";" used between parts of one affiliation
            first = pending[0]
            merged = _parse_segment(text, first.start, e)
            if merged is not None and merged.units:
                del out[len(out) - len(pending):]
                out.append(merged)
                pending = []
                continue
        pending = pending + [aff] if aff.units and not _has_place(aff) else []
        if not aff.units and aff.country_code is None and aff.city is None:
            if aff.email and out and out[-1].email is None:
                out[-1].email = aff.email
            continue
        out.append(aff)
    # an affiliation that names no country inherits it from the next one of the same string
    # ("..., Modena; NOCSAE Hospital, ASL Modena, Italy")
    for i in range(len(out) - 2, -1, -1):
        a, nxt = out[i], out[i + 1]
        if a.country_code is None and nxt.country_code and a.city and a.region_code is None:
            a.country_code, a.country = nxt.country_code, nxt.country
    return out


def _has_place(a: ParsedAffiliation) -> bool:
    """Whether a country, city, region or postcode was found."""
    return bool(a.country_code or a.city or a.region_code or a.postcode)


def _parse_segment(text: str, s: int, e: int) -> ParsedAffiliation | None:
    """Parse one affiliation, ``text[s:e]``; ``None`` when nothing is left of it."""
    s, e = _strip_prefixes(text, s, e)
    if e <= s:
        return None
    aff = ParsedAffiliation(raw=text[s:e], start=s, end=e)
    parts = _unit_parts(text, _cut_holes(text, s, e, aff))
    stop = read_places(parts, aff)
    unit_parts = [p for p in parts[:stop] if not _is_noise(p)]
    unit_parts = _join_campus(text, unit_parts, parts[stop:], aff)
    aff.units = make_units(unit_parts, aff)
    return aff


def _strip_prefixes(text: str, s: int, e: int) -> tuple[int, int]:
    """Narrow a segment past an Embase author list, a label, a list marker and a trailing "and"."""
    s, e = trim(text, s, e)
    if e <= s:
        return s, e
    if text[s] == "(":  # Embase "(Author list) Institution"
        depth = 0
        for i in range(s, e):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    inner = text[s + 1:i]
                    if re.search(r"[A-Z]\.", inner) and (";" in inner or "," in inner or "@" in inner
                                                          or re.search(r"\w+ [A-Z]\.", inner)):
                        s = i + 1
                    break
    m = _LABEL_RE.match(text, s, e)  # "All authors: ...", "Present address: ..."
    if m and m.end() < e:
        s = m.end()
    m = _LEAD_MARK_RE.match(text, s, e)
    if m and m.end() > s and m.end() < e:
        s = m.end()
    m = _TRAIL_AND_RE.search(text, s, e)
    if m:
        e = m.start()
    return trim(text, s, e)


def _cut_holes(text: str, s: int, e: int, aff: ParsedAffiliation) -> list[tuple[int, int]]:
    """The spans of ``text[s:e]`` left after cutting out e-mails, phone numbers and author initials.

    The first e-mail address is kept in ``aff.email``.
    """
    holes: list[tuple[int, int]] = []
    lab = _EMAIL_LABEL_RE.search(text, s, e)
    for m in _EMAIL_RE.finditer(text, s, e):
        if aff.email is None:
            aff.email = re.sub(r"\s", "", m.group(0)).rstrip(".")
        holes.append((m.start(), m.end()))
    if lab:
        holes.append((lab.start(), lab.end()))
    for rx in (_PHONE_RE, INITIALS_PAREN_RE, _BOTH_IN_RE):
        for m in rx.finditer(text, s, e):
            holes.append((m.start(), m.end()))
    holes.sort()
    chunks: list[tuple[int, int]] = []
    cur = s
    for a, b in holes:
        if a > cur:
            chunks.append((cur, a))
        cur = max(cur, b)
    if cur < e:
        chunks.append((cur, e))
    return chunks


def _unit_parts(text: str, chunks: list[tuple[int, int]]) -> list[Part]:
    """The parts of the chunks, with comma lists joined, "and" lists split and each part's kind."""
    parts: list[Part] = []
    for a, b in chunks:
        parts.extend(split_parts(text, a, b))
    if parts and _AUTHOR_PART_RE.match(parts[0].text) and len(parts) > 1:
        parts = parts[1:]  # "J. Smith, Department of ..."
    parts = merge_continuations(text, parts)
    split: list[Part] = []
    for p in parts:
        p.kind = unit_kind(p.text)
        split.extend(split_and(text, p))
    return split


def _join_campus(text: str, units: list[Part], tail: list[Part], aff: ParsedAffiliation) -> list[Part]:
    """Rejoin "University of California, San Francisco, San Francisco": a campus named by its city.

    When the last unit is a university and the place part after it repeats in the next part
    ("X University, City, City"), the first copy belongs to the university's name.
    """
    if not units or len(tail) < 2 or units[-1].kind != "university":
        return units
    if units[-1].end > tail[0].start:
        return units
    if norm(tail[0].text) == norm(tail[1].text) and norm(tail[0].text) == norm(aff.city or ""):
        last = units[-1]
        joined = Part(last.start, tail[0].end, text[last.start:tail[0].end], "university")
        return units[:-1] + [joined]
    return units


def _is_noise(p: Part) -> bool:
    """Whether a part left of the place is no unit: a designation, street, postcode, number or country."""
    t = p.text
    if norm(t) in _DESIGNATIONS:
        return True
    if p.kind is None:
        if gazetteer.is_street(t, weak=False) or gazetteer.POSTCODE_RE.fullmatch(t):
            return True
        if not re.search(r"[^\W\d_]", t):
            return True
        n = norm(t)
        if gazetteer.country_in(t) and n not in ("us", "u s"):
            return True
    return False
