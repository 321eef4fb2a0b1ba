"""Shared values: one object per distinct period, unit and dims in a converted filing."""

from datetime import date

from converter.interpret.share import shared, unit_of
from converter.model import Instant


def test_shared_returns_the_first_equal_object():
    first = Instant(date(2004, 6, 30))
    assert shared(first) is first
    assert shared(Instant(date(2004, 6, 30))) is first


def test_unit_of_is_one_object_per_unit():
    assert unit_of(("GBP",)) is unit_of(("GBP",))
    assert unit_of(("GBP",), ("shares",)) is not unit_of(("GBP",))


def test_facts_share_periods_units_and_dims(reference_report):
    facts = [f for s in reference_report.statements for f in s.facts]
    for attr in ("period", "unit", "dims"):
        values = [getattr(f, attr) for f in facts]
        assert len({id(v) for v in values}) == len(set(values)), attr
