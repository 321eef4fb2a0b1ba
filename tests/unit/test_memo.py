"""The report memo computes once per (report, part) by identity, forgets an older report, and can be emptied."""

from __future__ import annotations

from converter.memo import clear_text_caches, last_report_cache

calls: list[tuple[int, int]] = []


@last_report_cache
def laid_out(report: list[int], part: list[int]) -> int:
    """Count the calls; the value is the part's sum."""
    calls.append((id(report), id(part)))
    return sum(part)


def test_once_per_part_of_the_last_report_and_cleared() -> None:
    calls.clear()
    report, a, b = [0], [1, 2], [1, 2]  # equal parts, distinct objects
    assert laid_out(report, a) == laid_out(report, a) == 3
    assert laid_out(report, b) == 3
    assert len(calls) == 2  # a once, b once: identity, not equality
    other = [0]
    assert laid_out(other, a) == 3 and len(calls) == 3  # another report: computed again
    assert laid_out(report, a) == 3 and len(calls) == 4  # the older report was forgotten
    clear_text_caches()
    assert laid_out(report, a) == 3 and len(calls) == 5


def test_writers_sharing_a_view_run_side_by_side() -> None:
    from converter.writers import writer_order

    assert writer_order(["xbrl", "xlsx", "statements", "native", "xbrl-csv"]) == [
        "xbrl", "xbrl-csv", "xlsx", "statements", "native"]
    assert writer_order(["statements", "native", "xlsx", "native"]) == ["statements", "xlsx", "native"]
