"""Fatal errors: the few exceptions the converter raises; everything else is a Diagnostic."""

from __future__ import annotations


class ConverterError(Exception):
    """Base of every error the converter reports to a user (never a traceback)."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class ReadError(ConverterError):
    """The input cannot be read as an EDGAR text filing."""


class TaxonomyError(ConverterError):
    """The local taxonomy data is inconsistent or missing."""


class WriteError(ConverterError):
    """An output could not be written."""


class UsageError(ConverterError):
    """The command line or settings are wrong."""
