"""Conversion from a mapped Report into an XBRL 2.1 instance plus schemas (entry point of the xbrl package)."""

from __future__ import annotations

from .xbrl import instance_path, mapping_csv_text, write_xbrl

__all__ = ["write_xbrl", "instance_path", "mapping_csv_text"]
