"""Property-based robustness: random bytes and mangled real tables never crash or hang the pipeline."""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.errors import ConverterError
from converter.inspect import inspect_report
from converter.model import Report
from converter.pipeline import convert_bytes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"
HANG_SECONDS = 20  # one conversion of a few KB taking this long is a hang
FUZZ = settings(max_examples=60, deadline=timedelta(seconds=5), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def table_blocks() -> list[list[str]]:
    """The reference filing's <TABLE> blocks, with a few lines of title above each."""
    lines = REFERENCE.read_text(encoding="utf-8", errors="replace").splitlines()
    blocks, start = [], None
    for i, ln in enumerate(lines):
        if ln.strip().upper() == "<TABLE>":
            start = i
        elif ln.strip().upper() == "</TABLE>" and start is not None:
            blocks.append(lines[max(0, start - 4): i + 1])
            start = None
    return blocks


BLOCKS = table_blocks()
HEADER = REFERENCE.read_text(encoding="utf-8", errors="replace").splitlines()[:40]
NOISE = "0123456789,.()-$%'  \t<>SCTABLE/GBPm\n|*="


@contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Fail (instead of blocking the suite) when the block runs longer than seconds."""

    def boom(signum: int, frame: object) -> None:
        raise TimeoutError(f"conversion did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def convert_or_refuse(data: bytes) -> Report | None:
    """Convert; a ConverterError (a clear refusal) is fine, anything else fails the test."""
    with no_hang():
        try:
            report = convert_bytes(data, "fuzz.txt")
        except ConverterError as exc:
            assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
            return None
    for fact in report.facts:
        assert isinstance(fact.amount.value, Decimal)
    inspect_report(report)  # the explanation view handles whatever the engine found
    return report


@st.composite
def mangled_table(draw: st.DrawFn) -> bytes:
    """A real table block with random edits: characters changed, lines dropped, duplicated, swapped, cut."""
    lines = list(draw(st.sampled_from(BLOCKS)))
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["char", "insert", "drop", "dup", "swap", "cut", "tabs", "shift"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            break
        ln = lines[i]
        if op == "char" and ln:
            j = draw(st.integers(0, len(ln) - 1))
            lines[i] = ln[:j] + draw(st.sampled_from(NOISE)) + ln[j + 1:]
        elif op == "insert":
            j = draw(st.integers(0, len(ln)))
            lines[i] = ln[:j] + draw(st.text(alphabet=NOISE, max_size=12)) + ln[j:]
        elif op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, ln)
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "cut":
            lines = lines[: i + 1]
        elif op == "tabs":
            lines[i] = re.sub(" {4}", "\t", ln)
        elif op == "shift":
            lines[i] = " " * draw(st.integers(1, 30)) + ln
    prefix = HEADER if draw(st.booleans()) else []
    return "\n".join(prefix + lines).encode("utf-8") + b"\n"


@st.composite
def synthetic_table(draw: st.DrawFn) -> bytes:
    """A table made up from label and number tokens, with or without markers and headers."""
    ncols = draw(st.integers(1, 6))
    number = st.one_of(
        st.decimals(min_value=-10**12, max_value=10**12, places=draw(st.integers(0, 2)), allow_nan=False)
        .map(lambda d: f"{d:,}".replace("-", "(") + (")" if d < 0 else "")),
        st.sampled_from(["--", "-", "nil", "n/a", "$", "%", "(1)", "12.5%", "GBP(0.02)", "$ 1,234", ""]),
    )
    rows = draw(st.lists(st.tuples(st.text(alphabet="abcdefghij ABCDEF:-&,'", max_size=40),
                                   st.lists(number, min_size=0, max_size=ncols + 1)), max_size=25))
    head = draw(st.sampled_from(["", "Three months ended 30 June\n2004  2003\n", "(in thousands)\n1997 1996\n",
                                 "December 31,\n", "<TABLE>\n<CAPTION>\n"]))
    markers = "<S>" + "  <C>" * ncols + "\n" if draw(st.booleans()) else ""
    body = "".join(f"{label:<40}" + "".join(f"{n:>14}" for n in nums) + "\n" for label, nums in rows)
    tail = "</TABLE>\n" if "<TABLE>" in head else ""
    return (head + markers + body + tail).encode("utf-8")


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    convert_or_refuse(data)


@FUZZ
@given(mangled_table())
def test_mangled_real_tables(data: bytes) -> None:
    convert_or_refuse(data)


@FUZZ
@given(synthetic_table())
def test_synthetic_tables(data: bytes) -> None:
    convert_or_refuse(data)


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000),
       st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16"]))
def test_random_text_in_any_encoding(text: str, encoding: str) -> None:
    convert_or_refuse(text.encode(encoding, errors="replace"))


@pytest.mark.parametrize("size", [1, 2, 3, 200_000])
def test_degenerate_shapes(size: int) -> None:
    """Tiny files, a single enormous line, and many empty lines all finish."""
    convert_or_refuse(b"9" * size)
    convert_or_refuse(b"\n" * size + b"x")
    convert_or_refuse(b"(" * size)
