"""edgar2xbrl: legacy SEC EDGAR text filings to XBRL, Excel and CSV."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "convert_file", "convert_bytes", "write_report"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Import the pipeline lazily so `import converter` stays cheap."""
    if name in ("convert_file", "convert_bytes", "write_report"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
