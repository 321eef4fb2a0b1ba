"""Batch conversion: input paths -> one output folder per filing, in parallel, atomically, skipping up-to-date ones."""

from __future__ import annotations

from .inputs import (
    FORMAT_WRITERS, assign_stems, available_formats, default_formats, expand_inputs, resolve_formats, sanitize_stem,
)
from .outputs import (
    MANIFEST_NAME, SUMMARY_NAME, check_out_root, code_fingerprint, manifest_key, replace_folder,
    sweep_stale, up_to_date, write_summary,
)
from ..readers.edgar_text import read_source
from .records import FileResult, Job, diagnostic_lines, report_stats, strict_problems, summarize, unmapped_labels
from .run import Progress, convert_one, make_jobs, run_jobs

__all__ = [
    "FORMAT_WRITERS", "MANIFEST_NAME", "SUMMARY_NAME", "FileResult", "Job", "Progress", "assign_stems",
    "available_formats", "check_out_root", "code_fingerprint", "convert_one", "default_formats", "diagnostic_lines",
    "expand_inputs", "make_jobs", "manifest_key", "read_source", "replace_folder", "report_stats", "resolve_formats",
    "run_jobs", "sanitize_stem", "strict_problems", "summarize", "sweep_stale", "unmapped_labels", "up_to_date",
    "write_summary",
]
