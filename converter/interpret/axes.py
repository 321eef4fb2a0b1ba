"""One axis per part of the filer: a member printed as a row block in one statement and as a column in another
(an "AUTOMOTIVE" section of the income statement, an "Automotive" column of the cash flows) sits on one axis."""

from __future__ import annotations

from dataclasses import replace

from ..model import Statement

PLACED_AXES = ("section", "breakdown")
"""Axes the reader names after where a member is printed: a block of rows, a column."""

PRIMARY_KINDS = ("income", "balance", "cashflow", "equity")
"""Statement kinds in which a member printed both ways is a part of the filer."""

PART_AXIS = "segment"
"""The axis of a part of the filer that the filing prints both as rows and as columns (a sector, a segment)."""


def unify_part_axes(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements with every member that primary statements print on more than one placed axis moved to the
    part axis."""
    axes: dict[str, set[str]] = {}
    for st in statements:
        if st.kind not in PRIMARY_KINDS:
            continue  # a note's "As reported" column and a statement's "As reported" block are no part of the filer
        for f in st.facts:
            for axis, member in f.dims:
                if axis in PLACED_AXES:
                    axes.setdefault(member, set()).add(axis)
    parts = {m for m, found in axes.items() if len(found) > 1}
    if not parts:
        return statements

    def moved(dims):
        if not any(a in PLACED_AXES and m in parts for a, m in dims):
            return dims
        out: dict[str, str] = {}
        for axis, member in dims:
            axis = PART_AXIS if axis in PLACED_AXES and member in parts else axis
            if out.get(axis, member) != member:
                return dims  # two parts in one cell (a sector's column of a segment's block): left where printed
            out[axis] = member
        return tuple(sorted(out.items()))

    return tuple(replace(st, facts=tuple(f if moved(f.dims) is f.dims else replace(f, dims=moved(f.dims))
                                         for f in st.facts),
                         columns=tuple(c if moved(c.dims) is c.dims else replace(c, dims=moved(c.dims))
                                       for c in st.columns))
                 for st in statements)
