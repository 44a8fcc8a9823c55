"""Countries (ISO 3166-1, from pycountry) by name, with common variants and local spellings.

Every look-up takes text normalised with :func:`~litkg.extract.affiliations.text.norm`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from litkg.extract.affiliations.text import norm

__all__ = ["country_lookup", "country_in", "country_suffix", "country_name", "country_of_email"]

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
    """ISO alpha-2 code by normalised name: pycountry's names ("Korea, Republic of" also turned round), variants."""
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
    """Country named by a whole part, ignoring parentheticals ("China (mainland)").

    >>> country_in("China (mainland)"), country_in("Boston")
    ('CN', None)
    """
    code = _countries().get(norm(part))
    if code is None and "(" in part:
        code = _countries().get(norm(_PAREN_RE.sub(" ", part)))
    return code


@lru_cache(maxsize=1)
def _country_suffixes() -> dict[str, str]:
    """Country names that may end a part (of the short ones only "usa" and "uk"), with their codes."""
    return {k: v for k, v in _countries().items() if len(k) >= 4 or k in ("usa", "uk")}


def country_suffix(normed: str) -> tuple[str, str] | None:
    """Find a country name at the end of a normalised string (``"melbourne australia"``).

    Returns:
        ``(matched_name, code)`` or ``None``. The match must start at a word boundary and
        leave at least one word before it; the longest name wins ("republic of korea", not "korea").

    >>> country_suffix("melbourne australia"), country_suffix("seoul republic of korea")
    (('australia', 'AU'), ('republic of korea', 'KR'))
    """
    suffixes = _country_suffixes()
    i = normed.find(" ")
    while i >= 0:  # the words after each space, longest first
        name = normed[i + 1:]
        code = suffixes.get(name)
        if code is not None:
            return name, code
        i = normed.find(" ", i + 1)
    return None


@lru_cache(maxsize=300)
def country_name(code: str) -> str:
    """English short name of a country (pycountry's common name when it has one).

    >>> country_name("TW"), country_name("ZZ")
    ('Taiwan', 'ZZ')
    """
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def country_of_email(email: str) -> str | None:
    """The country of an e-mail address's top-level domain (``.edu`` is the US), if any.

    >>> country_of_email("a@b.edu"), country_of_email("a@b.ac.uk"), country_of_email("a@b.com")
    ('US', 'GB', None)
    """
    tld = email.rsplit(".", 1)[-1].lower()
    if tld == "edu":
        return "US"
    if len(tld) == 2:
        code = "GB" if tld == "uk" else tld.upper()
        if country_name(code) != code:
            return code
    return None
