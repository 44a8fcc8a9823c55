"""The parse results (:class:`Unit`, :class:`ParsedAffiliation`) and the working :class:`Part`.

``graph/quads.py`` and ``extract/pipeline.py`` read these attributes; keep their shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Unit", "ParsedAffiliation", "Part"]


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


@dataclass
class Part:
    """A comma (or sentence) separated piece of one affiliation, before it is read as a unit or a place.

    Attributes:
        start: Start offset into the original string.
        end: End offset into the original string.
        text: ``original[start:end]``.
        kind: The unit kind its words name (:func:`~.kinds.unit_kind`), once looked up.
    """

    start: int
    end: int
    text: str
    kind: str | None = None
