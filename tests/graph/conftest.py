"""Graph fixtures: the output folders of the seed and domain-corpus builds that ``tests/conftest.py`` makes once."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def seed_out(seed_store_dir) -> Path:
    """Output directory of a build of the seed paper (``examples/seed.txt``); the store is its ``store``."""
    return seed_store_dir.parent


@pytest.fixture(scope="session")
def domain_out(domain_store_dir) -> Path:
    """Output directory of a build of the real domain corpus (154 abstracts; skips when absent)."""
    return domain_store_dir.parent
