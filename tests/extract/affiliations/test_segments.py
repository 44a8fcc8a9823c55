"""Tests for extract.affiliations.segments: one raw field into its affiliations; author lists blanked."""
from __future__ import annotations

from litkg.extract.affiliations import mask_author_lists
from litkg.extract.affiliations.segments import segments


def _segments(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in segments(text)]


def test_split_at_semicolons_and_new_lines() -> None:
    text = "Dept of X, Boston, MA, USA; Dept of Y, Oxford, UK\nInstitute Z, Paris, France"
    assert _segments(text) == ["Dept of X, Boston, MA, USA", "Dept of Y, Oxford, UK", "Institute Z, Paris, France"]


def test_split_after_a_country_only() -> None:
    assert _segments("Dept of X, Boston, MA, USA. Dept of Y, Oxford, UK") == \
        ["Dept of X, Boston, MA, USA", "Dept of Y, Oxford, UK"]
    assert _segments("Dept. of X, Univ. of Oxford, Oxford, UK and Department of Y, Harvard University") == \
        ["Dept. of X, Univ. of Oxford, Oxford, UK", "Department of Y, Harvard University"]
    # "and" inside an affiliation is no boundary
    one = "Department of Psychiatry and Behavioral Sciences, Stanford University, Stanford, CA"
    assert _segments(one) == [one]


def test_semicolons_inside_brackets_do_not_split() -> None:
    text = "Institute of X (Unit A; Unit B), Paris, France"
    assert _segments(text) == [text]


def test_author_lists_are_blanked_with_offsets_kept() -> None:
    text = "University of Oxford, Oxford, United Kingdom (Espie, Kyle); Hospital X (Japan)"
    masked = mask_author_lists(text)
    assert len(masked) == len(text)
    assert "Espie" not in masked and "(Japan)" in masked
    # a list broken across the strings of one paper
    assert mask_author_lists("Drake) ; School of Medicine").startswith("       ;")
