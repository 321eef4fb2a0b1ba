"""Bounded caches of pure functions of printed text, registered so a benchmark can empty them all."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """lru_cache for a pure function of text (labels and lines repeat within a filing and across a batch)."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear_text_caches() -> None:
    """Empty every text cache: the next conversion costs what a first sight of its text costs."""
    for cached in _CACHES:
        cached.cache_clear()
