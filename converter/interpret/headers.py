"""Conversion from a Grid's header band into Columns: period, unit, scale and dims per column."""

from __future__ import annotations

from ..layout.grid import Grid
from ..model import Column, Diagnostic, FilingMeta


def headers_to_columns(grid: Grid, meta: FilingMeta) -> tuple[tuple[Column, ...], list[Diagnostic]]:
    """Interpret each value column's stacked header."""
    return (), []
