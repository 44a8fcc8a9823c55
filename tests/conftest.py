"""Shared test fixtures: where the real records of ``../shared/corpus`` live, and the graph builds that
several test files read (built once per session: ask for these fixtures rather than building again)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

# The same folder as ``Path(test_file).resolve().parents[2].parent / "shared"`` from tests/extract/.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# A test that uses one of these fixtures waits for a whole-corpus build: it is marked ``slow`` here, so a new
# test that asks for one is marked too (`python -m pytest -m "not slow"` then skips the build altogether).
SLOW_FIXTURES = frozenset({"domain_store_dir", "domain_out"})


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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
def seed_build(tmp_path_factory):
    """``(out, summary)``: the bundled seed paper (``examples/seed.txt``) built once per session, exports
    included: ``out/store``, ``out/graph.trig``, ``out/graph.gexf``, and the build's ``BuildSummary``.
    Read it, never write to it (a test that rebuilds or changes a store builds its own in ``tmp_path``)."""
    from litkg.graph.workflow import build

    out = tmp_path_factory.mktemp("seed_build")
    summary = build([Path(__file__).resolve().parents[1] / "examples" / "seed.txt"], out, show_progress=False)
    return out, summary


@pytest.fixture(scope="session")
def seed_store_dir(seed_build) -> Path:
    """The store of the session's seed build (see ``seed_build``)."""
    return seed_build[0] / "store"


@pytest.fixture(scope="session")
def domain_store_dir(corpus, tmp_path_factory) -> Path:
    """A store built once per session from the 154 real abstracts of ``corpus/domain`` (skips when absent)."""
    from litkg.graph.workflow import build

    src = corpus("domain", "abstracts.jsonl")
    out = tmp_path_factory.mktemp("domain_build")
    build([src], out, show_progress=False, exports=False)
    return out / "store"
