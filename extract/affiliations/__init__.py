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

Modules, in the order a string goes through them:

- :mod:`.segments`: the raw field into separate affiliations (author lists blanked).
- :mod:`.parse`: one affiliation: prefixes, e-mails and phone numbers cut out; the entry point.
- :mod:`.parts`: one affiliation into comma-separated parts, joined or split into unit names.
- :mod:`.kinds`: the unit lexicon (department, school, university ...) and how kinds nest.
- :mod:`.address`: the place read from the right (street, postcode, city, region, country).
- :mod:`.keys`: units ordered smallest first, with merge keys.
- :mod:`.gazetteer`: countries, regions, cities, postcodes and streets (pycountry, GeoNames).
- :mod:`.text`: :func:`~.text.fold` and :func:`~.text.norm`; :mod:`.model`: the result classes.
"""
from __future__ import annotations

from litkg.extract.affiliations.keys import unit_slug
from litkg.extract.affiliations.kinds import unit_kind
from litkg.extract.affiliations.model import ParsedAffiliation, Unit
from litkg.extract.affiliations.parse import parse_affiliation
from litkg.extract.affiliations.segments import mask_author_lists

__all__ = ["Unit", "ParsedAffiliation", "parse_affiliation", "mask_author_lists", "unit_kind", "unit_slug"]
