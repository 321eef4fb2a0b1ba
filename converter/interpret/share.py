"""One object per distinct immutable value (period, unit, dims) in a filing, so later stages can compare by identity."""

from __future__ import annotations

from typing import TypeVar

from ..memo import text_cache
from ..model import Unit

T = TypeVar("T")


@text_cache(maxsize=4096)
def shared(value: T) -> T:
    """The first object seen equal to value: a filing's thousands of facts name a dozen periods and dims."""
    return value


@text_cache(maxsize=1024)
def unit_of(numerators: tuple[str, ...], denominators: tuple[str, ...] = ()) -> Unit:
    """One shared Unit object per distinct unit (a filing has a handful; it has thousands of cells)."""
    return Unit(numerators, denominators)
