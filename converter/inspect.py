"""Conversion from a Report into a readable text account of tables, columns and rows (the `inspect` command)."""

from __future__ import annotations

from .model import Amount, Column, Diagnostic, LineItem, Report, Statement, Unit, dims_text, period_text

_LABEL_WIDTH = 44  # label column width in the rows listing
_AMOUNT_WIDTH = 14  # width of one amount cell in the rows listing


def inspect_report(report: Report, table: str = "") -> str:
    """The whole report as text; table limits it to statements whose id contains that text."""
    out = [_filing_header(report)]
    statements = [s for s in report.statements if table.lower() in s.table_id.lower()] if table else list(report.statements)
    if table and not statements:
        known = ", ".join(s.table_id for s in report.statements) or "none"
        out.append(f"no table matches {table!r} (tables: {known})")
    for st in statements:
        out.append(statement_text(st))
    checks = [c for c in report.checks if not table or table.lower() in c.table_id.lower()]
    if checks:
        bad = [c for c in checks if c.failed]
        out.append(f"checks: {len(checks) - len(bad)} ok, {len(bad)} failed")
        for c in bad:
            out.append(f"  FAIL line {c.line} [{c.table_id}] {c.description}: printed {c.expected}, "
                       f"computed {c.computed}{' ' + c.period if c.period else ''}")
    unmapped = [m for m in report.mappings if m.status != "matched" and (not table or table.lower() in m.table_id.lower())]
    if unmapped:
        out.append(f"labels not matched to the taxonomy: {len(unmapped)}")
        for m in unmapped:
            out.append(f"  {m.status:<9} [{m.table_id}] {m.label!r} -> {m.concept}{' (' + m.note + ')' if m.note else ''}")
    if report.diagnostics:
        out.append(f"diagnostics: {len(report.diagnostics)}")
        out.extend("  " + diagnostic_text(d) for d in report.diagnostics)
    return "\n".join(out).rstrip("\n") + "\n"


def _filing_header(report: Report) -> str:
    m = report.meta
    parts = [f"filing {report.source}"]
    if m.form_type:
        parts.append(f"form {m.form_type}")
    if m.company:
        parts.append(m.company)
    if m.period_of_report:
        parts.append(f"period {m.period_of_report.isoformat()}")
    head = ", ".join(parts)
    return (f"{head}\n{len(report.statements)} tables, {len(report.facts)} facts, "
            f"{len(report.diagnostics)} diagnostics (encoding {report.encoding})\n")


def statement_text(st: Statement) -> str:
    """One table: title, its columns as interpreted, then its rows with the printed amounts."""
    lines = [f"== {st.table_id}: {st.title or '(untitled)'}",
             f"   kind {st.kind or '-'}, document {st.doc_type or '-'}, lines {st.first_line}-{st.last_line}, "
             f"scale text {st.scale_text or '-'}, {len(st.facts)} facts",
             "   columns:"]
    lines.extend("     " + column_text(c) for c in st.columns)
    lines.append("   rows:")
    head = f"     {'line':>5}  {'label':<{_LABEL_WIDTH}}" + "".join(f"{'c' + str(c.index):>{_AMOUNT_WIDTH}}" for c in st.columns)
    lines.append(head.rstrip())
    concepts = row_concepts(st)
    units = tuple(c.unit for c in st.columns)
    for row in st.rows:
        lines.append(row_text(row, units))
        if row.line in concepts:
            lines.append(f"     {'':>5}  {'':<{_LABEL_WIDTH}}-> {concepts[row.line]}")
    return "\n".join(lines) + "\n"


def row_concepts(st: Statement) -> dict[int, str]:
    """Source line -> the concept(s) its facts were given, "(sign flipped)" when the XBRL value is negated."""
    found: dict[int, list[str]] = {}
    for f in st.facts:
        text = str(f.concept.qname) + (" (sign flipped)" if f.xbrl_sign == -1 else "")
        names = found.setdefault(f.line, [])
        if text not in names:
            names.append(text)
    return {line: ", ".join(names) for line, names in found.items()}


def column_text(c: Column) -> str:
    """c0 [21,30) "Three months | ended 30 June | 2004" -> 2004-04-01..2004-06-30 GBP x10^6 dims -."""
    period = period_text(c.period) if c.period is not None else "NO PERIOD"
    unit = c.unit.text if c.unit is not None else "-"
    dims = dims_text(c.dims) or "-"
    return (f"c{c.index} chars [{c.span[0]},{c.span[1]}) header {c.header!r} -> period {period}, unit {unit}, "
            f"scale {c.scale}, dims {dims}")


def row_text(row: LineItem, column_units: tuple[Unit | None, ...] = ()) -> str:
    """One row: line, indented label (with its section) and the printed amount per column (unit if not the column's)."""
    label = "  " * row.depth + (row.label or "(unlabelled)")
    if row.subtotal:
        label += " [subtotal]"
    if row.row_kind == "heading":
        label += " [heading]"
    if row.section:
        label += f"  <{row.section}>"
    units = column_units + (None,) * (len(row.amounts) - len(column_units))
    cells = "".join(f"{_amount_text(a, u):>{_AMOUNT_WIDTH}}" for a, u in zip(row.amounts, units))
    if len(label) > _LABEL_WIDTH and cells:
        return f"     {row.line:>5}  {label}\n     {'':>5}  {'':<{_LABEL_WIDTH}}{cells}".rstrip()
    return f"     {row.line:>5}  {label:<{_LABEL_WIDTH}}{cells}".rstrip()


def _amount_text(a: Amount | None, column_unit: Unit | None) -> str:
    if a is None:
        return "."
    return a.presented + (f" {a.unit.text}" if a.unit is not None and a.unit != column_unit else "")


def diagnostic_text(d: Diagnostic) -> str:
    """line:col: severity: code: message."""
    where = f"{d.span.line}:{d.span.start + 1}" if d.span else "-"
    return f"{where}: {d.severity}: {d.code}: {d.message}"
