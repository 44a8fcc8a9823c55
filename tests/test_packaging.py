"""The wheel installs extract/ and graph/ under the one import name ``litkg``."""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_under_litkg():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {"litkg." + ".".join(p.parent.relative_to(ROOT).parts)
               for top in ("extract", "graph") for p in (ROOT / top).rglob("__init__.py")}
    assert set(config["packages"]) == folders
    assert config["package-dir"] == {"litkg.extract": "extract", "litkg.graph": "graph"}


def test_import_names_are_litkg_only():
    import litkg.graph.cli  # noqa: F401

    assert "litkg.extract" in sys.modules
    assert "extract" not in sys.modules and "graph" not in sys.modules
