"""Affiliation strings → organisational units and places.

:func:`parse_affiliation` splits one raw affiliation field (which may hold several
affiliations) into :class:`ParsedAffiliation` objects. Each holds the
organisational :class:`Unit` s, smallest first (department … university), each
with character offsets into the *original* string, a kind and a normalised
merge key, plus the place (street, city, region, postcode, country) and e-mail.

Places, street addresses, postcodes and e-mail addresses are never units.

>>> a, = parse_affiliation("Department of Psychiatry,Geisel School of Medicine at Dartmouth,"
...                        "Lebanon,New Hampshire,USA.")
>>> [(u.text, u.kind) for u in a.units]
[('Department of Psychiatry', 'department'), ('Geisel School of Medicine at Dartmouth', 'school')]
>>> a.city, a.region_code, a.country_code
('Lebanon', 'US-NH', 'US')
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from litkg.extract import places
from litkg.extract.places import fold, norm

__all__ = ["Unit", "ParsedAffiliation", "parse_affiliation", "unit_kind", "unit_slug"]


@dataclass(frozen=True)
class Unit:
    """One organisational unit of an affiliation.

    Attributes:
        text: The unit exactly as written: ``affiliation[start:end] == text``.
        start: Start offset into the original string.
        end: End offset into the original string.
        kind: department, centre, school, university, hospital, company, agency,
            institute or other.
        key: Normalised key for merging across papers; includes the parent units' keys.
    """

    text: str
    start: int
    end: int
    kind: str
    key: str


@dataclass
class ParsedAffiliation:
    """One affiliation: its units (smallest first) and place.

    Attributes:
        raw: The affiliation's own text (a slice of the original string).
        units: Units, smallest first: ``units[i]`` is part of ``units[i + 1]``.
        street: Street address or post box, as written.
        city: City as written.
        region: First-level region name (ISO 3166-2 name when known, else as written).
        region_code: ISO 3166-2 code, e.g. ``"US-NH"``.
        postcode: Postcode as written.
        country: English short name of the country.
        country_code: ISO 3166-1 alpha-2 code.
        city_geonames_id: GeoNames id of the city when the bundled gazetteer knows it.
        email: First e-mail address given for this affiliation.
        start: Offset of :attr:`raw` in the original string.
        end: End offset of :attr:`raw` in the original string.
    """

    raw: str
    units: list[Unit] = field(default_factory=list)
    street: str | None = None
    city: str | None = None
    region: str | None = None
    region_code: str | None = None
    postcode: str | None = None
    country: str | None = None
    country_code: str | None = None
    city_geonames_id: int | None = None
    email: str | None = None
    start: int = 0
    end: int = 0


# ------------------------------------------------------------------ patterns

_EMAIL_RE = re.compile(r"[\w.+'-]+@\s?[\w-]+(?:\.[\w-]+)+")
_EMAIL_LABEL_RE = re.compile(
    r"(?i)(?:\b(?:electronic\s+address|e-?\s?mail(?:\s+address)?|email|correspondence(?:\s+to)?)\s*[:：]?\s*)"
    r"(?=\S*@)")
_PHONE_RE = re.compile(r"(?i)\b(?:tel|telephone|phone|fax|ph)\b\.?\s*[:：]?\s*\+?[\d\s().\-/]{6,}\d")
_LEAD_MARK_RE = re.compile(r"\s*(?:\(\d+\)|\[\d+\]|\d{1,2}\)|\d{1,2}(?=\s*[A-Z(])|[a-z](?=[A-Z][a-z])|[*†‡§¶])\s*")
_AUTHOR_PART_RE = re.compile(r"^(?:[A-Z]\.-?\s?){1,3}\s?[A-Z][\w'’-]+$")
_INITIALS_PAREN_RE = re.compile(
    r"\s*\(\s*[A-Z]\.(?:[-\s]?[A-Z]\.)*(?:\s*[,;]\s*[A-Z]\.(?:[-\s]?[A-Z]\.)*)*\s*\)")
# used with pattern.match(text, pos): no "^", which would only match at the start of text
_LEAD_JUNK_RE = re.compile(r"(?:(?:[Ff]rom|and|the|&|at|of)\s+)+(?=\S)|[a-z]\s+(?=[A-Z])")
_GLUED_JUNK_RE = re.compile(r"[a-z][a-z ]{0,40}?(?=[A-Z])")
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")
_DESIGNATIONS = frozenset({"irccs"})
_LABEL_RE = re.compile(r"\s*(?:[Aa]ll authors|[Pp]resent address|[Cc]urrent address|[Cc]orrespondence|"
                       r"[Aa]ffiliations?|[Ff]or the [\w\s]{1,40})\s*:\s*")
_TRAILING_CODE_RE = re.compile(r"\s+([A-Z]{2})\.?$")
_COUNTRY_GLUE_RE = re.compile(r"\b(?:USA|U\.S\.A\.|UK|U\.K\.)\s+(?=[A-Z][a-z])")
_TRAIL_AND_RE = re.compile(r"(?i)[\s,;]*\band\s*[.;,]*\s*$")
_ABBREV_DOT = frozenset(
    "dept depts dep dpt univ inst ctr cntr sch med coll hosp natl res sci div lab labs assoc st mt ft "
    "dr prof co inc ltd corp jr sr no nos rd ave blvd str fac afd abt gen clin surg biol chem phys eng "
    "technol rep ste av avda dip serv osp sta vol pr pl sq bldg e g i e vs ph ag al dott apt".split())

_W = r"(?:^|(?<=[^\w]))"
_E = r"(?=$|[^\w])"


def _kw(words: str) -> str:
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
_DEPT_HEAD_RE = re.compile(r"^(?:the\s+|(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|[ivx]+)\s+)?(?:"
                           + _DEPT_WORDS + r"|klinik und|klinik fur|clinic of|clinic for|servei)" + _E)
_AGENCY_RE = dict(_KIND_RES)["agency"]
_CJK_KINDS = frozenset({"hospital", "school", "institute", "centre", "university", "company", "department"})
_RANK = {"department": 0, "other": 1, "centre": 1, "institute": 1, "school": 2, "hospital": 2,
         "university": 3, "company": 3, "agency": 3}
_COMPANY_SUFFIX_RE = re.compile(r"(?i)^(?:co\.?,?\s*)?(?:inc|ltd|llc|llp|gmbh|ag|plc|s\.?a\.?|"
                                r"s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|corp|co)\.?$")
_SEG_SPLIT_RE = re.compile(r"[;；\n]")
_CAND_SPLIT_RE = re.compile(r"(?:[.,]?\s+and\s+(?:the\s+)?|\.\s*|,\s+)(?=[A-Z(])")
_TRIM_CHARS = " \t\r\n.,;:，；、-–—*|/‡†§¶#‖•·"
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=100_000)
def unit_kind(text: str) -> str | None:
    """Kind of an organisational unit from its name, or ``None`` when no keyword says.

    A department head word comes first, then an agency keyword ("Department of Health"),
    then the other kinds in the order of ``_KIND_RES``.

    >>> unit_kind("Geisel School of Medicine at Dartmouth"), unit_kind("Dept. of Surgery")
    ('school', 'department')
    >>> unit_kind("Centre Hospitalier Universitaire de Caen"), unit_kind("Charité")
    ('hospital', None)
    """
    t = " ".join(_WORD_RE.findall(fold(text).lower().replace("'", "")))
    if _DEPT_HEAD_RE.search(t):
        return "department"
    if _AGENCY_RE.search(t):
        return "agency"
    cjk = not t.isascii()
    for kind, rx in _KIND_RES:
        if rx.search(t) or (cjk and kind in _CJK_KINDS and rx.search(text)):
            return kind
    return None


# ------------------------------------------------------------------ keys

_KEY_MAP = {
    "dept": "department", "depts": "department", "departments": "department", "dep": "department",
    "dpt": "department", "univ": "university", "universities": "university", "universitat": "university",
    "universitaet": "university", "universite": "university", "universidad": "university",
    "universidade": "university", "universita": "university", "universiteit": "university",
    "universitet": "university", "uniwersytet": "university", "univerzita": "university",
    "inst": "institute", "institutes": "institute", "institut": "institute", "instituto": "institute",
    "istituto": "institute", "ctr": "center", "cntr": "center", "centre": "center", "centres": "center",
    "centers": "center", "sch": "school", "schools": "school", "hosp": "hospital", "hospitals": "hospital",
    "coll": "college", "lab": "laboratory", "labs": "laboratory", "laboratories": "laboratory",
    "div": "division", "divisions": "division", "natl": "national", "nat": "national",
    "med": "med", "medicine": "med", "medical": "med", "sci": "sci", "science": "sci", "sciences": "sci",
    "res": "research", "clin": "clinical", "surg": "surgery", "fac": "faculty", "assoc": "association",
    "orthop": "orthopedic", "orthopaedic": "orthopedic", "orthopaedics": "orthopedic",
    "orthopedics": "orthopedic", "st": "saint", "ste": "sainte", "mt": "mount", "intl": "international",
    "sections": "section", "services": "service", "units": "unit", "programme": "program",
    "programs": "program", "hopital": "hospital", "hospitalier": "hospital",
}
_KEY_STOP = frozenset("the of at for and in on de di da do das dos del della degli delle des du la le les "
                      "el y e et und fur der die van voor en het a an".split())
_SPELLING = [(re.compile(r"^(h|p|orthop|an|gyn|leuk|isch|septic|hyperaem|an)ae"), r"\1e"),
             (re.compile(r"^oesoph"), "esoph"), (re.compile(r"^oedem"), "edem"), (re.compile(r"^foet"), "fet")]
_GENERIC = frozenset(
    "university hospital med center school college faculty general clinical clinic institute research "
    "department academic academisch ziekenhuis universitair universitaire teaching district regional "
    "central national state public children childrens women womens health sci cancer heart eye dental "
    "veterans affairs va community city county municipal provincial people peoples first second third "
    "fourth fifth sixth 1st 2nd 3rd 4th affiliated centro hospital policlinico polyclinic trust nhs "
    "foundation system systems service care healthcare unit division section laboratory graduate "
    "memorial royal infirmary new main military army naval air force police red cross "
    "maternity rehabilitation psychiatric mental tertiary referral training education comprehensive "
    "specialist specialty specialized oncology surgical pediatric diagnostic medicine graduate "
    "studies study program partner site campus branch office headquarters".split())


@lru_cache(maxsize=200_000)
def unit_slug(text: str) -> str:
    """Normalised, order-preserving slug of one unit name (no parent, no place).

    Case, accents, punctuation, common abbreviations and British/American spellings are
    normalised; function words are dropped.

    >>> unit_slug("Dept. of Orthopaedic Surg., Univ. Hosp."), unit_slug("The Ohio State University")
    ('department-orthopedic-surgery-university-hospital', 'ohio-state-university')
    """
    t = fold(text).lower().replace("&", " and ").replace("'", "").replace("’", "")
    out: list[str] = []
    for tok in _WORD_RE.findall(t):
        tok = _KEY_MAP.get(tok, tok)
        if tok in _KEY_STOP:
            continue
        for rx, rep in _SPELLING:
            tok = rx.sub(rep, tok)
        if not tok.isascii():  # CJK and other scripts: a stable ASCII stand-in, keys end up in IRIs
            tok = "h" + hashlib.sha1(tok.encode("utf-8")).hexdigest()[:10]
        out.append(tok)
    return "-".join(out)


_PAREN_ACRONYM_RE = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&.\- ]{0,12}\)\s*$")


def _unit_key_slug(text: str) -> str:
    """Slug for a unit's key: a trailing "(OSU)" acronym is dropped unless the name is generic."""
    base = _PAREN_ACRONYM_RE.sub("", text)
    slug = unit_slug(base) if base != text else ""
    if not slug or _is_generic(slug):
        slug = unit_slug(text)
    return slug or norm(text).replace(" ", "-")


def _is_generic(slug: str) -> bool:
    toks = slug.split("-")
    return all(t in _GENERIC or t.isdigit() for t in toks)


# ------------------------------------------------------------------ parts


@dataclass
class _Part:
    start: int
    end: int
    text: str
    kind: str | None = None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM_CHARS:
        s += 1
    while e > s and text[e - 1] in _TRIM_CHARS:
        e -= 1
    # drop an unmatched trailing/leading bracket or quote
    while e > s and text[e - 1] in ")]" and text.count("(", s, e) + text.count("[", s, e) < \
            text.count(")", s, e) + text.count("]", s, e):
        e -= 1
        while e > s and text[e - 1] in _TRIM_CHARS:
            e -= 1
    while s < e and text[s] in "([" and text.count(")", s, e) + text.count("]", s, e) < \
            text.count("(", s, e) + text.count("[", s, e):
        s += 1
        while s < e and text[s] in _TRIM_CHARS:
            s += 1
    return s, e


def _depth_splits(text: str, s: int, e: int, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    """Split text[s:e] at matches of rx that lie outside brackets."""
    out: list[tuple[int, int]] = []
    depth = 0
    cur = s
    i = s
    opens, closes = "([{（", ")]}）"
    m_iter = {m.start(): m for m in rx.finditer(text, s, e)}
    while i < e:
        c = text[i]
        if c in opens:
            depth += 1
        elif c in closes:
            depth = max(0, depth - 1)
        m = m_iter.get(i)
        if m is not None and depth == 0 and m.end() > m.start():
            out.append((cur, i))
            cur = m.end()
            i = m.end()
            continue
        i += 1
    out.append((cur, e))
    return out


def _dot_split_ok(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends a part (not an abbreviation like "Dept." or "M.D.")."""
    j = dot
    while j > 0 and (text[j - 1].isalnum()):
        j -= 1
    word = text[j:dot]
    nxt = text[dot + 1:dot + 2]
    if word.lower() in ("ave", "st", "rd", "blvd", "str") and nxt.isupper() and any(c.isdigit() for c in text[max(0, j - 30):j]):
        return True  # "9500 Euclid Ave.Cleveland"; not "University of St.Gallen"
    if len(word) <= 2 or word.lower() in _ABBREV_DOT:
        return False
    if j > 0 and text[j - 1] == ".":  # "M.D." style
        return False
    return True


def _split_parts(text: str, s: int, e: int) -> list[_Part]:
    """Split one affiliation's span into comma (or sentence) separated parts."""
    spans: list[tuple[int, int]] = []
    depth = 0
    cur = s
    i = s
    while i < e:
        c = text[i]
        if c in "([（":
            depth += 1
        elif c in ")]）":
            depth = max(0, depth - 1)
        elif depth == 0:
            if c in ",，、;；":
                spans.append((cur, i))
                cur = i + 1
            elif c == "." and i + 1 < e and _dot_split_ok(text, i):
                k = i + 1
                while k < e and text[k] == " ":
                    k += 1
                if k < e and (text[k].isupper() or "\u4e00" <= text[k] <= "\u9fff"):
                    spans.append((cur, i))
                    cur = i + 1
            elif c == " " and text.startswith(" - ", i) and not _ACRONYM_RE.fullmatch(text[cur:i].strip()):
                spans.append((cur, i))
                cur = i + 3
                i += 3
                continue
        i += 1
    spans.append((cur, e))
    parts: list[_Part] = []
    for a, b in spans:
        a, b = _trim(text, a, b)
        if b <= a:
            continue
        a = _strip_lead_junk(text, a, b, keep_and=bool(parts))
        if b > a:
            parts.append(_Part(a, b, text[a:b]))
    return parts


def _strip_lead_junk(text: str, a: int, b: int, keep_and: bool = False) -> int:
    """Skip "From the", "and the", list markers ("c ", "a ") and glued junk before a unit name.

    With ``keep_and`` a leading "and"/"&" is kept (it joins a comma list, see
    :func:`_merge_continuations`).
    """
    while True:
        m = _LEAD_JUNK_RE.match(text, a, b)
        if not m or m.end() >= b:
            break
        if keep_and and re.match(r"(?:and|&)\s", text[a:m.end() + 1]):
            break
        a, _ = _trim(text, m.end(), b)
    m = _GLUED_JUNK_RE.match(text, a, b)
    if m and m.end() < b and unit_kind(text[m.end():b]) is not None and \
            unit_kind(text[a:b]) != unit_kind(text[m.end():b]) or \
            (m and m.end() < b and _DEPT_HEAD_RE.match(fold(text[m.end():b]).lower())):
        a = m.end()
    return a


def _is_named(t: str) -> bool:
    """Whether a unit name has a proper-name or subject word besides generic keywords."""
    slug = unit_slug(t)
    return bool(slug) and not _is_generic(slug)


_AND_RE = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])")


def _split_and(text: str, p: _Part) -> list[_Part]:
    """Split "Dana-Farber Cancer Institute and Boston Children's Hospital" into two units.

    Splits at an "and"/"&" only when both sides are named units with their own keyword and
    the right side's segment (up to the next "and") holds a keyword, so that "Department
    of Psychiatry and Behavioral Sciences" and "Brigham and Women's Hospital" stay whole.
    """
    if p.kind is None:
        return [p]
    ms = list(_AND_RE.finditer(p.text))
    for idx, m in enumerate(ms):
        left = p.text[:m.start()]
        nxt_end = ms[idx + 1].start() if idx + 1 < len(ms) else len(p.text)
        seg = p.text[m.end():nxt_end]
        right = p.text[m.end():]
        kl, ks = unit_kind(left), unit_kind(seg)
        if kl is None and _ACRONYM_RE.fullmatch(left.strip()):
            kl = "other"  # "INFM and Department of Physics"
        seg_head = bool(_SEG_HEAD_RE.match(fold(seg).lower()))
        if ks is None and _ACRONYM_RE.fullmatch(seg.strip()) and kl is not None and _is_named(left):
            ks = "other"  # "University of Southampton & SUHT"
        elif ks is None or not (seg_head or (_is_named(seg) and len(seg.split()) >= 3)):
            continue
        if kl is None or not (_is_named(left) or _ACRONYM_RE.fullmatch(left.strip())):
            continue
        if _DEPT_HEAD_RE.match(fold(left).lower()) and ks == "department" and not seg_head:
            continue
        if "(" in left and ")" not in left:
            continue
        a1, b1 = _trim(text, p.start, p.start + m.start())
        a2, b2 = _trim(text, p.start + m.end(), p.end)
        first = _Part(a1, b1, text[a1:b1], kl)
        rest = _Part(a2, b2, text[a2:b2], unit_kind(right))
        return [first] + _split_and(text, rest)
    return [p]


_SEG_HEAD_RE = re.compile(r"(?:the\s+)?(?:departments?|dept|division|section|service|clinic\s+(?:of|for)|"
                          r"laborator(?:y|ies)\s+(?:of|for))\b")
_DANGLING_ADJ_RE = re.compile(r"(?:ic|al|ive|ary)$")


def _merge_continuations(text: str, parts: list[_Part]) -> list[_Part]:
    """Join comma lists inside one name ("National Heart, Lung, and Blood Institute")."""
    out: list[_Part] = []
    for p in parts:
        low = p.text.lower()
        if out and _COMPANY_SUFFIX_RE.match(p.text) and not (p.text.isupper() and _looks_like_place(out[-1].text)):
            # "Acme , S.A." is one company; "Adelaide , SA" is a city and its state
            q = out.pop()
            out.append(_Part(q.start, p.end, text[q.start:p.end]))
            continue
        if out and re.match(r"(?:and|&|y|e|und|et)\s", low):
            rest = p.text[p.text.index(" ") + 1:]
            own_kind = unit_kind(rest)
            if own_kind is not None:
                # "..., and Harvard Medical School": a unit of its own
                a = p.start + p.text.index(" ") + 1
                a = _strip_lead_junk(text, a, p.end)
                out.append(_Part(a, p.end, text[a:p.end]))
                continue
            j = len(out) - 1
            while j > 0 and unit_kind(out[j].text) is None and len(out[j].text.split()) <= 4 and \
                    not _looks_like_place(out[j].text):
                j -= 1
            start = out[j].start
            del out[j:]
            out.append(_Part(start, p.end, text[start:p.end]))
            continue
        if out and unit_kind(p.text) is None and len(p.text.split()) <= 5 and not _looks_like_place(p.text) \
                and _DEPT_HEAD_RE.match(fold(out[-1].text).lower()) and \
                re.search(r"\s(?:and|&)\s", p.text) and not re.search(r"\d", p.text) and \
                (_DANGLING_ADJ_RE.search(out[-1].text.lower()) or _next_has_kind(parts, p)):
            q = out.pop()  # "Department of Orthopedic, Trauma and Plastic Surgery"
            out.append(_Part(q.start, p.end, text[q.start:p.end]))
            continue
        out.append(p)
    return out


def _next_has_kind(parts: list[_Part], p: _Part) -> bool:
    """Whether the part after ``p`` names a unit ("Division of A, B and C, Children's Hospital")."""
    for i, q in enumerate(parts[:-1]):
        if q is p:
            return unit_kind(parts[i + 1].text) is not None
    return False


@lru_cache(maxsize=50_000)
def _looks_like_place(t: str) -> bool:
    n = norm(t)
    return bool(places.country_lookup(n) or places.city_lookup(n, main_name_only=True)
                or places.region_lookup(t, n, None))


# ------------------------------------------------------------------ segments


def _ends_with_country(text: str, s: int, e: int) -> bool:
    a, b = _trim(text, s, e)
    if b <= a:
        return False
    k = max(text.rfind(",", a, b), text.rfind("，", a, b))
    tail = text[k + 1:b] if k >= 0 else text[a:b]
    tail = places.POSTCODE_RE.sub(" ", _INITIALS_PAREN_RE.sub(" ", tail))
    n = norm(tail)
    if n.endswith(" both in canada"):
        n = "canada"
    if not n or n in ("us", "u s"):
        return False
    if places.country_lookup(n) is not None:
        return True
    # "..., Hamilton, ON (P.M.O.), and the Institute ...": a region or city also ends one
    return places.region_lookup(tail.strip(), n, None) is not None and \
        re.fullmatch(r"[A-Z]{2,3}", tail.strip()) is not None


def _segments(text: str) -> list[tuple[int, int]]:
    """Spans of the separate affiliations in one raw string."""
    segs: list[tuple[int, int]] = []
    for a, b in _depth_splits(text, 0, len(text), _SEG_SPLIT_RE):
        # further split at "and"/". " after a full affiliation that ends with a country
        cur = a
        cands = sorted([(m.start(), m.end(), m.group(0)) for m in _CAND_SPLIT_RE.finditer(text, a, b)] +
                       [(m.end(), m.end(), " ") for m in _COUNTRY_GLUE_RE.finditer(text, a, b)])
        for ms, me, sep in cands:
            if ms <= cur:
                continue
            if sep.startswith(",") and "and" not in sep:
                continue
            if _ends_with_country(text, cur, ms) and unit_kind(text[me:min(b, me + 120)]
                                                               .split(",")[0]) is not None:
                segs.append((cur, ms))
                cur = me
        segs.append((cur, b))
    return segs


# ------------------------------------------------------------------ main


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
    return tuple(_parse(text))


# JAMA-style author surnames after an affiliation: "Oxford, United Kingdom (Espie, Kyle);",
# often broken across the strings of one paper: "... Michigan (" + "Drake) ; School of ...".
_NAME = r"-?[A-Z][a-z][\w'’-]*"
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*"
_AUTHOR_LISTS_RE = re.compile(rf"\(\s*{_NAMES}\s*\)|\(\s*(?:{_NAMES}\s*,?\s*)?$|^\s*{_NAMES}\s*\)")


def mask_author_lists(text: str) -> str:
    """Blank out parenthesised author surnames (same length, so offsets still index ``text``).

    A single capitalised word in parentheses that names a country is kept.

    >>> mask_author_lists("Lincoln, UK (Siriwardena) ; Division of X (")
    'Lincoln, UK               ; Division of X  '
    """
    def blank(m: re.Match[str]) -> str:
        inner = m.group(0).strip("() ;,")
        if inner and " " not in inner and "," not in inner and places.country_lookup(norm(inner)):
            return m.group(0)
        return " " * len(m.group(0))

    return _AUTHOR_LISTS_RE.sub(blank, text)


def _parse(text: str) -> list[ParsedAffiliation]:
    out: list[ParsedAffiliation] = []
    if not text or not text.strip():
        return out
    text = mask_author_lists(text)
    pending: list[ParsedAffiliation] = []  # place-less affiliations just before this one
    for s, e in _segments(text):
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
    return bool(a.country_code or a.city or a.region_code or a.postcode)


def _parse_segment(text: str, s: int, e: int) -> ParsedAffiliation | None:
    s, e = _trim(text, s, e)
    if e <= s:
        return None
    # Embase "(Author list) Institution"
    if text[s] == "(":
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
    s, e = _trim(text, s, e)
    if e <= s:
        return None
    aff = ParsedAffiliation(raw=text[s:e], start=s, end=e)

    # e-mails, phone numbers, author initials: cut them out of the spans we look at
    holes: list[tuple[int, int]] = []
    lab = _EMAIL_LABEL_RE.search(text, s, e)
    for m in _EMAIL_RE.finditer(text, s, e):
        if aff.email is None:
            aff.email = re.sub(r"\s", "", m.group(0)).rstrip(".")
        holes.append((m.start(), m.end()))
    if lab:
        holes.append((lab.start(), lab.end()))
    for rx in (_PHONE_RE, _INITIALS_PAREN_RE, _BOTH_IN_RE):
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

    parts: list[_Part] = []
    for a, b in chunks:
        parts.extend(_split_parts(text, a, b))
    if parts and _AUTHOR_PART_RE.match(parts[0].text) and len(parts) > 1:
        parts = parts[1:]
    parts = _merge_continuations(text, parts)
    split: list[_Part] = []
    for p in parts:
        p.kind = unit_kind(p.text)
        split.extend(_split_and(text, p))
    parts = split

    stop = _read_places(text, parts, aff)
    unit_parts = [p for p in parts[:stop] if not _is_noise(p)]
    unit_parts = _join_campus(text, unit_parts, parts[stop:], aff)
    aff.units = _make_units(unit_parts, aff)
    return aff


_BOTH_IN_RE = re.compile(r"\s*-\s*both in\s+")


def _join_campus(text: str, units: list[_Part], tail: list[_Part], aff: ParsedAffiliation) -> list[_Part]:
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
        joined = _Part(last.start, tail[0].end, text[last.start:tail[0].end], "university")
        return units[:-1] + [joined]
    return units


def _is_noise(p: _Part) -> bool:
    t = p.text
    if norm(t) in _DESIGNATIONS:
        return True
    if p.kind is None:
        if places.is_street(t, weak=False) or places.POSTCODE_RE.fullmatch(t):
            return True
        if not re.search(r"[^\W\d_]", t):
            return True
        n = norm(t)
        if places.country_in(t) and n not in ("us", "u s"):
            return True
    return False


def _is_street(p: _Part, weak: bool) -> bool:
    if p.kind is not None and not re.search(r"\d", p.text):
        return False
    return places.is_street(p.text, weak=weak)


_US_CODE_TITLE = re.compile(r"^[A-Z][a-z]$")


def _read_places(text: str, parts: list[_Part], aff: ParsedAffiliation) -> int:
    """Read the place parts from the right; return the index where units end."""
    country: str | None = None
    region: places.Region | None = None
    city: places.City | None = None
    city_text: str | None = None
    region_text: str | None = None
    j = len(parts) - 1
    stop = len(parts)
    seen_place = False
    while j >= 0:
        p = parts[j]
        t = p.text
        if _is_street(p, weak=False):
            if aff.street is None:
                aff.street = t
            stop = j
            j -= 1
            seen_place = True
            continue
        if p.kind is not None:
            break  # a unit ends the place tail
        r_text = t
        pcs = list(places.POSTCODE_RE.finditer(t))
        if pcs:
            pc = pcs[-1]
            rest = (t[:pc.start()] + " " + t[pc.end():]).strip(" -,.")
            rest = re.sub(r"(?i)\s+cedex(?:\s+\d+)?$", "", rest)
            if rest == "" or not places.is_street(rest, weak=True) or \
                    places.city_lookup(norm(rest), country) is not None:
                if aff.postcode is None:
                    aff.postcode = pc.group(0)
                r_text = rest
        if not r_text:
            stop = j
            j -= 1
            seen_place = True
            continue
        n = norm(r_text)
        code = places.country_in(r_text)
        if code is not None and n not in ("us", "u s"):
            if country is None and city is None and region is None and city_text is None:
                if code == "GE" and j > 0:
                    prev = norm(parts[j - 1].text)
                    ga = places.region_by_code("US-GA")
                    if places.city_lookup(prev, "US", ga) is not None:
                        country, region, region_text = "US", ga, t
                        stop = j
                        j -= 1
                        continue
                country = code
                stop = j
                j -= 1
                seen_place = True
                continue
            if code == country or (city_text is None and
                                   places.city_lookup(n, country, region, main_name_only=True) is None):
                stop = j  # "Taiwan, Republic of China", "Hong Kong, China" (but "Lebanon, NH, USA")
                j -= 1
                continue
        if country is None and city is None and region is None and j == len(parts) - 1:
            suf = places.country_suffix(n)
            if suf is not None:
                words = list(_WORD_RE.finditer(r_text))
                nwords = len(suf[0].split())
                cut = words[-nwords].start() if len(words) >= nwords else 0
                rest = r_text[:cut].strip(" ,.")
                country = suf[1]
                seen_place = True
                if not rest:
                    stop = j
                    j -= 1
                    continue
                r_text, n = rest, norm(rest)
        if not n:
            stop = j
            j -= 1
            continue
        m = _TRAILING_CODE_RE.search(r_text)
        if m and region is None and city is None and city_text is None and country in (None, "US", "CA"):
            reg = places.region_lookup(m.group(1), norm(m.group(1)), country)
            if reg is not None:
                region, region_text = reg, m.group(1)
                country = country or reg.country
                r_text = r_text[:m.start()].strip(" ,")
                n = norm(r_text)
                seen_place = True
        if region is None and city is None and city_text is None:
            reg = places.region_lookup(r_text, n, country)
            if reg is None and country == "US" and _US_CODE_TITLE.match(r_text):
                reg = places.region_lookup(r_text.upper(), n, country)
            if reg is not None and n not in ("us", "u s"):
                region, region_text = reg, r_text
                if country is None:
                    country = reg.country
                stop = j
                j -= 1
                seen_place = True
                continue
        if places.is_district(n) and not places.city_lookup(n, country, region, main_name_only=True):
            stop = j
            j -= 1
            continue
        if city is None and city_text is None:
            c = _find_city(n, r_text, country, region,
                           guess_pop=20_000 if j == len(parts) - 1 and j > 0 else 100_000)
            if c is not None:
                city, city_text = c
                if country is None and region is None:
                    country = city.country  # a guess from a big, unambiguous city name
                stop = j
                j -= 1
                seen_place = True
                continue
        if places.is_district(n):
            stop = j
            j -= 1
            continue
        if city_text is None and country is None and j == len(parts) - 1 and j > 0 and _name_like(r_text):
            c = places.city_lookup(n, main_name_only=True)
            if c is not None and c.population >= 100_000:
                city_text = r_text  # "..., Barcelona": a big city, but namesakes elsewhere: no country
                stop = j
                j -= 1
                continue
        m = re.fullmatch(r"(.+?)\s+\d{1,2}", r_text)
        if m and city is None and city_text is None:
            c = _find_city(norm(m.group(1)), m.group(1), country, region)
            if c is not None:  # "Dublin 8"
                city, city_text = c
                aff.postcode = aff.postcode or r_text[m.end(1):].strip()
                stop = j
                j -= 1
                seen_place = True
                continue
        if places.is_street(r_text, weak=True) or (j > 0 and _is_house_number(parts[j - 1].text)):
            if aff.street is None:
                aff.street = r_text
            stop = j
            j -= 1
            continue
        if city_text is not None and (norm(city_text) == n or places.city_lookup(n, country) is not None):
            stop = j
            j -= 1
            continue
        if city_text is None and j > 0 and seen_place and _name_like(r_text) and \
                any(q.kind is not None for q in parts[:j]):
            if j > 1 and parts[j - 1].kind is None and \
                    places.city_lookup(norm(parts[j - 1].text), country, region) is not None:
                stop = j  # "Shatin, New Territories, Hong Kong": skip the unknown area name
                j -= 1
                continue
            city_text = r_text
            stop = j
            j -= 1
            continue
        break
    if city is None and city_text is None and region is not None:
        c = places.city_lookup(norm(region_text or region.name), region.country, None)
        if c is not None:
            city, city_text = c, region_text
    if country is None and aff.email:
        tld = aff.email.rsplit(".", 1)[-1].lower()
        if tld == "edu":
            country = "US"
        elif len(tld) == 2:
            code = "GB" if tld == "uk" else tld.upper()
            if places.country_name(code) != code:
                country = code
    if country is None and city is not None and places.city_country_guess(norm(city_text or "")):
        country = city.country
    if city is not None and country is not None and city.country != country:
        city = None
    aff.country_code = country
    aff.country = places.country_name(country) if country else None
    if region is not None:
        aff.region = region.name
        aff.region_code = region.code
        if aff.country_code is None:
            aff.country_code = region.country
            aff.country = places.country_name(region.country)
    aff.city = city_text
    aff.city_geonames_id = city.geonameid if city is not None else None
    return stop


def _is_house_number(t: str) -> bool:
    return bool(re.fullmatch(r"\d[\d\-/#]*[a-zA-Z]?", t.strip()))


def _find_city(n: str, r_text: str, country: str | None, region: places.Region | None,
               guess_pop: int = 100_000) -> tuple[places.City, str] | None:
    """Look a place part up as a city; also try the first piece of "Brasilia-DF", "Baracaldo-Vizcaya".

    Without a country or region, only a city big enough (``guess_pop``) and clearly more
    populous than any namesake elsewhere is accepted.
    """
    c = places.city_lookup(n, country, region) if country or region else \
        places.city_country_guess(n, guess_pop)
    if c is not None:
        return c, r_text
    for sep in ("-", " and ", " & ", "/"):
        if sep not in r_text:
            continue
        head = r_text.split(sep, 1)[0].strip()
        if head:
            hn = norm(head)
            c = places.city_lookup(hn, country, region) if country or region else \
                places.city_country_guess(hn, guess_pop)
            if c is not None:
                return c, head
    return None


def _name_like(t: str) -> bool:
    words = t.split()
    if not (1 <= len(words) <= 3) or re.search(r"\d", t) or not t[:1].isupper():
        return False
    if not t.isupper() and any(len(w) >= 2 and w.isupper() for w in words):
        return False  # "ASL Modena": an acronym marks an organisation
    return True


_SUB_RANK_RE = re.compile(r"(?:the\s+)?(?:(section|unit|laborator(?:y|ies)|lab|program(?:me)?|team|group|core)|"
                          r"(division))\b")


def _sub_rank(text: str, kind: str) -> float:
    """Order within departments: section/unit/lab < division < department (stable otherwise)."""
    if kind != "department":
        return 0.0
    m = _SUB_RANK_RE.match(fold(text).lower())
    if not m:
        return 0.5
    return 0.1 if m.group(1) else 0.3


def _make_units(parts: list[_Part], aff: ParsedAffiliation) -> list[Unit]:
    if not parts:
        return []
    kinds = [p.kind or "other" for p in parts]
    if len(parts) > 1 and _RANK[kinds[0]] > _RANK[kinds[-1]]:
        parts = parts[::-1]  # written largest first: "The Ohio State University, Department of ..."
        kinds = kinds[::-1]
    order = sorted(range(len(parts)), key=lambda i: _RANK[kinds[i]] + _sub_rank(parts[i].text, kinds[i]))
    parts = [parts[i] for i in order]
    kinds = [kinds[i] for i in order]
    keys: list[str] = [""] * len(parts)
    parent = ""
    for i in range(len(parts) - 1, -1, -1):
        slug = _unit_key_slug(parts[i].text)
        if not parent:
            if _is_generic(slug) or kinds[i] == "department" or parts[i].kind is None:
                qual = (norm(aff.city).replace(" ", "-") if aff.city else
                        (aff.region_code or aff.country_code or ""))
                if aff.city and aff.country_code:
                    qual = f"{qual}-{aff.country_code.lower()}"
                if not qual:
                    qual = "x" + hashlib.sha1(norm(aff.raw).encode()).hexdigest()[:10]
                slug = f"{slug}@{qual.lower()}"
            parent = slug
        else:
            parent = f"{parent}/{slug}"
        keys[i] = parent
    return [Unit(p.text, p.start, p.end, k, key) for p, k, key in zip(parts, kinds, keys)]
