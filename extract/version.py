"""The installed litkg version, without importing anything heavy (``litkg --help`` stays fast)."""
from __future__ import annotations

from importlib import metadata


def software_version() -> str:
    """The installed litkg version (``0+unknown`` when run from a source tree that is not installed)."""
    try:
        return metadata.version("litkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"
