"""Cheap dictionary keys for the (period, unit, dims) of facts: model records hash in Python, field by field."""

from __future__ import annotations

from ..model import Fact, Period, Unit

Binding = tuple[Period, Unit, tuple[tuple[str, str], ...]]
"""What a fact is reported for besides its concept: (period, unit, dims)."""


class BindingKeys:
    """Numbers equal (period, unit, dims) triples 0, 1, 2... in order of first sight.

    Facts of one column share their period and unit objects, so each period and unit object is looked up by
    identity and hashed by value only once; dims (tuples of strings) hash cheaply as they are. Every object looked
    up by identity is kept here, so its id cannot be reused by another object while the keys are in use."""

    def __init__(self) -> None:
        self._periods: dict[int, tuple[int, Period]] = {}  # id -> (number of the equal value, object)
        self._units: dict[int, tuple[int, Unit]] = {}
        self._values: dict[object, int] = {}  # period or unit value -> number
        self._numbers: dict[tuple, int] = {}  # (period number, unit number, dims) -> binding number
        self.bindings: list[Binding] = []  # binding number -> (period, unit, dims)

    def of(self, fact: Fact) -> int:
        """The number of fact's (period, unit, dims)."""
        p = self._periods.get(id(fact.period))
        if p is None:
            p = self._periods[id(fact.period)] = (self._value_number(fact.period), fact.period)
        u = self._units.get(id(fact.unit))
        if u is None:
            u = self._units[id(fact.unit)] = (self._value_number(fact.unit), fact.unit)
        key = (p[0], u[0], fact.dims)
        n = self._numbers.get(key)
        if n is None:
            n = self._numbers[key] = len(self.bindings)
            self.bindings.append((fact.period, fact.unit, fact.dims))
        return n

    def _value_number(self, value: object) -> int:
        """A number per distinct period or unit value (a Period never equals a Unit)."""
        return self._values.setdefault(value, len(self._values))

    def find(self, binding: Binding) -> int | None:
        """The number of a binding by value, or None when no fact seen has it."""
        p, u = self._values.get(binding[0]), self._values.get(binding[1])
        if p is None or u is None:
            return None
        return self._numbers.get((p, u, binding[2]))
