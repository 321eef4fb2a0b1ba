"""Conversion from LineItems and Columns into a Statement with facts."""

from __future__ import annotations

from ..layout.find_tables import TableBlock
from ..layout.grid import Grid
from ..model import Column, Diagnostic, LineItem, Statement


def items_to_statement(block: TableBlock, grid: Grid, columns: tuple[Column, ...], items: tuple[LineItem, ...],
                       ordinal: int) -> tuple[Statement | None, list[Diagnostic]]:
    """Make one fact per cell; cells without a period or unit become diagnostics."""
    return None, []
