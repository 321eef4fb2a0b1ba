"""Conversion from a TableBlock into a Grid: value-column bounds and cells per row."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Span
from ..settings import Settings
from .find_tables import TableBlock


@dataclass(frozen=True, slots=True)
class Cell:
    """A numeric token placed in a column."""

    text: str  # printed token, e.g. "(195,477)"
    span: Span  # where


@dataclass(frozen=True, slots=True)
class GridRow:
    """One source line split into label text and cells."""

    line: int  # 1-based source line
    text: str  # full line
    label: str  # text left of the first value column (stripped)
    indent: int  # leading spaces of the label
    cells: tuple[Cell | None, ...]  # one per column


@dataclass(frozen=True, slots=True)
class Grid:
    """A table split into columns."""

    table_id: str  # from the block
    anchors: tuple[tuple[int, int], ...]  # per column: (left, right) character extent of its values
    head: tuple[str, ...]  # header band lines (source text)
    head_first: int  # line number of head[0]
    rows: tuple[GridRow, ...]  # body lines, blank ones included as rows without cells
    context: tuple[str, ...]  # lines above the header band


def block_to_grid(block: TableBlock, settings: Settings) -> Grid:
    """Split a block into columns."""
    return Grid(block.table_id, (), (), block.first_line, (), block.context)
