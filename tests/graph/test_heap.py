"""The allocator tuning of long builds (:mod:`litkg.graph.heap`)."""
from __future__ import annotations

import sys

from litkg.graph import heap


def test_tune_allocator_is_idempotent_and_glibc_only() -> None:
    first = heap.tune_allocator()
    assert heap.tune_allocator() == first
    if heap._libc() is None:
        assert first is False
    elif sys.platform.startswith("linux"):
        assert first is True


def test_trim_never_raises() -> None:
    heap.trim()
