"""Named tolerances of the layout and interpretation rules, validated at start."""

from __future__ import annotations

from dataclasses import fields

from .errors import UsageError
from .record import record


@record
class Settings:
    """Every tunable of the pipeline; defaults suit 80-column EDGAR text."""

    tab_size: int = 8  # tab stops when expanding tabs
    page_width: int = 132  # widest printed line (a wide-carriage page); tabs pushing a line past it are one column
    min_table_rows: int = 2  # a table needs at least this many rows with numbers
    max_header_lines: int = 12  # how far above the first row a header band may reach
    prose_min_words: int = 9  # a numberless line with this many words is prose and ends a table

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or value < 0:
                raise UsageError(f"setting {f.name} must be a whole number >= 0, got {value!r}")


DEFAULT_SETTINGS = Settings()
