"""Whole-process benchmark: the reference filing converted (every format) beside Arelle loading and validating the
instance it writes, and batch throughput at --jobs 2 beside a baseline checkout (e.g. the current main).

Run from the repository root:
    python3 benchmarks/bench_process.py [--runs 5] [--batch-runs 3] [--folder DIR] [--baseline /path/to/main]
Not a test: it prints medians (and minima, this machine's timings vary) and whether each target is met.
Runs alternate between the sides compared, so both see the same load. Both trees are byte-compiled first, as an
installed package (and Arelle) is.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"
TARGET_ARELLE_SHARE = 0.5  # our whole-process conversion below half of Arelle's whole-process load + validate
TARGET_BATCH_SLOWDOWN = 1.10  # batch throughput within 10% of the baseline's
BATCH_FORMATS = "native,checks,xbrl,xbrl-csv,xlsx,statements"
"""The formats a batch writes in both trees: the baseline's defaults (the Parquet dataset came later; a batch writes
it by default now, so like is compared with like)."""


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system, the process and its children) of each timed run, by name: on a shared machine
these vary less than wall time."""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, name: str = "") -> float:
    """Wall seconds of one process run (its CPU seconds kept in CPU[name]); a failure stops the benchmark."""
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    CPU.setdefault(name, []).append(children_cpu() - cpu)
    if done.returncode not in (0, 1):  # 1: some input failed, which a batch of real filings may report
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-1500:]}")
    return seconds


def tree_env(tree: Path) -> dict[str, str]:
    """The environment that runs the converter of a source tree."""
    return {**os.environ, "PYTHONPATH": str(tree)}


def convert_cmd(inputs: str, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "converter", "convert", inputs, "--out", str(out), "--force", "-q", *options]


def arelle_cmd(instance: Path, log: Path, config: str) -> list[str]:
    return ["env", f"XDG_CONFIG_HOME={config}", sys.executable, "-m", "arelle.CntlrCmdLine", "--workOffline", "-v",
            "--calc", "c11r", "--validationExitCode", "--logFile", str(log), "-f", str(instance)]


def summary(name: str, times: list[float], key: str) -> str:
    cpu = statistics.median(CPU[key])
    return (f"{name}: wall median {statistics.median(times):.2f} s, min {min(times):.2f} s; "
            f"CPU median {cpu:.2f} s; {len(times)} runs")


def bench_reference(runs: int, tmp: Path, baseline: Path | None) -> None:
    """Our whole-process conversion of the reference filing (all formats) beside Arelle's load + validate of
    the instance it wrote (and the baseline tree's conversion, if given), alternating."""
    ours, arelle, base = [], [], []
    config = tempfile.mkdtemp(dir=tmp)
    for run in range(runs):
        if baseline:
            base.append(timed(convert_cmd(str(REFERENCE), tmp / f"base{run}"), baseline, tree_env(baseline), "base"))
        out = tmp / f"ref{run}"
        ours.append(timed(convert_cmd(str(REFERENCE), out), ROOT, tree_env(ROOT), "ours"))
        (instance,) = (out / REFERENCE.stem / "xbrl").glob(f"{REFERENCE.stem}.xml")
        arelle.append(timed(arelle_cmd(instance, tmp / f"arelle{run}.json", config), ROOT, None, "arelle"))
    print(summary("reference, convert (default formats), whole process", ours, "ours"))
    print(summary("reference, Arelle load + validate of our instance, whole process", arelle, "arelle"))
    if baseline:
        print(summary(f"reference, convert (default formats), whole process, baseline ({baseline})", base, "base"))
        print(f"  baseline / Arelle: wall {statistics.median(base) / statistics.median(arelle):.2f}, "
              f"CPU {statistics.median(CPU['base']) / statistics.median(CPU['arelle']):.2f}")
    for what, a, b in (("wall", statistics.median(ours), statistics.median(arelle)),
                       ("CPU", statistics.median(CPU["ours"]), statistics.median(CPU["arelle"]))):
        share = a / b
        print(f"  ours / Arelle ({what}) = {share:.2f} (target < {TARGET_ARELLE_SHARE}): "
              f"{'met' if share < TARGET_ARELLE_SHARE else 'NOT met'}")


def bench_batch(folder: Path, runs: int, baseline: Path | None, tmp: Path, formats: str) -> None:
    """Seconds for `convert FOLDER --jobs 2 --formats FORMATS` with this tree and the baseline tree, alternating."""
    trees = {"this tree": ROOT} | ({"baseline": baseline} if baseline else {})
    times: dict[str, list[float]] = {name: [] for name in trees}
    for run in range(runs):
        for name, tree in trees.items():
            out = tmp / f"batch-{name.replace(' ', '_')}-{run}"
            times[name].append(timed(convert_cmd(str(folder), out, "--jobs", "2", "--formats", formats), tree, tree_env(tree), name))
            shutil.rmtree(out, ignore_errors=True)
    files = len(list(folder.rglob("*.txt")))
    for name, seconds in times.items():
        print(summary(f"batch --jobs 2 --formats {formats}, {files} files, {name} ({trees[name]})", seconds, name)
              + f"; {files / statistics.median(seconds):.2f} files/s")
    if baseline:
        for what, a, b in (("wall", statistics.median(times["this tree"]), statistics.median(times["baseline"])),
                           ("CPU", statistics.median(CPU["this tree"]), statistics.median(CPU["baseline"]))):
            print(f"  this tree / baseline ({what}) = {a / b:.2f} (target <= {TARGET_BATCH_SLOWDOWN}): "
                  f"{'met' if a / b <= TARGET_BATCH_SLOWDOWN else 'NOT met'}")


def compile_tree(tree: Path) -> None:
    """Byte-compile a tree's converter package, as `pip install` does for an installed package (and did for Arelle):
    with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile the tree's sources again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "converter")], check=True,
                   capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="reference runs per side")
    parser.add_argument("--batch-runs", type=int, default=3, help="batch runs per tree (0: skip the batch)")
    parser.add_argument("--folder", type=Path, default=Path("/work/shared/filings"), help="filings of the batch")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare the batch with (e.g. main)")
    parser.add_argument("--formats", default=BATCH_FORMATS, help=f"formats the batch writes (default {BATCH_FORMATS})")
    args = parser.parse_args()
    for tree in (ROOT, args.baseline) if args.baseline else (ROOT,):
        compile_tree(tree)
    with tempfile.TemporaryDirectory() as tmp:
        bench_reference(args.runs, Path(tmp), args.baseline)
        if args.batch_runs and args.folder.is_dir():
            bench_batch(args.folder, args.batch_runs, args.baseline, Path(tmp), args.formats)


if __name__ == "__main__":
    main()
