"""Small field helpers shared by the readers: dates, script and language codes, affiliations, ORCIDs."""
from __future__ import annotations

import re
from functools import lru_cache

from litkg.extract.readers.citation import parse_date
from litkg.extract.records import Author

_COMPACT_DATE = re.compile(r"^\s*((?:1[89]|20)\d{2})(\d{2})?(\d{2})?\s*$")
_WS = re.compile(r"\s+")
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HIRAGANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def clean(text: str | None) -> str:
    """Collapse runs of whitespace to one space and strip the ends.

    >>> clean("  a\\n  b ")
    'a b'
    """
    return _WS.sub(" ", text).strip() if text else ""


def iso_date(text: str | None) -> str | None:
    """Turn a source date into an ISO 8601 prefix.

    Handles what :func:`~extract.readers.citation.parse_date` does (ranges such as
    ``1998 Dec-1999 Jan`` give the first date) plus compact ``YYYYMMDD`` dates.

    >>> iso_date("20190111"), iso_date("1998 Dec-1999 Jan"), iso_date("2018 Nov 25")
    ('2019-01-11', '1998-12', '2018-11-25')
    """
    if not text:
        return None
    m = _COMPACT_DATE.match(text)
    if m:
        y, mo, d = m.groups()
        if mo and 1 <= int(mo) <= 12:
            if d and 1 <= int(d) <= 31:
                return f"{y}-{mo}-{d}"
            return f"{y}-{mo}"
        return y
    return parse_date(text)


def script_language(text: str) -> str:
    """Guess a paragraph's language from its script: ``zh``, ``ja``, ``ko`` or ``en``."""
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return "en"
    if len(_HANGUL.findall(text)) / letters > 0.3:
        return "ko"
    if len(_HIRAGANA.findall(text)) / letters > 0.1:
        return "ja"
    if len(_CJK.findall(text)) / letters > 0.3:
        return "zh"
    return "en"


@lru_cache(maxsize=256)
def language_code(value: str | None) -> str | None:
    """ISO 639-1 code for a language code or name (``eng``, ``chi``, ``English``, ``en``).

    Returns ``None`` when the value is not a known language (or has no two-letter code).

    >>> language_code("chi"), language_code("English"), language_code("fre")
    ('zh', 'en', 'fr')
    """
    if not value or not value.strip():
        return None
    import pycountry  # loaded on first use only

    v = value.strip()
    for key in ("alpha_2", "bibliographic", "alpha_3", "name"):
        try:
            lang = pycountry.languages.get(**{key: v.lower() if key != "name" else v})
        except (KeyError, LookupError):
            lang = None
        if lang is not None:
            return getattr(lang, "alpha_2", None)
    try:
        return getattr(pycountry.languages.lookup(v), "alpha_2", None)
    except LookupError:
        return None


def orcid(value: str | None) -> str | None:
    """The bare ORCID iD in ``value`` (``ORCID: https://orcid.org/0000-...``), or ``None``.

    >>> orcid("ORCID: http://orcid.org/0000-0001-9811-4601")
    '0000-0001-9811-4601'
    """
    m = _ORCID.search(value or "")
    return m.group(1).upper() if m else None


def link_affiliation(author: Author, index: int) -> None:
    """Give ``author`` the affiliation at ``index`` of the paper's list, once."""
    if index not in author.affiliations:
        author.affiliations.append(index)


class AffiliationTable:
    """Distinct affiliation strings in order of first appearance.

    >>> t = AffiliationTable()
    >>> t.add("Univ A"), t.add("Univ B"), t.add("Univ A")
    (0, 1, 0)
    >>> t.items
    ['Univ A', 'Univ B']
    """

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, text: str) -> int:
        """Add an affiliation (if new) and return its index."""
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.items)
            self.items.append(text)
        return i
