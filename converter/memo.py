"""Bounded caches of pure functions of printed text or of one report, registered so a benchmark can empty them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")
P = TypeVar("P")
T = TypeVar("T")

_CACHES: list[Any] = []
_REPORT_CACHES: list[Any] = []  # the caches holding work on one report (also in _CACHES)


class Same:
    """A cache key made of objects compared and hashed by identity (model records hash by value, field by field)."""

    __slots__ = ("parts",)

    def __init__(self, *parts: object) -> None:
        self.parts = parts

    def __hash__(self) -> int:
        return hash(tuple(map(id, self.parts)))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Same) and len(self.parts) == len(other.parts)
                and all(a is b for a, b in zip(self.parts, other.parts)))


def text_cache(maxsize: int) -> Callable[[F], F]:
    """lru_cache for a pure function of text or of the taxonomy (labels and lines repeat within a filing and across a
    batch; the taxonomy is the same for a batch)."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def report_cache(fn: F) -> F:
    """lru_cache of one entry for work on a report (keyed by identity): kept for the writers that share it,
    dropped by clear_report_caches()."""
    cached = lru_cache(maxsize=1)(fn)
    _CACHES.append(cached)
    _REPORT_CACHES.append(cached)
    return cached  # type: ignore[return-value]


def last_report_cache(fn: Callable[[R, P], T]) -> Callable[[R, P], T]:
    """Memo of fn(report, part) for the last report seen, by identity: writers that derive the same view of a
    report (the workbook and the statement CSVs lay each statement out alike) compute it once. Only that one
    report is kept alive; a new report empties the memo."""
    state: dict[str, Any] = {"report": None, "values": {}}

    def cached(report: R, part: P) -> T:
        if state["report"] is not report:
            state["report"], state["values"] = report, {}
        hit = state["values"].get(id(part))
        if hit is None or hit[0] is not part:
            hit = state["values"][id(part)] = (part, fn(report, part))
        return hit[1]  # type: ignore[no-any-return]

    def cache_clear() -> None:
        state["report"], state["values"] = None, {}

    cached.cache_clear = cache_clear  # type: ignore[attr-defined]
    cached.__doc__, cached.__name__, cached.__wrapped__ = fn.__doc__, fn.__name__, fn  # type: ignore[attr-defined]
    _CACHES.append(cached)
    _REPORT_CACHES.append(cached)
    return cached


def clear_report_caches() -> None:
    """Drop all work kept on the last report: what a large report's writers shared is freed once they are done."""
    for cached in _REPORT_CACHES:
        cached.cache_clear()


def clear_text_caches() -> None:
    """Empty every text cache: the next conversion costs what a first sight of its text costs."""
    for cached in _CACHES:
        cached.cache_clear()
