"""The HTML pages: the query page and the pages of a concept, a paper and a platform's findings.

Renderers are pure functions of what :mod:`litkg.graph.web.data` read from the
graph; they return a whole HTML document as a string, standard library only.
"""
from __future__ import annotations

import json
from collections import defaultdict

from litkg.extract import identifiers as ids
from litkg.graph.web.markup import (PageError, Span, doi_link, esc, external, field_lang, flags, href, is_true,
                                    label, link, marked, page, paper_name, paper_ref, sentence, short, table, to_int,
                                    type_badge, words)

TYPE_ORDER = ("platform", "benefit", "risk", "outcome", "population", "institution")


def query_page(queries: list[dict], prefixes: dict[str, str], pages: dict[str, list[str]]) -> str:
    """The query page: a SPARQL editor, the named queries one click away, results as a table (``query.js``).

    Args:
        queries: Named queries as ``{"name", "description", "params", "text"}``.
        prefixes: Prefix → namespace, to show IRIs short and expand parameters.
        pages: Page kind (``concept``, ``paper``) → IRI starts whose results link to that page.
    """
    items = "".join(
        f'<li><button type="button" class="named" data-name="{esc(q["name"])}" title="{esc(q["description"])}">'
        f'<code>{esc(q["name"])}</code>'
        + (f' <span class="params">({esc(", ".join(q["params"]))})</span>' if q["params"] else "")
        + f'<span class="desc">{esc(q["description"])}</span></button></li>' for q in queries)
    data = json.dumps({"queries": queries, "prefixes": prefixes, "pages": pages}, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    body = f"""
<div class="query-layout">
<aside class="named-queries"><h2>Named queries</h2>
<p class="hint">Click one to load it; those without parameters run at once.</p><ul>{items}</ul></aside>
<section class="editor">
<h1>Query the knowledge graph</h1>
<p class="lead">SPARQL 1.1 over papers, mentions, findings and their evidence sentences. Prefixes such as
<code>litkg:</code>, <code>oa:</code>, <code>skos:</code>, <code>concept:</code> are predeclared; the default
graph is the union of all graphs.</p>
<form id="query-form" method="post" action="/query">
<textarea id="query" name="query" rows="14" spellcheck="false" aria-label="SPARQL query">SELECT ?paper ?title
WHERE {{ ?paper a schema:ScholarlyArticle . OPTIONAL {{ ?paper dcterms:title ?title }} }}
LIMIT 20</textarea>
<div id="params" class="params-row" hidden></div>
<div class="actions"><button type="submit" id="run" class="primary">Run query</button>
<span class="hint">Ctrl+Enter runs</span><span id="status" role="status" aria-live="polite"></span></div>
</form>
<div id="results"></div>
</section></div>
<script type="application/json" id="litkg-data">{data}</script>"""
    return page("SPARQL query", body, scripts=["/static/query.js"], wide=True)


def error_page(status: int, message: str) -> str:
    """A page saying what went wrong (bad IRI, query time limit, …)."""
    return page(f"Error {status}", f'<h1>Error {status}</h1><p class="error">{esc(message)}</p>'
                                   '<p><a href="/">Back to the query page</a></p>')


def _concept_type(d: dict) -> str:
    scheme = d["details"].get("scheme", "")
    if scheme:
        return words(scheme)
    return d["mentions"][0]["type"] if d["mentions"] else ""


def _concept_facts(iri: str, det: dict) -> str:
    facts = []
    if det.get("labelZh"):
        facts.append(("Chinese", f'<span lang="zh">{esc(det["labelZh"])}</span>'))
    if det.get("altLabels"):
        facts.append(("Also called", esc(det["altLabels"])))
    if det.get("broader"):
        facts.append(("Broader", link("concept", det["broader"], words(det["broader"]))))
    out = []
    for target in det.get("exactMatch", "").split():
        if target.startswith(ids.WIKIDATA):
            out.append(external(target, "Wikidata " + target[len(ids.WIKIDATA):]))
        elif target.startswith(ids.MESH):
            out.append(external(target, "MeSH " + target[len(ids.MESH):]))
        else:
            out.append(external(target, short(target)))
    if out:
        facts.append(("Links", " · ".join(out)))
    facts.append(("IRI", f"<code>{esc(iri)}</code>"))
    return '<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


def concept_page(d: dict) -> str:
    """A concept: label, type, links, the findings it takes part in, and every mention in its sentence."""
    iri, det, mentions = d["iri"], d["details"], d["mentions"]
    if not det and not mentions:
        raise PageError(404, f"nothing is known about {iri}")
    name = det.get("label") or (mentions[0]["exact"] if mentions else words(iri))
    ctype = _concept_type(d)
    papers: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        papers[m["paper"]].append(m)
    parts = [f'<h1>{esc(name)} {type_badge(ctype)}'
             + (' <span class="flag candidate" title="found by the cue rules, not in the vocabulary">candidate</span>'
                if ids.is_candidate(iri) else "") + "</h1>",
             _concept_facts(iri, det)]
    if ctype == "platform":
        parts.append(f'<p class="next">{link("platform", iri, f"What is said about {name}: its findings →")}</p>')
    if d["findings"]:
        rows = [[link("platform", f["platform"], f.get("platformLabel") or words(f["platform"])),
                 type_badge(f["type"]),
                 link("concept", f["effect"], f.get("effectLabel") or words(f["effect"])),
                 esc(f["papers"]), esc(f["hedgedCount"]) + " of " + esc(f["findings"])] for f in d["findings"]]
        parts.append("<h2>Findings</h2>" + table(["Platform", "Type", "Effect", "Papers", "Hedged"], rows))
    more = f" (the first {len(mentions)})" if d["more"] else ""
    parts.append(f'<h2 id="evidence">Evidence: {len(mentions)} mention{"s" if len(mentions) != 1 else ""} '
                 f'in {len(papers)} paper{"s" if len(papers) != 1 else ""}{more}</h2>')
    for paper_iri, ms in papers.items():
        first = ms[0]
        items = "".join(
            "<li>" + sentence(m["sentence"], m["field"],
                              [Span(to_int(m["start"]), m["exact"], f"m-{m['type']}")], to_int(m["sentenceStart"]))
            + f'<div class="meta"><span class="field">{esc(m["field"])}</span>'
            + flags(m.get("hedged"), m.get("negated")) + "</div></li>" for m in ms)
        parts.append(f'<section class="paper-evidence"><h3>{paper_ref(paper_iri, first)}</h3>'
                     f'<ul class="evidence">{items}</ul></section>')
    return page(name, "".join(parts))


def _finding_item(f: dict, labels: dict[str, str], paper: dict | None = None) -> str:
    """One finding with its sentence marked: under its claim (a paper's page) or with its paper (a platform's)."""
    spans = [Span(to_int(f["effectStart"]), f["effectText"], f"m-{f['type']}", href("concept", f["effect"])),
             Span(to_int(f["platformStart"]), f["platformText"], "m-platform", href("platform", f["platform"]))]
    status = flags(f.get("hedged")) or '<span class="flag asserted">asserted</span>'
    head = tail = ""
    if paper is None:
        head = (f'<div class="claim">{link("platform", f["platform"], label(f["platform"], labels))} '
                f'<span class="arrow">→</span> {link("concept", f["effect"], label(f["effect"], labels))} '
                f'{type_badge(f["type"])}{status}</div>')
    else:
        tail = (f'<div class="meta">{status} {paper_ref(f["paper"], paper)} '
                f'<span class="field">{esc(f["field"])}</span></div>')
    quote = sentence(f["sentence"], f["field"], spans, to_int(f["sentenceStart"]))
    return f'<li class="finding">{head}{quote}{tail}</li>'


def paper_page(d: dict) -> str:
    """A paper: title, DOI link, its text with the mentions marked, mentions grouped by type, its findings."""
    info, iri = d["info"], d["iri"]
    if not info:
        raise PageError(404, f"no paper {iri} in the graph")
    name = paper_name(info)
    meta = " · ".join(esc(v) for v in (info.get("journal"), info.get("date") or info.get("year")) if v)
    links = [doi_link(info.get("doi"))]
    if info.get("pmid"):
        links.append(external(ids.PUBMED + info["pmid"] + "/", f"PubMed {info['pmid']}"))
    parts = [f"<h1>{esc(name)}</h1>", f'<p class="meta">{meta} {" ".join(l for l in links if l)}</p>']
    if d["authors"]:
        parts.append(f'<p class="authors">{esc(", ".join(d["authors"]))}</p>')
    by_field: dict[str, list[Span]] = defaultdict(list)
    for m in d["mentions"]:
        tip = f"{m['type']}: {m.get('conceptLabel') or words(m['concept'])}"
        by_field[m["field"]].append(Span(to_int(m["start"]), m["exact"], f"m-{m['type']}",
                                         href("concept", m["concept"]), tip))
    legend = "".join(f'<mark class="m-{t}">{t}</mark>' for t in TYPE_ORDER)
    texts = [f'<section class="textfield"><h3>{esc(f["field"])}</h3>'
             f'<p class="text" lang="{esc(field_lang(f["field"]))}">{marked(f["text"], by_field[f["field"]])}</p>'
             "</section>" for f in sorted(d["fields"], key=lambda f: (f["field"].startswith("affiliation"),
                                                                      f["field"] != "title", f["field"]))]
    parts.append(f'<h2>Text</h2><p class="legend">{legend}</p>{"".join(texts)}')
    parts.append(_mentions_by_type(d["mentions"]))
    items = "".join(_finding_item(f, d["labels"], None) for f in d["findings"])
    more = " (the first shown)" if d["more"] else ""
    parts.append(f'<h2 id="findings">Findings ({len(d["findings"])}{more})</h2>'
                 + (f'<ul class="findings">{items}</ul>' if items else "<p>No finding in this paper.</p>"))
    return page(name, "".join(parts))


def _mentions_by_type(mentions: list[dict]) -> str:
    groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        groups[m["type"]][m["concept"]].append(m)
    out = ["<h2>Mentions by type</h2>"]
    for t in sorted(groups, key=lambda t: (TYPE_ORDER.index(t) if t in TYPE_ORDER else 99, t)):
        chips = []
        for concept, ms in sorted(groups[t].items(), key=lambda kv: (-len(kv[1]), kv[0])):
            count = f' <span class="count">×{len(ms)}</span>' if len(ms) > 1 else ""
            marks = []
            for flag in ("hedged", "negated"):
                k = sum(is_true(m[flag]) for m in ms)
                if k:
                    marks.append(f'<span class="flag {flag}" title="{k} of {len(ms)} mentions {flag}">'
                                 f"{f'{k} ' if len(ms) > 1 else ''}{flag}</span>")
            chips.append(f'<li>{link("concept", concept, ms[0].get("conceptLabel") or ms[0]["exact"])}{count}'
                         f'{"".join(marks)}</li>')
        out.append(f'<h3>{type_badge(t)} {len(groups[t])} concept{"s" if len(groups[t]) != 1 else ""}</h3>'
                   f'<ul class="chips">{"".join(chips)}</ul>')
    return "".join(out)


def platform_page(d: dict) -> str:
    """A platform's findings: each effect with its evidence sentences (marked), hedged or not, and papers."""
    iri, det, findings = d["iri"], d["details"], d["findings"]
    if not det and not findings:
        raise PageError(404, f"nothing is known about {iri}")
    name = det.get("label") or label(iri, d["labels"])
    by_effect: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for f in findings:
        by_effect[(f["type"], f["effect"])].append(f)
    hedged = sum(is_true(f["hedged"]) for f in findings)
    papers = {f["paper"] for f in findings}
    parts = [f'<h1>{esc(name)} {type_badge("platform")}</h1>',
             f'<p class="lead">{len(findings)} finding{"s" if len(findings) != 1 else ""} in {len(papers)} '
             f'paper{"s" if len(papers) != 1 else ""}: {len(findings) - hedged} asserted, {hedged} hedged. '
             f'{link("concept", iri, "About this concept and all its mentions →")}</p>']
    if not findings:
        parts.append("<p>No finding links this platform to a benefit or risk.</p>")
    for kind in ("benefit", "risk"):
        groups = [(e, fs) for (t, e), fs in by_effect.items() if t == kind]
        if not groups:
            continue
        parts.append(f"<h2>{'Benefits' if kind == 'benefit' else 'Risks'}</h2>")
        for effect, fs in sorted(groups, key=lambda g: (-len(g[1]), label(g[0], d["labels"]))):
            items = "".join(_finding_item(f, d["labels"], d["papers"].get(f["paper"], {})) for f in fs)
            count = f'{len(fs)} finding{"s" if len(fs) != 1 else ""}'
            parts.append(f'<section class="effect"><h3>{link("concept", effect, label(effect, d["labels"]))} '
                         f'<span class="count">· {count}</span></h3><ul class="findings">{items}</ul></section>')
    return page(f"{name}: findings", "".join(parts))
