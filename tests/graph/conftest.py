"""Graph fixtures built once per test session: the seed paper and the 154-paper domain corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.workflow import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """Output directory of ``litkg build examples/seed.txt`` (store, graph.trig, graph.gexf)."""
    out = tmp_path_factory.mktemp("seed-build")
    build([SEED], out, show_progress=False)
    return out


@pytest.fixture(scope="session")
def domain_out(tmp_path_factory, corpus) -> Path:
    """Output directory of a build of the real domain corpus (154 abstracts; skips when absent)."""
    src = corpus("domain", "abstracts.jsonl")
    out = tmp_path_factory.mktemp("domain-build")
    build([src], out, show_progress=False, exports=False)
    return out
