"""Conversion from a Filing into TableBlocks: runs of lines that hold figures, with their header band."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Filing
from ..settings import Settings


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A candidate table: header band plus body lines, as printed."""

    table_id: str  # "t01", "t02"... in source order
    doc_type: str  # type of the enclosing document
    first_line: int  # 1-based first line of the header band
    body_first: int  # 1-based line of the first row with figures
    last_line: int  # 1-based last line of the body
    lines: tuple[str, ...]  # text of lines first_line..last_line
    context: tuple[str, ...]  # a few lines above the header band (title, "in thousands")
    tagged: bool  # True when inside <TABLE>...</TABLE>


def find_tables(filing: Filing, settings: Settings) -> tuple[TableBlock, ...]:
    """Find every table in every document."""
    return ()
