"""The small records of a batch: one Job per input, one FileResult per outcome, and the batch summary."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Iterable

from .. import __version__
from ..model import Report
from ..record import record
from ..settings import DEFAULT_SETTINGS, Settings

COUNT_FIELDS = ("facts", "statements", "unmapped", "calc_failures", "warnings")


@record
class Job:
    """One filing to convert and where its outputs go."""

    source: Path  # input file
    out_root: Path  # the --out folder
    stem: str  # output folder name under out_root (sanitised, unique in the batch)
    writers: tuple[str, ...]  # writer names to run, in order
    strict: bool  # fail on calculation inconsistencies or unmapped rows
    force: bool  # convert even when the outputs are up to date
    fingerprint: str  # hash of tool version, code and taxonomy data (part of the up-to-date key)
    settings: Settings = DEFAULT_SETTINGS  # pipeline tunables
    verbose: bool = False  # keep diagnostics text and internal-error tracebacks in the result
    member: str = ""  # name inside the archive source, "" for a loose file
    member_index: int = -1  # the member's position among the archive's entries (-1 for a loose file)
    data: bytes | None = None  # the member's bytes, read by the driver (None: the worker reads source itself)

    @property
    def name(self) -> str:
        """The filing's own name: the member's for an archive member, else the file's."""
        return self.member or self.source.name

    @property
    def report_source(self) -> str:
        """The source the Report names: the file path, or the member's path under the archive's."""
        return f"{self.source}/{self.member}" if self.member else str(self.source)


@record
class FilingInfo:
    """What the filings table says about one filing besides its counts: who filed what, and how well it checked."""

    cik: str  # central index key, "" when unknown
    company: str  # conformed company name
    form: str  # form type
    accession: str  # accession number
    period_of_report: str  # ISO date, "" when unknown
    checks: int  # self-checks run
    checks_failed: int  # self-checks that did not reconcile
    subtotal_share: float | None  # share of determined subtotal checks that reconciled (None: none determined)
    balance: str  # balance-sheet status: "ok", "partial", "failed", "undetermined", "no balance sheet"


@record
class FileResult:
    """What happened to one input: a small picklable record."""

    source: str  # input path as given
    stem: str  # output folder name ("" when the input was never resolved)
    status: str  # "converted", "skipped" (up to date), "failed"
    reason: str = ""  # one-line error for failed files
    facts: int = 0  # facts written
    statements: int = 0  # tables interpreted
    unmapped: int = 0  # labels mapped to extension concepts
    calc_failures: int = 0  # checks that did not reconcile
    warnings: int = 0  # diagnostics of severity warning or error
    files: tuple[str, ...] = ()  # output files relative to the filing's folder
    messages: tuple[str, ...] = field(default=())  # diagnostics as "line:col: code: message" (verbose only)
    notes: tuple[str, ...] = ()  # filing-level warnings always shown, e.g. "no financial tables were found"
    member: str = ""  # name inside the archive source, "" for a loose file
    info: FilingInfo | None = None  # filer, form and check results (None when the filing was never read)

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def where(self) -> str:
        """The input as shown to a user: the file, or "archive: member name"."""
        return f"{self.source}: member {self.member}" if self.member else self.source


# ---------------------------------------------------------------- inputs and names


def report_stats(report: Report) -> dict[str, int]:
    """The counts a summary shows for one report."""
    return {
        "facts": len(report.facts),
        "statements": len(report.statements),
        "unmapped": len(unmapped_labels(report)),
        "calc_failures": sum(1 for c in report.checks if c.failed),
        "warnings": sum(1 for d in report.diagnostics if d.severity in ("warning", "error")),
    }


def unmapped_labels(report: Report) -> set[tuple[str, str]]:
    """(table_id, label) of rows mapped to extension concepts, from mapping decisions and from the facts."""
    found = {(m.table_id, m.label) for m in report.mappings if m.status == "extension"}
    found.update((f.table_id, f.label) for f in report.facts if f.concept.extension)
    return found


def counts(stats: dict[str, int]) -> dict[str, int]:
    """Only the count fields of a stats dict."""
    return {k: stats[k] for k in COUNT_FIELDS}


def strict_problems(stats: dict[str, int]) -> str:
    """Why --strict rejects a report ("" when it does not)."""
    parts = []
    if stats["calc_failures"]:
        parts.append(f"{stats['calc_failures']} calculation inconsistencies")
    if stats["unmapped"]:
        parts.append(f"{stats['unmapped']} unmapped labels")
    return ", ".join(parts)


def diagnostic_lines(report: Report) -> tuple[str, ...]:
    """Diagnostics and failed checks as "line:col: severity: code: message" lines."""
    from ..inspect import diagnostic_text

    out = [diagnostic_text(d) for d in report.diagnostics]
    for c in report.checks:
        if c.failed:
            out.append(f"{c.line}: warning: calc.{c.kind}: {c.description} "
                       f"(printed {c.expected}, computed {c.computed})")
    for m in report.mappings:
        if m.status == "extension":
            out.append(f"-: info: mapping.extension: {m.table_id}: {m.label!r} -> {m.concept}")
    return tuple(out)


def summarize(results: Iterable[FileResult]) -> dict[str, object]:
    """Totals and per-file records, deterministic (no timings), for summary.json and the final message."""
    results = tuple(results)
    totals = {
        "files": len(results),
        "converted": sum(1 for r in results if r.status == "converted"),
        "skipped": sum(1 for r in results if r.status == "skipped"),
        "failed": sum(1 for r in results if r.status == "failed"),
    }
    for k in COUNT_FIELDS:
        totals[k] = sum(getattr(r, k) for r in results)
    files = [
        {"source": r.source, "member": r.member, "output": r.stem, "status": r.status, "reason": r.reason,
         **{k: getattr(r, k) for k in COUNT_FIELDS}, "files": list(r.files), "notes": list(r.notes)}
        for r in sorted(results, key=lambda r: (r.stem, r.source, r.member))
    ]
    return {"tool": "edgar2xbrl", "tool_version": __version__, "totals": totals, "files": files}


def one_line(text: str) -> str:
    return " ".join(str(text).split()) or "unknown error"
