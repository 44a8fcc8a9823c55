"""Parse PubMed-style citation lines and dates, shared by the plain-text readers.

>>> c = parse_citation("Epidemiol Psychiatr Sci. 2016 Apr;25(2):113-22. doi: 10.1017/S2045796015001067. Epub 2016 Jan 8.")
>>> (c["journal"], c["date"], c["volume"], c["issue"], c["pages"], c["doi"], c["epub_date"])
('Epidemiol Psychiatr Sci', '2016-04', '25', '2', '113-22', '10.1017/S2045796015001067', '2016-01-08')
"""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

CITATION_RE = re.compile(
    r"^(?:\d+\.\s+)?(?P<journal>[^\n]+?)\.\s+"
    r"(?P<date>(?:1[89]|20)\d{2}(?:\s+[A-Za-z]{3,9}(?:\s*[-/]\s*[A-Za-z]{3,9})?)?(?:\s+\d{1,2}(?:-\d{1,2})?)?)"
    r"(?:;(?P<volume>[^(:;.\n]*)(?:\((?P<issue>[^)\n]*)\))?)?"
    r"(?::(?P<pages>[^.;\s]+))?"
    r"\.(?P<rest>.*)$"
)
DOI_IN_TEXT_RE = re.compile(r"doi:\s*(10\.\d{4,9}/\S+?)\.?(?:\s|$)", re.I)
EPUB_RE = re.compile(r"Epub(?: ahead of print)?\s+((?:1[89]|20)\d{2}[^.]*)\.", re.I)
# year, then a month (name or number) that may start a month range ("Oct - Nov"), then a day;
# a month or day number is never the first digits of a longer number ("1998 Dec-1999 Jan")
_DATE_RE = re.compile(r"\s*((?:1[89]|20)\d{2})(?:[\s/-]+([A-Za-z]{3,9}|\d{1,2}(?!\d))(?:\s*[-/]\s*[A-Za-z]{3,9})?)?"
                      r"(?:[\s/-]+(\d{1,2})(?!\d))?")


def parse_date(text: str | None) -> str | None:
    """Turn ``2016 Apr 8`` / ``2016 Jan-Feb`` / ``2016`` into an ISO 8601 prefix.

    A range gives its first date.

    >>> parse_date("2016 Jan 8"), parse_date("2015 Jan-Feb"), parse_date("2019 Spring")
    ('2016-01-08', '2015-01', '2019')
    >>> parse_date("1998 Dec-1999 Jan"), parse_date("2018 Oct - Nov")
    ('1998-12', '2018-10')
    """
    if not text:
        return None
    m = _DATE_RE.match(text)
    if not m:
        return None
    year, month, day = m.groups()
    if month is None:
        return year
    mon = int(month) if month.isdigit() else MONTHS.get(month[:3].lower())
    if not mon or not 1 <= mon <= 12:
        return year
    if day and 1 <= int(day) <= 31:
        return f"{year}-{mon:02d}-{int(day):02d}"
    return f"{year}-{mon:02d}"


def parse_citation(line: str) -> dict[str, str | None] | None:
    """Parse a citation line; ``None`` when the line is not one."""
    m = CITATION_RE.match(line.strip())
    if not m:
        return None
    rest = m.group("rest") or ""
    doi = DOI_IN_TEXT_RE.search(rest)
    epub = EPUB_RE.search(rest)
    return {
        "journal": m.group("journal").strip(),
        "date": parse_date(m.group("date")),
        "volume": (m.group("volume") or "").strip() or None,
        "issue": (m.group("issue") or "").strip() or None,
        "pages": m.group("pages"),
        "doi": doi.group(1) if doi else None,
        "epub_date": parse_date(epub.group(1)) if epub else None,
    }
