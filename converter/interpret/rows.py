"""Conversion from Grid rows into LineItems: wrapped labels joined, sections, parsed amounts."""

from __future__ import annotations

from ..layout.grid import Grid
from ..model import Column, Diagnostic, LineItem


def rows_to_items(grid: Grid, columns: tuple[Column, ...]) -> tuple[tuple[LineItem, ...], list[Diagnostic]]:
    """Join label lines and parse the cells of every row."""
    return (), []
