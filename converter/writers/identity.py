"""Per-call caches: what many facts share (a concept, a period, a unit, a value) is turned into text once."""

from __future__ import annotations

from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_MISSING: Any = object()


def per_object(make: Callable[[T], R]) -> Callable[[T], R]:
    """make(obj) made once per object, by identity: for objects kept alive while the cache is in use.

    A record's hash and equality run in Python, several times the cost of id() and an int-keyed dict; equal objects
    that are not the same object each get their own call, so make must be a pure function of the value."""
    made: dict[int, R] = {}

    def get(obj: T) -> R:
        value = made.get(id(obj), _MISSING)
        if value is _MISSING:
            value = made[id(obj)] = make(obj)
        return value  # type: ignore[no-any-return]

    return get


def per_value(make: Callable[[T], R]) -> Callable[[T], R]:
    """make(value) made once per distinct value (for values cheap to hash, like Decimal or str)."""
    made: dict[Hashable, R] = {}

    def get(value: T) -> R:
        result = made.get(value, _MISSING)  # type: ignore[arg-type]
        if result is _MISSING:
            result = made[value] = make(value)  # type: ignore[index]
        return result  # type: ignore[no-any-return]

    return get
