"""Benchmark: an archive of many filings converted by the local pool and by a Dask cluster; throughput, memory, growth.

Run from the repository root (needs the [dask] extra and the shared filings beside the repository):

    python3 benchmarks/archive_bench.py [--sizes 250,1000] [--jobs 2] [--formats csv,parquet] [--engines local,dask]

It builds DIR/filings-N.tar.gz from ../shared/filings under distinct member names (the shared filings repeated),
converts each archive with `edgar2xbrl convert ARCHIVE --jobs J` (local) and `--engine dask --jobs J` (a local
cluster of J worker processes), and prints filings per second, the Dask/local ratio (target >= 0.8), the peak
resident memory of the driver and of the largest worker process (sampled every 0.2 s), and how the time grows
from the smallest to the largest archive (linear: time ratio close to the size ratio). Not a test.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil  # comes with dask.distributed

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "filings"
TARGET_DASK_RATIO = 0.8  # Dask throughput over local throughput, same worker count
SAMPLE_SECONDS = 0.2  # memory sampling interval


def build_archive(path: Path, count: int) -> Path:
    """A .tar.gz of count filings: the shared filings in turn, each member named NNNNN_<name>.txt."""
    sources = sorted(SHARED.glob("*.txt"))
    data = [p.read_bytes() for p in sources]
    with tarfile.open(path, "w:gz", compresslevel=6) as tar:
        for i in range(count):
            k = i % len(sources)
            info = tarfile.TarInfo(f"feed/{i:05d}_{sources[k].name}")
            info.size = len(data[k])
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data[k]))
    return path


def run(archive: Path, out: Path, engine: str, jobs: int, formats: str) -> dict[str, float]:
    """Convert the archive in a subprocess; wall seconds and peak RSS (MB) of the driver and of the largest worker."""
    cmd = [sys.executable, "-m", "converter", "convert", str(archive), "--out", str(out), "--jobs", str(jobs),
           "--formats", formats, "--engine", engine, "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    top = psutil.Process(proc.pid)
    peak: dict[int, float] = {}
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
        except psutil.Error:
            tree = []
        for p in tree:
            try:
                peak[p.pid] = max(peak.get(p.pid, 0.0), p.memory_info().rss / 2**20)
            except psutil.Error:
                continue
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"convert exited {proc.returncode}: {' '.join(cmd)}")
    workers = [mb for pid, mb in peak.items() if pid != proc.pid]
    return {"seconds": seconds, "driver_mb": peak.get(proc.pid, 0.0), "worker_mb": max(workers, default=0.0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,1000", help="archive sizes in filings, comma-separated")
    parser.add_argument("--jobs", type=int, default=2, help="local pool workers and Dask workers")
    parser.add_argument("--formats", default="csv,parquet", help="--formats for every run")
    parser.add_argument("--engines", default="local,dask", help="engines to run, comma-separated")
    parser.add_argument("--dask-sizes", default="", help="sizes run on Dask (default: the largest only)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    dask_sizes = {int(s) for s in args.dask_sizes.split(",") if s} or {sizes[-1]}
    engines = [e for e in args.engines.split(",") if e]
    results: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="e2x-archive-bench-") as tmp:
        for n in sizes:
            archive = build_archive(Path(tmp) / f"filings-{n}.tar.gz", n)
            print(f"archive of {n} filings: {archive.stat().st_size / 2**20:.1f} MB compressed", flush=True)
            for engine in engines:
                if engine == "dask" and n not in dask_sizes:
                    continue
                r = run(archive, Path(tmp) / f"out-{engine}-{n}", engine, args.jobs, args.formats)
                results[(engine, n)] = r
                print(f"  {engine:<5} --jobs {args.jobs}: {r['seconds']:7.1f} s, {n / r['seconds']:5.2f} filings/s, "
                      f"peak RSS driver {r['driver_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB", flush=True)
    big = sizes[-1]
    if ("local", big) in results and ("dask", big) in results:
        ratio = results[("local", big)]["seconds"] / results[("dask", big)]["seconds"]
        verdict = "met" if ratio >= TARGET_DASK_RATIO else "NOT met"
        print(f"Dask/local throughput at {big} filings: {ratio:.2f} (target >= {TARGET_DASK_RATIO}: {verdict})")
    for engine in engines:
        runs = sorted((n, r["seconds"]) for (e, n), r in results.items() if e == engine)
        if len(runs) >= 2:
            (n0, t0), (n1, t1) = runs[0], runs[-1]
            print(f"{engine}: {n0} -> {n1} filings ({n1 / n0:.1f}x): time {t0:.1f} -> {t1:.1f} s ({t1 / t0:.2f}x)")
    print(f"load average during the runs (2 cores shared): {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
