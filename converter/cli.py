"""The command line: `edgar2xbrl convert` (batch) and `edgar2xbrl inspect` (one filing, explained)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import __version__
from .errors import ConverterError, UsageError

EXIT_OK = 0  # every input converted (or already up to date)
EXIT_FAILED = 1  # at least one input failed; the others were still converted
EXIT_USAGE = 2  # bad command line or an unusable output folder
EXIT_INTERRUPTED = 130  # Ctrl-C

EXIT_CODES_HELP = """exit codes:
  0  every input was converted (or was already up to date)
  1  some inputs failed (each is reported with its file name and reason); the others were converted
  2  usage error: bad options, or the output folder cannot be used
  130  interrupted (Ctrl-C): files already finished are complete, the others were not written
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of exiting, so main() returns 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its two commands."""
    parser = _Parser(
        prog="edgar2xbrl",
        description="Convert legacy SEC EDGAR plain-text financial filings into XBRL, Excel and CSV.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"edgar2xbrl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    conv = sub.add_parser(
        "convert", help="convert filings (files, folders, globs) into one output folder per filing",
        description="Convert filings into DIR/<name>/ (one folder per filing) and write DIR/summary.json.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    conv.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="filing files (.txt, .nc, or either gzipped), archives of filings (.tar, .tar.gz, .tgz, "
                           ".zip; read in place), folders (such files under them, recursively) or glob patterns")
    conv.add_argument("--out", "-o", default="out", metavar="DIR", help="output folder (default: out/)")
    conv.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                      help=f"files converted in parallel (default: the machine's cores, {os.cpu_count() or 1})")
    conv.add_argument("--formats", "-f", default=None, metavar="LIST",
                      help="comma-separated outputs among xbrl, xlsx, csv (csv = the facts, statement and "
                           "xBRL-CSV tables), parquet (DIR/facts.parquet/ and DIR/filings.parquet for the whole "
                           "folder) or a writer name; default: every available format (parquet when the run holds more "
                           "than one filing)")
    conv.add_argument("--engine", choices=("local", "dask"), default="local",
                      help="local: a process pool on this machine (default); dask: a Dask cluster, local with "
                           "--jobs workers unless --scheduler is given")
    conv.add_argument("--scheduler", default=None, metavar="ADDRESS",
                      help="run on the existing dask.distributed cluster at ADDRESS (e.g. tcp://host:8786); "
                           "every worker must see the inputs and DIR at the same paths")
    conv.add_argument("--strict", action="store_true",
                      help="fail a file that has calculation inconsistencies or labels mapped to extension concepts")
    conv.add_argument("--force", action="store_true", help="convert even when the outputs are up to date")
    loud = conv.add_mutually_exclusive_group()
    loud.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    loud.add_argument("--verbose", "-v", action="store_true", help="also print every diagnostic of every file")

    ins = sub.add_parser(
        "inspect", help="show the tables found in one filing and how each column and row was read",
        description="Show the tables found in one filing: each column's header, period, unit, scale and "
                    "dims, and each row's label, section, line and amounts.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ins.add_argument("input", metavar="FILE", help="one filing")
    ins.add_argument("--table", "-t", default="", metavar="ID", help="only tables whose id contains ID")
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse and validate the command line (raises UsageError)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        raise UsageError("a command is required: convert or inspect (see --help)")
    if args.command == "convert":
        if args.jobs is None:
            args.jobs = os.cpu_count() or 1
        if args.jobs < 1:
            raise UsageError(f"--jobs must be 1 or more, got {args.jobs}")
        if args.scheduler is not None and not args.scheduler.strip():
            raise UsageError("--scheduler needs an address, e.g. tcp://host:8786")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (errors go to stderr, never a traceback)."""
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        _err(f"usage error: {exc}\n(run 'edgar2xbrl --help' for the options)")
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_OK
    try:
        if args.command == "inspect":
            return run_inspect(args)
        return run_convert(args)
    except UsageError as exc:
        _err(f"usage error: {exc}")
        return EXIT_USAGE
    except ConverterError as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted; finished files are complete, unfinished ones were not written")
        return EXIT_INTERRUPTED


def run_inspect(args: argparse.Namespace) -> int:
    """Convert one filing in memory and print how it was read."""
    from .inspect import inspect_report
    from .pipeline import convert_file

    report = convert_file(args.input)
    sys.stdout.write(inspect_report(report, args.table))
    return EXIT_OK


def run_convert(args: argparse.Namespace) -> int:
    """Convert every input; print progress, failures and a summary; write DIR/summary.json."""
    from . import batch
    from .writers import WRITERS

    registered = (*WRITERS, batch.DATASET_FORMAT)
    if args.formats is None:
        writers = batch.default_formats(registered)
    else:
        writers = batch.resolve_formats(args.formats.split(","), registered)
    files, missing = batch.expand_inputs(args.inputs)
    out_root = Path(args.out)
    batch.check_out_root(out_root)
    swept = batch.sweep_stale(out_root)
    if swept and args.verbose:
        sys.stderr.write(f"note: cleared {swept} temporary folder(s) left in {out_root} by an interrupted run\n")
    sources, broken = batch.expand_sources(files)
    if args.formats is None and len(sources) <= 1:
        # the Parquet dataset gathers the filings of a run; one filing has its facts.csv (and skips pyarrow's import)
        writers = tuple(w for w in writers if w != batch.DATASET_FORMAT)
    jobs = batch.make_jobs(sources, out_root, writers, strict=args.strict, force=args.force, verbose=args.verbose)
    engine = batch.make_engine(args.engine, args.scheduler, min(args.jobs, max(len(jobs), 1)))
    started = time.perf_counter()
    bar = _Progress(sys.stderr, quiet=args.quiet, verbose=args.verbose)
    for r in missing + broken:
        bar.report(r)
    try:
        results = batch.run_jobs(jobs, args.jobs, bar.update, engine)
    finally:
        bar.close()
    all_results = tuple(missing) + tuple(broken) + results
    summary = batch.summarize(all_results)
    batch.write_summary(out_root, summary)
    if batch.DATASET_FORMAT in writers:
        batch.write_filings(out_root, all_results)
    if not args.quiet:
        _print_summary(summary, out_root, time.perf_counter() - started, writers)
    return EXIT_FAILED if any(not r.ok for r in all_results) else EXIT_OK


class _Progress:
    """A tqdm progress bar (rate, elapsed, time left) on a terminal, one plain line per file otherwise; failures
    always reach stderr."""

    def __init__(self, stream: TextIO, *, quiet: bool, verbose: bool) -> None:
        self.stream = stream
        self.quiet = quiet
        self.verbose = verbose
        self.tty = bool(getattr(stream, "isatty", lambda: False)()) and not quiet
        self.bar: Any = None

    def update(self, done: int, total: int, result: object) -> None:
        """Called once per finished file."""
        if self.tty and self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, unit="filing", dynamic_ncols=True, leave=True)
        self.report(result)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)

    def report(self, r: object) -> None:
        """Print one file's outcome (errors and notes always, other lines unless quiet or on a tty)."""
        from .batch import FileResult

        assert isinstance(r, FileResult)
        lines: list[tuple[TextIO, str]] = []
        if not r.ok:
            lines.append((sys.stderr, f"error: {r.where}: {r.reason}"))
        elif not self.quiet and not self.tty:
            lines.append((sys.stdout, f"{r.status:<9} {r.where} -> {r.stem}/ ({r.facts} facts, "
                                      f"{r.unmapped} unmapped, {r.calc_failures} calc failures)"))
        lines.extend((sys.stderr, f"warning: {r.where}: {n}") for n in r.notes)
        if self.verbose:
            lines.extend((sys.stdout if r.ok else sys.stderr, f"  {r.where}:{m}") for m in r.messages)
        for stream, text in lines:
            if self.bar is not None:
                self.bar.write(text, file=stream)  # clears the bar, prints the line, draws the bar again
            else:
                stream.write(text + "\n")
        for stream in {id(s): s for s, _ in lines}.values():
            stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _print_summary(summary: dict[str, object], out_root: Path, seconds: float, writers: tuple[str, ...]) -> None:
    t = summary["totals"]
    assert isinstance(t, dict)
    print(f"{t['converted']} converted, {t['skipped']} up to date, {t['failed']} failed "
          f"of {t['files']} files in {seconds:.1f} s; {t['facts']} facts, {t['unmapped']} unmapped labels, "
          f"{t['calc_failures']} calculation failures; formats {', '.join(writers)}")
    print(f"outputs in {out_root}/, summary in {out_root / 'summary.json'}")


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.stderr.flush()
