"""Batch conversion: input paths -> one output folder per filing, in parallel, atomically, skipping up-to-date ones."""

from __future__ import annotations

from .archives import Member, archive_kind, list_members, read_input, read_members
from .dataset import DATASET_FORMAT, FACTS_DATASET, FILINGS_TABLE, facts_table, part_path, write_filings
from .engines import Engine, LocalEngine, make_engine
from .inputs import (
    FORMAT_WRITERS, Source, assign_names, assign_source_stems, assign_stems, available_formats, default_formats,
    expand_inputs, expand_sources, resolve_formats, sanitize_stem,
)
from .outputs import (
    MANIFEST_NAME, SUMMARY_NAME, check_out_root, code_fingerprint, manifest_key, replace_folder,
    sweep_stale, up_to_date, write_summary,
)
from ..readers.edgar_text import read_source
from .records import (
    FileResult, FilingInfo, Job, diagnostic_lines, report_stats, strict_problems, summarize, unmapped_labels,
)
from .run import Progress, convert_one, make_jobs, run_jobs, with_data

__all__ = [
    "DATASET_FORMAT", "Engine", "FACTS_DATASET", "FILINGS_TABLE", "FORMAT_WRITERS", "FileResult", "FilingInfo",
    "Job", "LocalEngine", "MANIFEST_NAME", "Member", "Progress", "SUMMARY_NAME", "Source", "archive_kind",
    "assign_names", "assign_source_stems", "assign_stems", "available_formats", "check_out_root", "code_fingerprint",
    "convert_one", "default_formats", "diagnostic_lines", "expand_inputs", "expand_sources", "facts_table",
    "list_members", "make_engine", "make_jobs", "manifest_key", "part_path", "read_input", "read_members", "read_source",
    "replace_folder", "report_stats", "resolve_formats", "run_jobs", "sanitize_stem", "strict_problems", "summarize",
    "sweep_stale", "unmapped_labels", "up_to_date", "with_data", "write_filings", "write_summary",
]
