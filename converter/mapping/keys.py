"""Cheap dictionary keys for the (period, unit, dims) of facts: model records hash in Python, field by field."""

from __future__ import annotations

from ..memo import Same, report_cache
from ..model import Fact, Period, Report, Statement, Unit

Binding = tuple[Period, Unit, tuple[tuple[str, str], ...]]
"""What a fact is reported for besides its concept: (period, unit, dims)."""


class BindingKeys:
    """Numbers equal (period, unit, dims) triples 0, 1, 2... in order of first sight.

    Facts of one column share their period and unit objects, so a fact is looked up by the ids of those objects
    and its dims (tuples of strings hash cheaply); only a pair of objects not seen before is hashed by value.
    Every object whose id is a key is kept here, so no other object can take its id while the keys are in use."""

    def __init__(self) -> None:
        self._by_ids: dict[tuple, int] = {}  # (id(period), id(unit), dims) -> number
        self._by_value: dict[Binding, int] = {}
        self._kept: list[Binding] = []  # the objects behind the ids of _by_ids
        self.bindings: list[Binding] = []  # number -> (period, unit, dims)

    def of(self, fact: Fact) -> int:
        """The number of fact's (period, unit, dims)."""
        n = self._by_ids.get((id(fact.period), id(fact.unit), fact.dims))
        return self._add(fact) if n is None else n

    def _add(self, fact: Fact) -> int:
        """Number the binding of a fact whose period and unit objects were not seen together before."""
        binding = (fact.period, fact.unit, fact.dims)
        n = self._by_value.get(binding)
        if n is None:
            n = self._by_value[binding] = len(self.bindings)
            self.bindings.append(binding)
        self._kept.append(binding)
        self._by_ids[(id(fact.period), id(fact.unit), fact.dims)] = n
        return n

    def find(self, binding: Binding) -> int | None:
        """The number of a binding by value, or None when no fact seen has it."""
        return self._by_value.get(binding)


@report_cache
def _numbered(key: Same) -> tuple[BindingKeys, tuple[tuple[Fact, int], ...]]:
    """BindingKeys of key's facts (statements' facts, then extra facts) and each fact with its number, in order."""
    statements, extra = key.parts
    keys = BindingKeys()
    numbered = [(f, keys.of(f)) for st in statements for f in st.facts]
    numbered.extend((f, keys.of(f)) for f in extra)
    return keys, tuple(numbered)


def report_bindings(report: Report) -> tuple[BindingKeys, tuple[tuple[Fact, int], ...]]:
    """The report's facts (Report.facts order) with their bindings numbered, made once per report's facts.

    Checks of one report share it; the keys already know every fact, so later lookups add no binding."""
    return facts_bindings(report.statements, report.extra_facts)


def facts_bindings(statements: tuple[Statement, ...], extra: tuple[Fact, ...]
                   ) -> tuple[BindingKeys, tuple[tuple[Fact, int], ...]]:
    """report_bindings of a report with these statements and extra facts."""
    return _numbered(Same(statements, extra))
