"""JSON Lines records: one JSON object a line.

Known keys: ``id``, ``title``, ``abstract``, ``authors`` (names, or objects with
``name``, ``affiliations`` (strings, or indices into the record's list) and
``orcid``), ``affiliations`` (strings), ``journal``, ``year`` or ``date``,
``doi``, ``pmid``, ``pmcid``, ``language`` (the language of title and abstract),
``volume``, ``issue``, ``pages``, ``keywords``, ``mesh``, ``translations``.
Every other key is kept in :attr:`Paper.extra`. Blank lines are skipped.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from litkg.extract.readers._io import STREAM_ERRORS, Rejected, broken_stream, open_binary, source_encoding
from litkg.extract.readers._limits import RAW_PREFIX_CHARS, bounded_lines, record_limit, too_large
from litkg.extract.readers.fields import AffiliationTable, iso_date, language_code, link_affiliation, orcid
from litkg.extract.records import Author, Paper, make_id, normalize_doi

NAME = "jsonl"

_FIRST_LINE = re.compile(r'^\s*\{\s*("|\}\s*$)')
# "\ud800" to "\udfff" escapes: JSON can spell a lone surrogate, which is not text (UTF-8 cannot encode it)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING_FIELDS = ("journal", "volume", "issue", "pages", "pmcid", "epub_date")
_KNOWN = {"id", "title", "abstract", "authors", "affiliations", "year", "date", "doi", "pmid",
          "language", "keywords", "mesh", "translations", *_STRING_FIELDS}


class _Bad(ValueError):
    """A field of the wrong type; the message names it."""


def sniff(head: str) -> bool:
    """True when the first non-blank line starts a JSON object (``{"``) on that line."""
    first = next((l for l in head.splitlines() if l.strip()), "")
    return bool(_FIRST_LINE.match(first))


def _str(d: dict[str, Any], key: str) -> str | None:
    v = d.get(key)
    if v is None:
        return None
    if type(v) is str:
        return v.strip() or None
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise _Bad(f"field {key!r} must be a string, not {type(v).__name__}")
    return str(v).strip() or None


def _strings(d: dict[str, Any], key: str) -> list[str]:
    v = d.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _Bad(f"field {key!r} must be a list of strings")
    return [x.strip() for x in v if x.strip()]


def _authors(d: dict[str, Any], table: AffiliationTable) -> list[Author]:
    raw = d.get("authors")
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise _Bad("field 'authors' must be a list")
    top = list(table.items)
    authors = []
    for a in raw:
        if isinstance(a, str):
            authors.append(Author(a.strip()))
            continue
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            raise _Bad("each author must be a name or an object with a 'name' string")
        author = Author(a["name"].strip(), orcid=orcid(a.get("orcid")) if isinstance(a.get("orcid"), str) else None)
        affs = a.get("affiliations") or []
        if isinstance(affs, (str, int)):
            affs = [affs]
        for aff in affs:
            if isinstance(aff, int) and not isinstance(aff, bool) and 0 <= aff < len(top):
                i = aff
            elif isinstance(aff, str) and aff.strip():
                i = table.add(aff.strip())
            else:
                raise _Bad(f"author {author.name!r}: affiliations must be strings or indices into 'affiliations'")
            link_affiliation(author, i)
        authors.append(author)
    return authors


def _date(d: dict[str, Any]) -> str | None:
    year = d.get("year")
    if type(year) is int and "date" not in d:
        return str(year) if 1000 <= year <= 9999 else None
    return iso_date(_str(d, "date")) or iso_date(_str(d, "year"))


def paper_from_dict(d: dict[str, Any], path: str, line: int) -> Paper:
    """Build a :class:`Paper` from one decoded JSON object.

    Raises:
        ValueError: a known field has the wrong type (the message names it).
    """
    title = _str(d, "title") or ""
    abstract = _str(d, "abstract") or ""
    own = _str(d, "id")
    doi = _str(d, "doi")
    pmid = _str(d, "pmid")
    if own and not doi and own.lower().startswith(("10.", "doi:", "https://doi.org/")):
        doi = own
    if own and not pmid and own.lower().startswith("pmid:") and own[5:].strip().isdigit():
        pmid = own[5:].strip()
    doi = normalize_doi(doi) if doi else None
    table = AffiliationTable()
    for aff in _strings(d, "affiliations"):
        table.add(aff)
    authors = _authors(d, table)
    translations = d.get("translations") or {}
    if translations and (not isinstance(translations, dict)
                         or not all(isinstance(v, str) for v in translations.values())):
        raise _Bad("field 'translations' must map language codes to strings")
    lang = _str(d, "language")
    return Paper(
        id=make_id(doi=doi, pmid=pmid, own=own, fallback_text=title + abstract),
        title=title,
        abstract=abstract,
        authors=authors,
        affiliations=table.items,
        date=_date(d),
        doi=doi,
        pmid=pmid,
        language=(language_code(lang) or lang) if lang else "en",
        translations=dict(translations),
        keywords=_strings(d, "keywords") if "keywords" in d else [],
        mesh=_strings(d, "mesh") if "mesh" in d else [],
        source=path,
        record=line,
        extra={k: v for k, v in d.items() if k not in _KNOWN},
        **{k: _str(d, k) for k in _STRING_FIELDS if k in d},
    )


def read(path: str | Path) -> Iterator[Paper | Rejected]:
    """Yield one record per non-blank line of a JSON Lines file.

    Args:
        path: A ``.jsonl`` file (gzip allowed; UTF-8, or UTF-16/UTF-32 with a byte-order mark).

    Yields:
        A :class:`Paper` per object; a :class:`Rejected` naming the line for a line
        that is not valid JSON or UTF-8 (a line cut off by truncation included, and
        a string escaping a lone surrogate such as ``"\\ud800"``),
        not an object, has a field of the wrong type, or has neither title nor abstract;
        a :class:`Rejected` naming the line for a line over the record limit
        (``record too large``: only its start is ever held); a :class:`Rejected`
        naming the next line where a compressed file breaks off.
    """
    p = str(path)
    n = 0
    limit = record_limit()
    try:
        with open_binary(path) as fh:
            label = source_encoding(fh)
            for raw, size in bounded_lines(fh, limit):
                n += 1
                if size > limit:
                    yield Rejected(p, f"line {n}", too_large(size, limit), _text(raw)[:RAW_PREFIX_CHARS] + "\u2026")
                elif raw.strip():
                    yield _record(raw, p, n, label)
    except STREAM_ERRORS as e:
        yield Rejected(p, f"line {n + 1}", broken_stream(e))


def _record(raw: bytes, p: str, n: int, label: str = "UTF-8") -> Paper | Rejected:
    where = f"line {n}"
    try:
        # decoded here, strictly: json.loads(bytes) lets UTF-8-encoded surrogates (b"\xed\xa0\x80") through
        d = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as e:
        why = f"invalid UTF-8 (byte {e.start} of the line)" if label == "UTF-8" else f"invalid {label}"
        return Rejected(p, where, why, _text(raw))
    except ValueError as e:
        return Rejected(p, where, f"not valid JSON ({e})", _text(raw))
    if not isinstance(d, dict):
        return Rejected(p, where, f"a JSON {type(d).__name__}, not an object", _text(raw))
    if _SURROGATE_ESCAPE.search(raw) and _lone_surrogate(d):
        return Rejected(p, where, "a string holds a lone surrogate (\\ud800-\\udfff escape): not valid text",
                        _text(raw))
    try:
        paper = paper_from_dict(d, p, n)
    except ValueError as e:
        return Rejected(p, where, str(e), _text(raw))
    if not paper.title and not paper.abstract:
        return Rejected(p, where, "record has neither a title nor an abstract", _text(raw))
    return paper


def _lone_surrogate(value: Any) -> bool:
    """Whether a decoded JSON value holds a lone surrogate anywhere (in a key or a string)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").rstrip("\r\n")
