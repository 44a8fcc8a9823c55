"""The MEDLINE and XML exports of the same 292 PubMed records must read alike."""
from __future__ import annotations

import unicodedata

from litkg.extract.readers import medline, pubmed_xml
from litkg.extract.records import Paper


def _ascii(text: str) -> str:
    """The 2019 MEDLINE export transliterates to ASCII (é -> e, ® -> (R), ± -> +/-); fold the XML the same way."""
    for a, b in (("®", "(R)"), ("ß", "ss"), ("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("ł", "l"), ("ı", "i")):
        text = text.replace(a, b)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_medline_and_xml_give_same_ids_titles_dois(corpus) -> None:
    nbib = [corpus("medline", "p1m-ortho__citations.nbib"), corpus("medline", "p1m-ortho__citations-1.nbib")]
    xml = corpus("pubmed-xml", "p1m-ortho__pubmed_result.xml")
    from_medline = {p.pmid: p for f in nbib for p in medline.read(f) if isinstance(p, Paper)}
    from_xml = {p.pmid: p for p in pubmed_xml.read(xml) if isinstance(p, Paper)}
    assert len(from_medline) == len(from_xml) == 292
    assert from_medline.keys() == from_xml.keys()
    for pmid, m in from_medline.items():
        x = from_xml[pmid]
        assert m.id == x.id, pmid
        assert m.doi == x.doi, pmid
        assert m.title == _ascii(x.title), pmid
        assert (m.date, m.journal, m.volume, m.issue, m.pages) == (x.date, x.journal, x.volume, x.issue, x.pages), pmid
        assert [_ascii(a.name) for a in x.authors] == [a.name for a in m.authors], pmid
        assert [a.affiliations for a in x.authors] == [a.affiliations for a in m.authors], pmid
        assert m.mesh == x.mesh, pmid
    assert sum(m.title != x.title for m, x in ((from_medline[k], from_xml[k]) for k in from_xml)) == 3
