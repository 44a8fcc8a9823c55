"""Shared test fixtures: where the real records of ``../shared/corpus`` live."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

# The same folder as ``Path(test_file).resolve().parents[2].parent / "shared"`` from tests/extract/.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``shared`` folder next to the repository; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not present: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def corpus(shared_dir: Path) -> Callable[..., Path]:
    """``corpus("medline", "x.nbib")`` gives a path under ``shared/corpus``; skips when missing."""

    def get(*parts: str) -> Path:
        path = shared_dir.joinpath("corpus", *parts)
        if not path.exists():
            pytest.skip(f"corpus file not present: {path}")
        return path

    return get


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory) -> Path:
    """A store built once per session from the bundled seed paper (``examples/seed.txt``)."""
    from litkg.graph.workflow import build

    out = tmp_path_factory.mktemp("seed_build")
    build([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"], out, show_progress=False, exports=False)
    return out / "store"


@pytest.fixture(scope="session")
def domain_store_dir(corpus, tmp_path_factory) -> Path:
    """A store built once per session from the 154 real abstracts of ``corpus/domain`` (skips when absent)."""
    from litkg.graph.workflow import build

    src = corpus("domain", "abstracts.jsonl")
    out = tmp_path_factory.mktemp("domain_build")
    build([src], out, show_progress=False, exports=False)
    return out / "store"
