"""Pages for people on `litkg serve`: the renderers on the seed graph, the routes, and a real headless browser.

The browser test drives Debian's chromium through chromedriver (selenium): it
loads the query page, runs a named query, opens a concept page from the result
table and follows a link to the paper, where the mention is marked. It skips,
saying why, when chromium, chromedriver or selenium are not installed.
"""
from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from litkg.extract import identifiers as ids
from litkg.graph import web
from litkg.graph.serve import make_server
from litkg.graph.store import GraphStore
from litkg.graph.web import data, markup, pages
from litkg.graph.web.markup import Span, marked

FACEBOOK = ids.CONCEPT + "platform/facebook"
ONLINE = ids.CONCEPT + "platform/online-community"
CONNECTED = ids.CONCEPT + "benefit/social-connectedness"
PAPER = "https://doi.org/10.1017/S2045796015001067"
SLOW = ("SELECT ?concept (COUNT(*) AS ?n) WHERE { VALUES ?a {1 2 3 4 5 6 7 8 9 10} VALUES ?b {1 2 3 4 5 6 7 8 9 10} "
        "VALUES ?c {1 2 3 4 5 6 7 8 9 10} VALUES ?d {1 2 3 4 5 6 7 8 9 10} VALUES ?e {1 2 3 4 5 6 7 8 9 10} "
        "VALUES ?f {1 2 3 4 5 6 7 8 9 10} VALUES ?g {1 2 3 4 5 6 7 8 9 10} VALUES ?h {1 2 3 4 5 6 7 8 9 10} } "
        "GROUP BY ?concept")  # a page query: its parameter (?concept) is in the projection


@pytest.fixture(scope="module")
def rows(seed_store_dir):
    return data.store_rows(GraphStore(seed_store_dir, read_only=True))


def start(store, **kw):
    server = make_server(store, "127.0.0.1", 0, **kw)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def endpoint(seed_store_dir):
    server, url = start(GraphStore(seed_store_dir, read_only=True), timeout=5, max_queries=2)
    yield url
    server.shutdown()
    server.server_close()


def fetch(url: str, accept: str | None = None) -> tuple[int, str, str, dict]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8"), dict(e.headers)


def page_url(base: str, kind: str, iri: str) -> str:
    return f"{base}/{kind}?{urllib.parse.urlencode({'iri': iri})}"


# -- renderers on the seed graph


def test_concept_page_shows_labels_links_and_marked_evidence(rows):
    html = pages.concept_page(data.concept(ox.NamedNode(FACEBOOK), rows))
    assert "<h1>Facebook" in html and 't-platform">platform' in html
    assert 'href="http://www.wikidata.org/entity/Q355"' in html and "脸书" in html
    assert '<mark class="m-platform">Facebook</mark>' in html  # sliced from the sentence by the stored offsets
    assert f'href="/paper?iri={urllib.parse.quote(PAPER, safe="")}"' in html
    assert f'href="/platform?iri={urllib.parse.quote(FACEBOOK, safe="")}"' in html
    assert "including <mark" in html and html.count("<mark") == 2  # the abstract and the Chinese translation


def test_concept_page_flags_hedged_mentions(rows):
    html = pages.concept_page(data.concept(ox.NamedNode(CONNECTED), rows))
    assert '<mark class="m-benefit">social connectedness</mark>' in html
    assert 'class="flag hedged"' in html and 'lang="zh"' in html


def test_paper_page_shows_doi_text_mentions_by_type_and_findings(rows):
    d = data.paper(ox.NamedNode(PAPER), rows)
    html = pages.paper_page(d)
    assert 'href="https://doi.org/10.1017/S2045796015001067"' in html
    assert "Epidemiol Psychiatr Sci" in html
    for kind in ("platform", "benefit", "risk", "population"):
        assert f't-{kind}">{kind}</span>' in html
    assert f'<a href="/concept?iri={urllib.parse.quote(FACEBOOK, safe="")}">Facebook</a>' in html  # in the text
    assert f"Findings ({len(d['findings'])})" in html and len(d["findings"]) >= 10


def test_platform_page_lists_findings_with_evidence_and_doi(rows):
    d = data.platform(ox.NamedNode(ONLINE), rows)
    html = pages.platform_page(d)
    assert d["findings"] and all(f["platform"] == ONLINE for f in d["findings"])
    assert "<h2>Benefits</h2>" in html and "challenge stigma</a></mark>" in html
    assert 'class="flag hedged"' in html and 'class="flag asserted"' in html
    assert 'href="https://doi.org/10.1017/S2045796015001067"' in html


def test_everything_from_the_graph_is_escaped():
    evil = '<script>alert("x")</script>'
    d = {"iri": "https://example.org/c", "details": {"label": evil, "altLabels": evil}, "findings": [], "more": False,
         "mentions": [{"paper": "https://example.org/p", "title": evil, "type": "benefit", "field": "abstract",
                       "exact": "<b>", "start": "4", "end": "7", "sentence": "Say <b> & go", "sentenceStart": "0",
                       "hedged": "false", "negated": "true"}]}
    html = pages.concept_page(d)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert '<mark class="m-benefit">&lt;b&gt;</mark> &amp; go' in html and "negated" in html


def test_marking_uses_offsets_and_survives_overlaps_and_drift():
    text = "Use social media daily."
    spans = [Span(14, "social media", "m-platform", "/x?a=1&b=2"), Span(21, "media", "m-platform")]
    assert marked(text, spans, base=10) == ('Use <mark class="m-platform"><a href="/x?a=1&amp;b=2">social media</a>'
                                            "</mark> daily.")
    assert marked(text, [Span(0, "daily", "m-outcome")]) == 'Use social media <mark class="m-outcome">daily</mark>.'
    assert marked(text, [Span(3, "absent", "m-risk")]) == text


def test_short_iris_and_accept_detection():
    assert markup.short(FACEBOOK) == "concept:platform/facebook"
    assert web.wants_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert not web.wants_html("*/*") and not web.wants_html("application/sparql-results+json")


def test_respond_routes_static_files_and_bad_iris(rows):
    status, body, ctype = web.respond("/static/query.js", {}, rows)
    assert status == 200 and ctype.startswith("text/javascript") and b"fetch(" in body
    for bad in ("/static/../serve.py", "/static/%2e%2e/serve.py", "/static/", "/static/litkg.css/x"):
        assert web.respond(bad, {}, rows)[0] == 404
    assert web.respond("/concept", {}, rows)[0] == 400
    assert web.respond("/concept", {"iri": ["not an iri"]}, rows)[0] == 400
    assert web.respond("/paper", {"iri": ["https://example.org/none"]}, rows)[0] == 404
    status, body, _ = web.respond("/", {}, rows)
    assert status == 200 and b'data-name="platform_effects"' in body and b"<script src=\"/static/query.js\">" in body


def test_static_files_need_no_cdn():
    for name in web.STATIC:
        text = (web.STATIC_DIR / name).read_text(encoding="utf-8")
        assert "cdn" not in text.lower() and "@import" not in text
    assert "https://" not in (web.STATIC_DIR / "query.js").read_text(encoding="utf-8")


# -- the routes on a running endpoint


def test_browser_gets_the_query_page_other_clients_the_greeting(endpoint):
    status, ctype, body, headers = fetch(endpoint + "/", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and ctype.startswith("text/html") and "Named queries" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, ctype, body, _ = fetch(endpoint + "/")
    assert status == 200 and ctype.startswith("text/plain") and "litkg SPARQL endpoint" in body
    status, ctype, body, _ = fetch(endpoint + "/?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")
    assert status == 200 and '"boolean"' in body


def test_pages_and_static_files_are_served(endpoint):
    status, ctype, body, _ = fetch(page_url(endpoint, "concept", FACEBOOK))
    assert status == 200 and ctype == "text/html; charset=utf-8" and '<mark class="m-platform">Facebook</mark>' in body
    assert fetch(page_url(endpoint, "paper", PAPER))[0] == 200
    assert fetch(page_url(endpoint, "platform", ONLINE))[0] == 200
    status, ctype, _, _ = fetch(endpoint + "/static/litkg.css")
    assert status == 200 and ctype.startswith("text/css")
    assert fetch(endpoint + "/static/../graph/serve.py")[0] == 404
    assert fetch(endpoint + "/concept?iri=%3Cbad%3E")[0] == 400


def test_page_queries_keep_the_time_limit(seed_store_dir, monkeypatch):
    monkeypatch.setattr(data, "CONCEPT_EVIDENCE", SLOW)  # the query text goes to a worker, which is killed
    server, url = start(GraphStore(seed_store_dir, read_only=True), timeout=0.5, max_queries=1)
    try:
        status, ctype, body, _ = fetch(page_url(url, "concept", FACEBOOK))
        assert status == 503 and ctype.startswith("text/html") and "time limit" in body
        assert fetch(page_url(url, "paper", PAPER))[0] == 200  # the next page gets a fresh worker
    finally:
        server.shutdown()
        server.server_close()


# -- a real headless browser


def _chromium():
    """A headless chromium driven by chromedriver, or a skip saying what is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(driver), options=options)
    drv.set_page_load_timeout(60)
    return drv


@pytest.mark.slow
def test_in_a_headless_browser(endpoint):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    drv = _chromium()
    wait = WebDriverWait(drv, 30)
    try:
        drv.get(endpoint + "/")
        assert "SPARQL query" in drv.title
        drv.find_element(By.CSS_SELECTOR, 'button.named[data-name="platform_effects"]').click()
        table = wait.until(ec.presence_of_element_located((By.ID, "result-table")))
        headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
        assert headers[:3] == ["platform", "platformLabel", "type"]
        assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) > 10
        assert "rows" in drv.find_element(By.ID, "status").text

        # a parameter of a named query is bound from its input
        drv.find_element(By.CSS_SELECTOR, 'button.named[data-name="evidence"]').click()
        drv.find_element(By.CSS_SELECTOR, '#params input[data-param="concept"]').send_keys("concept:platform/twitter")
        drv.find_element(By.ID, "run").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "status"), "2 rows"))

        # back to the platforms, then open Facebook's concept page from the table
        drv.find_element(By.CSS_SELECTOR, 'button.named[data-name="platform_effects"]').click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "status"), "rows"))
        link = wait.until(ec.element_to_be_clickable(
            (By.CSS_SELECTOR, f'#result-table a[title="{FACEBOOK}"]')))
        link.click()
        wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Facebook"))
        assert "/concept?iri=" in drv.current_url
        marks = drv.find_elements(By.CSS_SELECTOR, "blockquote.sentence mark.m-platform")
        assert [m.text for m in marks][:1] == ["Facebook"]

        # follow the evidence to its paper: the mention is marked in the paper's text
        drv.find_element(By.CSS_SELECTOR, "section.paper-evidence h3 a").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "section.textfield")))
        assert "/paper?iri=" in drv.current_url
        assert "Facebook" in [m.text for m in drv.find_elements(By.CSS_SELECTOR, "p.text mark.m-platform")]
        doi = drv.find_element(By.CSS_SELECTOR, "a.doi")
        assert doi.get_attribute("href") == PAPER

        # and the platform's findings, each sentence with its effect marked
        drv.get(page_url(endpoint, "platform", ONLINE))
        assert drv.find_elements(By.CSS_SELECTOR, "li.finding blockquote mark.m-benefit")
        problems = [e["message"] for e in drv.get_log("browser")
                    if e["level"] == "SEVERE" or "Content Security Policy" in e["message"]]
        assert not problems, problems
    finally:
        drv.quit()
