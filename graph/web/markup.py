"""HTML building blocks of the pages: layout, links, short IRIs, flags, and sentences with their mentions marked.

Everything that comes from the graph goes through :func:`html.escape`
(:func:`esc`); links to other pages carry the IRI URL-encoded.
"""
from __future__ import annotations

import html
from typing import Iterable, NamedTuple
from urllib.parse import quote, unquote

from litkg.extract import identifiers as ids
from litkg.graph.namespace import QUERY_PREFIXES

CSS = "/static/litkg.css"
_BASES = sorted(((base, prefix) for prefix, base in QUERY_PREFIXES.items()), key=lambda bp: -len(bp[0]))


class PageError(Exception):
    """A page cannot be made: ``status`` and ``message`` say why (raised by a ``rows`` runner, too)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def esc(value: object) -> str:
    """``value`` as HTML text (quotes escaped too, so that it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str, scripts: Iterable[str] = (), wide: bool = False) -> str:
    """A whole HTML document: header with navigation, ``body`` (HTML) in ``<main>``, local scripts at the end."""
    tags = "".join(f'<script src="{esc(s)}"></script>' for s in scripts)
    return ("<!doctype html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
            f'<title>{esc(title)} · litkg</title><link rel="stylesheet" href="{CSS}"></head>'
            '<body><header class="top"><a class="brand" href="/">litkg</a>'
            '<nav><a href="/">SPARQL query</a><a href="/ontology">Ontology</a></nav></header>'
            f'<main class="{"wide" if wide else "narrow"}">{body}</main>'
            '<footer>Read-only SPARQL endpoint: <code>GET /query?query=…</code> or <code>POST /query</code>'
            f'</footer>{tags}</body></html>\n')


def href(kind: str, iri: str) -> str:
    """The address of the page of ``kind`` (``concept``, ``paper``, ``platform``) about ``iri``."""
    return f"/{kind}?iri={quote(iri, safe='')}"


def link(kind: str, iri: str, text: str, cls: str = "") -> str:
    """A link to the page of ``kind`` about ``iri`` showing ``text``."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a{attr} href="{esc(href(kind, iri))}">{esc(text)}</a>'


def external(url: str, text: str, cls: str = "ext") -> str:
    """A link out of the site (DOI, Wikidata, MeSH)."""
    return f'<a class="{esc(cls)}" href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def short(iri: str) -> str:
    """``iri`` as a prefixed name when a litkg prefix covers it (``concept:platform/facebook``).

    >>> short("https://w3id.org/litkg/concept/platform/facebook")
    'concept:platform/facebook'
    """
    for base, prefix in _BASES:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def words(iri: str) -> str:
    """A readable name made from the last segment of an IRI (``.../benefit/peer-support`` → ``peer support``)."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1]).replace("-", " ")


def label(iri: str, labels: dict[str, str]) -> str:
    """The label of ``iri`` from ``labels``, else words of the IRI."""
    return labels.get(iri) or words(iri)


def is_true(value: str | None) -> bool:
    """A SPARQL boolean's string value as a bool."""
    return value in ("true", "1")


def flags(hedged: str | None = None, negated: str | None = None) -> str:
    """Badges for hedged and negated claims (nothing when neither)."""
    out = []
    if is_true(hedged):
        out.append('<span class="flag hedged" title="said with may, might, could, suggest…">hedged</span>')
    if is_true(negated):
        out.append('<span class="flag negated" title="said not to hold">negated</span>')
    return "".join(out)


def type_badge(type_: str) -> str:
    """A coloured badge for an entity or finding type (platform, benefit, risk, …)."""
    return f'<span class="type t-{esc(type_)}">{esc(type_)}</span>' if type_ else ""


def doi_link(doi: str | None, text: str = "") -> str:
    """A link to a paper's DOI, showing ``text`` or the DOI (empty without a DOI)."""
    return external(ids.DOI + doi, (text or f"doi:{doi}") + " ↗", "doi") if doi else ""


def paper_ref(iri: str, paper: dict[str, str]) -> str:
    """A paper's name linking to its page, its year, and a link to its DOI (not shown twice when the name is it)."""
    name = paper_name({"paper": iri, **paper})
    doi = paper.get("doi")
    out = [link("paper", iri, name)]
    if paper.get("year"):
        out.append(f'<span class="year">{esc(paper["year"])}</span>')
    if doi:
        out.append(doi_link(doi, "doi.org" if not paper.get("title") else ""))
    return " ".join(out)


def paper_name(paper: dict[str, str]) -> str:
    """What to call a paper: its title, else its DOI, else its IRI."""
    return paper.get("title") or (f"doi:{paper['doi']}" if paper.get("doi") else short(paper.get("paper", "")))


def field_lang(field: str) -> str:
    """The ``lang`` attribute of a text field's sentences (``translation[zh]`` → ``zh``; English otherwise)."""
    return field[len("translation["):-1] if field.startswith("translation[") else "en"


class Span(NamedTuple):
    """A stretch of a text to mark: offsets in the text, its exact characters, a CSS class, a link (or "")."""

    start: int
    exact: str
    cls: str
    url: str = ""
    title: str = ""


def place(text: str, offset: int, exact: str) -> int | None:
    """Where ``exact`` sits in ``text`` given its stored ``offset``; its first occurrence when the offset
    disagrees; ``None`` when it is absent."""
    if 0 <= offset and text[offset:offset + len(exact)] == exact:
        return offset
    found = text.find(exact) if exact else -1
    return found if found >= 0 else None


def marked(text: str, spans: Iterable[Span], base: int = 0) -> str:
    """``text`` as HTML with each span marked (``<mark>``, a link inside when it has one).

    Span offsets are in the field; ``base`` is the text's own offset in that field (a sentence's start),
    so a mention sits at ``start - base``. Spans that overlap an earlier one are left unmarked.

    >>> marked("Use Facebook daily.", [Span(14, "Facebook", "m-platform")], base=10)
    'Use <mark class="m-platform">Facebook</mark> daily.'
    """
    placed = []
    for s in spans:
        at = place(text, s.start - base, s.exact)
        if at is not None and s.exact:
            placed.append((at, at + len(s.exact), s))
    placed.sort(key=lambda p: (p[0], -p[1]))
    out, pos = [], 0
    for start, end, s in placed:
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        inner = esc(text[start:end])
        if s.url:
            inner = f'<a href="{esc(s.url)}">{inner}</a>'
        tip = f' title="{esc(s.title)}"' if s.title else ""
        out.append(f'<mark class="{esc(s.cls)}"{tip}>{inner}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def sentence(text: str, field: str, spans: Iterable[Span], base: int) -> str:
    """An evidence sentence as a quotation with its mentions marked."""
    return f'<blockquote class="sentence" lang="{esc(field_lang(field))}">{marked(text, spans, base)}</blockquote>'


def table(header: list[str], rows: list[list[str]], cls: str = "results") -> str:
    """An HTML table; ``header`` is escaped here, the cells must be HTML already."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<div class="table-wrap"><table class="{esc(cls)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def to_int(value: str | None, default: int = 0) -> int:
    """A SPARQL integer's string value as an int (``default`` when missing or not a number)."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
