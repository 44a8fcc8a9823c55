"""Share out the ``AD`` lines of an RIS record among its authors.

RIS has no standard link between authors and affiliations, but the big
exporters write one in the text, and where they do it is used:

* Embase: ``(Akagami M.; Ouchi Y.) Kenpoku Livestock Hygiene Service Center, ...``
* Web of Science: ``[Bouzalas, Ilias G.; Seuberlich, Torsten] Univ Bern, ...`` (several per line)
  and ``Seuberlich, T (reprint author), Univ Bern, ...``
* Scopus and PsycINFO: ``Boscarino, J.A., Center for ...``, ``A. Arias, Yale ...``,
  ``Arpawong, Thalida E.: Department of ...``

A name is only taken as such when it matches one of the record's authors
(surname and first initial, accents ignored). Other lines are affiliations of
the paper that no author is known to hold, except in a one-author paper; lines
holding only e-mail addresses are dropped, and a leading footnote number
("1 School of ...") is removed.
"""
from __future__ import annotations

import re

from litkg.extract.affiliations.text import fold
from litkg.extract.readers.fields import AffiliationTable, clean, link_affiliation
from litkg.extract.records import Author

_EMBASE = re.compile(r"^\(([^()]+)\)\s*(.*)$")
_WOS = re.compile(r"\[([^\[\]]+)\]\s*([^\[]*)")
_REPRINT = re.compile(r"\s*\((?:reprint|corresponding) author\)", re.I)
_SURNAME_FIRST = re.compile(r"^([^,:;()\[\]\d@]{2,40}), ([^,:;()\[\]\d@]{1,40}?)\s*[,:]\s*(.*)$")
_GIVEN_FIRST = re.compile(r"^([A-Z][^,:;()\[\]\d@]{0,30}?)\s+([A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)?)\s*[,:]\s*(.*)$")
_DEGREES = re.compile(r"^(?:(?:PhD|Ph\.D\.|MD|M\.D\.|MPH|MSc|MA|BSc|BA|RN|DPhil|PsyD|Dr|Prof)\b\.?,?\s*)+")
_FOOTNOTE = re.compile(r"^\d{1,2}\s+(?=[A-Z])")
_EMAILS_ONLY = re.compile(r"^(?:[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+[\s;,.]*)+$")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?-?)+$")


def _fold(text: str) -> str:
    return fold(text).lower().strip(" .")


def name_key(surname: str, given: str) -> tuple[str, str]:
    """Match key of a name: folded surname and folded first initial."""
    g = _fold(given)
    return _fold(surname), g[:1]


def author_key(name: str) -> tuple[str, str]:
    """Key of an ``AU`` value (``Surname, Given`` or ``Given Surname``)."""
    if "," in name:
        sur, given = name.split(",", 1)
        return name_key(sur, given.strip())
    parts = name.split()
    return name_key(parts[-1], parts[0]) if len(parts) > 1 else name_key(name, "")


def _listed_key(item: str) -> tuple[str, str]:
    """Key of a listed name: ``Akagami M.``, ``Berg Miller M.E.`` or ``Bouzalas, Ilias G.``."""
    item = item.split(",", 1)[0] if "@" in item else item  # "Nagai M., m-nagai@..."
    item = item.strip()
    if "," in item:
        sur, given = item.split(",", 1)
        return name_key(sur, given.strip())
    parts = item.split()
    if len(parts) > 1 and _INITIALS.match(parts[-1]):
        return name_key(" ".join(parts[:-1]), parts[-1])
    return author_key(item)


def assign(lines: list[str], authors: list[Author]) -> list[str]:
    """Add the affiliations in ``lines`` to ``authors`` and return the paper's affiliation list.

    Args:
        lines: The ``AD`` values, one line each, in file order.
        authors: The record's authors; their ``affiliations`` are filled in.

    Returns:
        Distinct affiliation strings; the authors' indices point into it.
    """
    keys: dict[tuple[str, str], list[Author]] = {}
    for a in authors:
        keys.setdefault(author_key(a.name), []).append(a)
    table = AffiliationTable()

    def add(text: str, who: list[Author]) -> None:
        """Record one affiliation for ``who`` (the sole author when nobody is named)."""
        text = clean(_FOOTNOTE.sub("", text.strip()))
        if not text or _EMAILS_ONLY.match(text):
            return
        i = table.add(text)
        if not who and len(authors) == 1:
            who = authors
        for a in who:
            link_affiliation(a, i)

    def named(items: list[str]) -> list[Author]:
        """The record's authors among listed names such as ``Akagami M.``."""
        return [a for item in items for a in keys.get(_listed_key(item), [])]

    for line in lines:
        line = clean(line)
        if not line:
            continue
        m = _EMBASE.match(line)
        if m:
            add(m.group(2), named(m.group(1).split(";")))
            continue
        if line.startswith("["):
            for m in _WOS.finditer(line):
                add(m.group(2), named(m.group(1).split(";")))
            continue
        line = _REPRINT.sub("", line)
        m = _SURNAME_FIRST.match(line)
        if m and keys.get(name_key(m.group(1), m.group(2))):
            add(_DEGREES.sub("", m.group(3)), keys[name_key(m.group(1), m.group(2))])
            continue
        m = _GIVEN_FIRST.match(line)
        if m and keys.get(name_key(m.group(2), m.group(1))):
            add(_DEGREES.sub("", m.group(3)), keys[name_key(m.group(2), m.group(1))])
            continue
        add(line, [])
    return table.items
