"""The notebooks run end to end (nbclient), as committed: without outputs."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RUN = ["quickstart.ipynb", "corpus_study.ipynb"]


@pytest.fixture(scope="module")
def corpus_store(request) -> Path | None:
    """The domain store built once for the session when ../shared is present (the notebook reuses it)."""
    if (SHARED / "corpus" / "domain" / "abstracts.jsonl").exists():
        return request.getfixturevalue("domain_store_dir")
    return None


@pytest.fixture(scope="module")
def executed(corpus_store) -> dict[str, tuple[nbformat.NotebookNode, BaseException | None]]:
    """Every notebook of ``RUN`` executed, all at once: each runs in its own kernel process, so together they
    take about the time of the longest one. Gives each notebook with the exception its run raised, if any."""
    env = dict(os.environ)
    if corpus_store is not None:
        env["LITKG_STORE"] = str(corpus_store)
    notebooks = {name: nbformat.read(NOTEBOOKS / name, as_version=4) for name in RUN}

    async def run_all() -> list:
        clients = [NotebookClient(nb, timeout=300, kernel_name="python3",
                                  resources={"metadata": {"path": str(NOTEBOOKS)}}) for nb in notebooks.values()]
        return await asyncio.gather(*(c.async_execute(env=env) for c in clients), return_exceptions=True)

    results = asyncio.run(run_all())
    return {name: (nb, r if isinstance(r, BaseException) else None)
            for (name, nb), r in zip(notebooks.items(), results)}


def test_at_least_two_notebooks_committed_without_outputs():
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert {"quickstart.ipynb", "corpus_study.ipynb"} <= set(names)
    for name in names:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{name} has outputs"


@pytest.mark.slow
@pytest.mark.parametrize("name", RUN)
def test_notebook_runs(name, executed):
    nb, error = executed[name]
    if error is not None:
        raise error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, "the notebook draws nothing"


@pytest.mark.slow
def test_every_chart_of_the_corpus_study_is_in_its_outputs(executed):
    """Each cell that draws (bursts and countries included) shows its picture: litkg never switches the
    notebook's inline backend off (it did once, with ``matplotlib.use("Agg")`` on import)."""
    nb, error = executed["corpus_study.ipynb"]
    if error is not None:
        raise error
    drawing = [c for c in nb.cells if c.cell_type == "code"
               and any(k in c.source for k in ("plt.subplots", "_figure(", "display(fig"))]
    assert len(drawing) >= 4
    for cell in drawing:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source[:80]
    sources = " ".join(c.source for c in drawing)
    assert "concept_bursts" in sources and "collaboration_graph" in sources
