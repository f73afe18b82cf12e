"""Splitting large IN (...) look-ups so every database accepts them."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

#: Bound parameters per query: under every database's limit (SQLite's historical 999 included).
CHUNK = 900


def chunked(values: Collection[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    """The distinct ``values``, sorted, in slices of at most ``size``."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
