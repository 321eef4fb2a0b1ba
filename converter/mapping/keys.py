"""Cheap dictionary keys for the (period, unit, dims) of facts: model records hash in Python, field by field."""

from __future__ import annotations

from ..model import Fact, Period, Unit

Binding = tuple[Period, Unit, tuple[tuple[str, str], ...]]
"""What a fact is reported for besides its concept: (period, unit, dims)."""


class BindingKeys:
    """Numbers equal (period, unit, dims) triples 0, 1, 2... in order of first sight.

    Facts of one column share their period, unit and often dims objects, so each distinct object triple is
    looked up by identity and hashed by value only once. The triple is kept with its number, so the objects stay
    alive (their ids cannot be reused) for as long as the keys are."""

    def __init__(self) -> None:
        self._by_ids: dict[tuple[int, int, int], tuple[int, Binding]] = {}
        self._by_value: dict[Binding, int] = {}
        self.bindings: list[Binding] = []  # number -> (period, unit, dims)

    def of(self, fact: Fact) -> int:
        """The number of fact's (period, unit, dims)."""
        hit = self._by_ids.get((id(fact.period), id(fact.unit), id(fact.dims)))
        if hit is None:
            hit = self._add(fact)
        return hit[0]

    def _add(self, fact: Fact) -> tuple[int, Binding]:
        """Number a triple of objects not seen before (its value may have been)."""
        triple = (fact.period, fact.unit, fact.dims)
        n = self._by_value.get(triple)
        if n is None:
            n = self._by_value[triple] = len(self.bindings)
            self.bindings.append(triple)
        hit = self._by_ids[(id(fact.period), id(fact.unit), id(fact.dims))] = (n, triple)
        return hit

    def find(self, binding: Binding) -> int | None:
        """The number of a binding by value, or None when no fact seen has it."""
        return self._by_value.get(binding)
