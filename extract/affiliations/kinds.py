"""The unit lexicon: which kind of organisational unit a name is, and how kinds nest.

Kinds, from the smallest: department (also division, section, unit, lab ...),
centre, institute, other, school, hospital, university, company, agency. The
keyword lists cover English and the main European languages, plus CJK suffixes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from litkg.extract.affiliations.text import fold

__all__ = ["unit_kind", "sub_rank", "RANK", "DEPT_HEAD_RE", "WORD_RE"]

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
"""A word: letters and digits, with one inner apostrophe ("children's")."""

_W = r"(?:^|(?<=[^\w]))"
_E = r"(?=$|[^\w])"


def _kw(words: str) -> str:
    """A regex matching any of the ``|``-separated ``words`` as whole words."""
    return _W + r"(?:" + words + r")" + _E


_DEPT_WORDS = (r"departments?|depts?|dep|dpt|divisions?|div|sections?|services?|servicio|servico|servizio|"
               r"units?|unidad|unita|unite|laborator(?:y|ies)|labs?|programs?|programmes?|branch|afdeling|"
               r"afd|abteilung|abt|dipartimento|departamento|departement|klinik|poliklinik|team|"
               r"core|chair|lehrstuhl|catedra|cattedra|servei|vakgroep|avdelning|afdelingen|sektion")
_KIND_RES: list[tuple[str, re.Pattern[str]]] = [
    ("hospital", re.compile(
        _kw(r"hospitals?|hosp|hopital|hopitaux|hospitalier|hospitaliere|hospitalar|hospitalario|"
            r"hospitalaria|ospedale|ospedaliera|ospedaliero|ospedali|krankenhaus|ziekenhuis|klinikum|"
            r"medical cent(?:er|re)s?|med ctr|infirmary|health ?care systems?|health systems?|"
            r"clinics?|clinique|clinica|policlinico|poliklinika|polyclinic|sanatorium|nhs|"
            r"foundation trust|hospices|chu|chru|spital|sykehus|sjukhus|sygehus|hospitalet")
        + r"|\wklinikum" + _E + r"|\w{3,}klinik" + _E + r"|医院|病院")),
    ("school", re.compile(
        _kw(r"schools?|sch|colleges?|coll|faculty|faculties|fac|facultad|faculdade|faculte|fakultat|"
            r"fakultet|facolta|escuela|escola|scuola|ecole|hochschule|academic medical center")
        + r"|学院|医学部")),
    ("institute", re.compile(
        _kw(r"institutes?|inst|institut|instituto|istituto|instituut|institutet|institution|"
            r"academy|academia|akademie|academie|observatory|museum|inserm|cnrs")
        + r"|研究所|研究院")),
    ("centre", re.compile(_kw(r"cent(?:er|re)s?|ctr|cntr|centro|zentrum|centrum|centar|centre") + r"|中心")),
    ("university", re.compile(
        _kw(r"university|universities|univ|universitat|universitaet|universite|universidad|universidade|"
            r"universita|universiteit|universitet|uniwersytet|univerzita|univerzitet|universitatea|"
            r"egyetem|yliopisto|universiti|polytechnic|politecnico|politechnika|universitatsmedizin")
        + r"|大学|大學|대학교")),
    ("company", re.compile(
        _kw(r"inc|ltd|llc|llp|gmbh|corp|corporation|company|plc|s ?p ?a|pharmaceuticals?|pharma|"
            r"biotech|therapeutics|technologies|diagnostics|co ltd|kk|limited|b v|n v|ag") + r"|公司")),
    ("agency", re.compile(
        _kw(r"ministry|ministerio|ministere|ministero|agency|agencies|administration|bureau|authority|"
            r"commission|council|government|centers for disease control|directorate|secretariat|"
            r"research service|department of (?:agriculture|defen[cs]e|energy|veterans affairs|"
            r"health and human services)|department of health$|national health service|"
            r"public health england|health protection|cdc|ccdc")
        + r"|^u s department")),
    ("department", re.compile(_kw(_DEPT_WORDS) + r"|科$|系$")),
    ("other", re.compile(
        _kw(r"foundation|fondation|fondazione|fundacion|fundacao|stiftung|society|association|consortium|"
            r"alliance|network|federation|collaborative|collaboration|groups?|initiative|partnership|"
            r"registry|committee|trust|charity|program|study|trials?|cooperative|board|office|station|"
            r"limited|healthcare|partners|"
            r"garden|zoo|biobank|platform|project|cohort"))),
]
DEPT_HEAD_RE = re.compile(r"^(?:the\s+|(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|[ivx]+)\s+)?(?:"
                          + _DEPT_WORDS + r"|klinik und|klinik fur|clinic of|clinic for|servei)" + _E)
"""A department head word at the start of a folded, lower-case name ("department of ...", "2nd division ...")."""
_AGENCY_RE = dict(_KIND_RES)["agency"]
_CJK_KINDS = frozenset({"hospital", "school", "institute", "centre", "university", "company", "department"})

RANK = {"department": 0, "other": 1, "centre": 1, "institute": 1, "school": 2, "hospital": 2,
        "university": 3, "company": 3, "agency": 3}
"""How large a unit of each kind is: a unit is part of the next one of higher rank."""


@lru_cache(maxsize=100_000)
def unit_kind(text: str) -> str | None:
    """Kind of an organisational unit from its name, or ``None`` when no keyword says.

    A department head word comes first, then an agency keyword ("Ministry of Health", "U.S. Department of Energy"),
    then the other kinds in the order of ``_KIND_RES``.

    >>> unit_kind("Geisel School of Medicine at Dartmouth"), unit_kind("Dept. of Surgery")
    ('school', 'department')
    >>> unit_kind("Centre Hospitalier Universitaire de Caen"), unit_kind("Charité")
    ('hospital', None)
    """
    t = " ".join(WORD_RE.findall(fold(text).lower().replace("'", "")))
    if DEPT_HEAD_RE.search(t):
        return "department"
    if _AGENCY_RE.search(t):
        return "agency"
    cjk = not t.isascii()
    for kind, rx in _KIND_RES:
        if rx.search(t) or (cjk and kind in _CJK_KINDS and rx.search(text)):
            return kind
    return None


_SUB_RANK_RE = re.compile(r"(?:the\s+)?(?:(section|unit|laborator(?:y|ies)|lab|program(?:me)?|team|group|core)|"
                          r"(division))\b")


def sub_rank(text: str, kind: str) -> float:
    """Order within departments: section/unit/lab < division < department (0 for other kinds).

    >>> sub_rank("Section of Cardiology", "department"), sub_rank("Division of Medicine", "department")
    (0.1, 0.3)
    >>> sub_rank("Department of Medicine", "department"), sub_rank("Harvard University", "university")
    (0.5, 0.0)
    """
    if kind != "department":
        return 0.0
    m = _SUB_RANK_RE.match(fold(text).lower())
    if not m:
        return 0.5
    return 0.1 if m.group(1) else 0.3
