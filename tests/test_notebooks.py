"""The notebooks run end to end (nbclient), as committed: without outputs."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient



NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def corpus_store(request) -> Path | None:
    """The domain store built once for the session when ../shared is present (the notebook reuses it)."""
    if (SHARED / "corpus" / "domain" / "abstracts.jsonl").exists():
        return request.getfixturevalue("domain_store_dir")
    return None


def test_at_least_two_notebooks_committed_without_outputs():
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert {"quickstart.ipynb", "corpus_study.ipynb"} <= set(names)
    for name in names:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{name} has outputs"


@pytest.mark.parametrize("name", ["quickstart.ipynb", "corpus_study.ipynb"])
def test_notebook_runs(name, corpus_store, monkeypatch):
    if corpus_store is not None:
        monkeypatch.setenv("LITKG_STORE", str(corpus_store))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(env=dict(os.environ))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, "the notebook draws nothing"
