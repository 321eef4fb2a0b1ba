"""Benchmark: reference filing per format, batch throughput by --jobs, and a large synthetic filing's time and memory.

Run from the repository root:  python3 benchmarks/bench.py [--runs 7] [--copies 200] [--size-mb 5] [--profile]
Not a test: it prints figures and whether each target of the project is met.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converter.pipeline import convert_bytes, write_report  # noqa: E402
from converter.memo import clear_text_caches  # noqa: E402
from converter.writers import WRITERS  # noqa: E402

REFERENCE = ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"
TARGET_REFERENCE_MS = 150.0  # reference filing to XBRL, Excel and CSV, in-process
THREE_FORMATS = ("xbrl", "xlsx", "statements", "native", "xbrl-csv")
"""The three formats of the target: the XBRL instance, the workbook, and CSV (statement CSVs, facts.csv, xBRL-CSV)."""
TARGET_SPEEDUP = 1.7  # --jobs 2 over --jobs 1
TARGET_PER_MB_FACTOR = 10.0  # large filing's time per MB within this factor of the reference's
TARGET_PEAK_MB = 500.0  # peak memory converting the large filing


MINIMA: dict[str, float] = {}
"""The fastest run of each figure, printed beside the median (this machine's timings vary from run to run)."""


def median_ms(fn, runs: int, name: str = "") -> float:  # type: ignore[no-untyped-def]
    """Median wall time of fn(run) in milliseconds, every text cache emptied before each run (a first sight)."""
    times = []
    for run in range(runs):
        clear_text_caches()
        t = time.perf_counter()
        fn(run)
        times.append((time.perf_counter() - t) * 1000)
    if name:
        MINIMA[name] = min(times)
    return statistics.median(times)


def bench_reference(runs: int) -> dict[str, float]:
    """Median ms: conversion alone, each writer alone, and conversion plus the three formats / every writer."""
    data = REFERENCE.read_bytes()
    report = convert_bytes(data, str(REFERENCE))
    out: dict[str, float] = {
        "convert (no output)": median_ms(lambda _: convert_bytes(data, str(REFERENCE)), runs, "convert (no output)")}
    with tempfile.TemporaryDirectory() as tmp:  # every run writes into a new folder, as a batch into out/ does
        for name in WRITERS:
            write_report(report, Path(tmp) / name, [name])  # warm up lazy imports
            out[f"write {name}"] = median_ms(lambda r, n=name: write_report(report, Path(tmp) / f"{n}{r}", [n]), runs,
                                             f"write {name}")
        out["convert + XBRL, Excel, CSV"] = median_ms(
            lambda r: write_report(convert_bytes(data, str(REFERENCE)), Path(tmp) / f"three{r}", list(THREE_FORMATS)),
            runs, "convert + XBRL, Excel, CSV")
        out["convert + all formats"] = median_ms(
            lambda r: write_report(convert_bytes(data, str(REFERENCE)), Path(tmp) / f"all{r}", list(WRITERS)), runs,
            "convert + all formats")
    out["facts"] = float(len(report.facts))
    return out


def bench_batch(copies: int, jobs: int, folder: Path) -> float:
    """Seconds for `python -m converter convert` over the copies with --jobs jobs (fresh output)."""
    out = folder.parent / f"out-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "converter", "convert", str(folder), "--out", str(out), "--jobs", str(jobs), "-q"]
    t = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if run.returncode != 0:
        print(f"  batch --jobs {jobs} exited {run.returncode}: {run.stderr.strip()[:300]}")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["files"] == copies, summary["totals"]
    return seconds


def synthetic_filing(size_mb: float) -> bytes:
    """The reference filing's header and text, then its <TABLE> blocks repeated until the file reaches size_mb."""
    lines = REFERENCE.read_bytes().split(b"\n")
    blocks, start = [], None
    for i, ln in enumerate(lines):
        if ln.strip().upper() == b"<TABLE>":
            start = i
        elif ln.strip().upper() == b"</TABLE>" and start is not None:
            blocks.append(b"\n".join(lines[max(0, start - 6): i + 1]) + b"\n\n")
            start = None
    body = b"\n".join(lines) + b"\n"
    target = int(size_mb * 1024 * 1024)
    parts = [body]
    size = len(body)
    k = 0
    while size < target:
        parts.append(blocks[k % len(blocks)])
        size += len(blocks[k % len(blocks)])
        k += 1
    return b"".join(parts)


_CHILD = """
import json, resource, sys, time, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from converter.pipeline import convert_bytes, write_report
from converter.writers import WRITERS
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = Path({path!r}).read_bytes()
out = {{"start_peak_mb": peak_mb()}}
t = time.perf_counter()
report = convert_bytes(data, {path!r})
out["convert_s"] = time.perf_counter() - t
out["convert_peak_mb"] = peak_mb()
with tempfile.TemporaryDirectory() as tmp:
    for name in WRITERS:
        t = time.perf_counter()
        write_report(report, Path(tmp) / name, [name])
        out["write_" + name + "_s"] = time.perf_counter() - t
        out["write_" + name + "_peak_mb"] = peak_mb()
out["write_s"] = sum(v for k, v in out.items() if k.startswith("write_") and k.endswith("_s"))
out["peak_mb"] = peak_mb()
out["facts"] = len(report.facts)
out["tables"] = len(report.statements)
print(json.dumps(out))
"""


def bench_large(size_mb: float, folder: Path) -> dict[str, float]:
    """Convert a synthetic filing in a fresh process: seconds (convert, write) and peak RSS in MB."""
    path = folder / f"synthetic_{size_mb:g}mb.txt"
    data = synthetic_filing(size_mb)
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT), path=str(path))],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"large-filing run failed: {run.stderr.strip()[-2000:]}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["mb"] = len(data) / 1024 / 1024
    return result


def profile_reference(top: int) -> str:
    """cProfile of converting the reference filing to every format, top functions by own time."""
    data = REFERENCE.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(5):
            write_report(convert_bytes(data, str(REFERENCE)), Path(tmp), list(WRITERS))
        prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="repetitions for medians")
    ap.add_argument("--copies", type=int, default=200, help="files in the batch benchmark")
    ap.add_argument("--size-mb", type=float, default=5.0, help="size of the synthetic filing")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the reference conversion")
    ap.add_argument("--skip-batch", action="store_true", help="skip the batch throughput benchmark")
    args = ap.parse_args()

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (other work skews figures), "
          f"Python {sys.version.split()[0]}; writers: {', '.join(WRITERS)}")
    ref = bench_reference(args.runs)
    ref_kb = REFERENCE.stat().st_size / 1024
    print(f"\nreference filing {REFERENCE.name} ({ref_kb:.0f} KB, {ref.pop('facts'):.0f} facts), "
          f"median of {args.runs} runs, text caches emptied before each:")
    for name, ms in ref.items():
        print(f"  {name:<28} {ms:8.1f} ms   (fastest run {MINIMA[name]:6.1f} ms)")
    three_ms, total_ms = ref["convert + XBRL, Excel, CSV"], ref["convert + all formats"]
    print(f"  target < {TARGET_REFERENCE_MS:.0f} ms to XBRL, Excel and CSV: {verdict(three_ms < TARGET_REFERENCE_MS)}; "
          f"with the checks report too: {verdict(total_ms < TARGET_REFERENCE_MS)}")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        data = REFERENCE.read_bytes()
        for i in range(0 if args.skip_batch else args.copies):
            (folder / f"copy_{i:04d}.txt").write_bytes(data)
        if not args.skip_batch:
            t1 = bench_batch(args.copies, 1, folder)
            t2 = bench_batch(args.copies, 2, folder)
            print(f"\nbatch of {args.copies} copies, all formats, `python -m converter convert` (includes start-up):")
            print(f"  --jobs 1  {t1:7.2f} s  {args.copies / t1:7.1f} files/s")
            print(f"  --jobs 2  {t2:7.2f} s  {args.copies / t2:7.1f} files/s  speed-up {t1 / t2:.2f}x "
                  f"(target >= {TARGET_SPEEDUP}x: {verdict(t1 / t2 >= TARGET_SPEEDUP)})")

        sizes = sorted({args.size_mb / 4, args.size_mb / 2, args.size_mb})
        print("\nsynthetic filings (reference text, then its tables repeated), fresh process each:")
        per_mb = []
        big: dict[str, float] = {}
        for size in sizes:
            big = bench_large(size, Path(tmp))
            total = big["convert_s"] + big["write_s"]
            per_mb.append(total / big["mb"])
            print(f"  {big['mb']:5.2f} MB: convert {big['convert_s']:6.2f} s, write {big['write_s']:6.2f} s, "
                  f"{total / big['mb']:6.3f} s/MB, peak {big['peak_mb']:6.0f} MB, "
                  f"{big['tables']:.0f} tables, {big['facts']:.0f} facts")
            stages = [f"start {big['start_peak_mb']:.0f} MB", f"convert {big['convert_s']:.2f} s -> {big['convert_peak_mb']:.0f} MB"]
            stages += [f"{w} {big[f'write_{w}_s']:.2f} s -> {big[f'write_{w}_peak_mb']:.0f} MB" for w in WRITERS]
            print("         peak after each stage: " + "; ".join(stages))
        ref_per_mb = total_ms / 1000 / (ref_kb / 1024)
        factor = per_mb[-1] / ref_per_mb if ref_per_mb else float("inf")
        growth = per_mb[-1] / per_mb[0] if per_mb[0] else float("inf")
        print(f"  reference: {ref_per_mb:.3f} s/MB; largest filing {factor:.1f}x that "
              f"(target <= {TARGET_PER_MB_FACTOR:.0f}x: {verdict(factor <= TARGET_PER_MB_FACTOR)})")
        print(f"  time per MB from {sizes[0]:g} MB to {sizes[-1]:g} MB grew {growth:.2f}x "
              f"(linear cost -> about 1x: {verdict(growth < 1.5)})")
        print(f"  peak memory {big['peak_mb']:.0f} MB (target < {TARGET_PEAK_MB:.0f} MB: "
              f"{verdict(big['peak_mb'] < TARGET_PEAK_MB)})")

    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if args.profile:
        print("\nprofile: reference filing to all formats x5, top functions by own time")
        print(profile_reference(25))
    return 0


if __name__ == "__main__":
    sys.exit(main())
