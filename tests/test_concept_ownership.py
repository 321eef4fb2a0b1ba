"""Which table owns a standard concept, and what a row's words and headings let it claim (issue 13): each rule on a
small synthetic filing in the layout that showed the failure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from converter.mapping.evidence import presented_kinds
from converter.mapping.choose import concept_for_label
from converter.mapping.evidence import primary_order
from converter.mapping.load import load_taxonomy
from converter.mapping.match import statement_kind
from converter.pipeline import convert_file

EXCERPTS = Path(__file__).parent / "fixtures" / "excerpts"


def _row(report, line: int, year: int = 1995):
    """The fact of a line for the fiscal year ending in year."""
    return next(f for f in report.facts if f.line == line and f.period.end.year == year)


def test_a_titled_statement_owns_its_concepts_before_a_highlights_table():
    r = convert_file(EXCERPTS / "synthetic_highlights_and_statement.txt")
    tax = load_taxonomy()
    kinds = [statement_kind(st, tax) for st in r.statements]
    assert primary_order(r.statements, kinds, tax) == [0, 2]  # highlights: a presentation of its own
    assert _row(r, 16).concept.qname.local == "NetIncomeLoss"  # the statement's "Net Earnings"


def test_a_measure_excluding_items_is_not_the_line_item_it_names():
    r = convert_file(EXCERPTS / "synthetic_highlights_and_statement.txt")
    excluding = _row(r, 37)
    assert excluding.label.startswith("Net earnings excluding") and excluding.concept.extension
    assert _row(r, 38).concept.qname.local == "NetIncomeLoss"  # the same figure as the statement's: agrees
    tax = load_taxonomy()
    assert concept_for_label("Net income excluding one-time items", tax, "income")[0] == ""
    assert concept_for_label("Adjusted EBITDA", tax, "income")[0] == ""


def test_per_share_rows_after_a_sum_inside_their_block_stay_per_share():
    r = convert_file(EXCERPTS / "synthetic_highlights_and_statement.txt")
    # "Earnings before cumulative effect" sums the block's rows; the rows after it are still under "Per Common Share"
    for line in (24, 26):
        f = _row(r, line)
        assert f.unit.denominators == ("shares",), (line, f.unit)
    assert _row(r, 26).amount.value == Decimal("3.80")
    assert _row(r, 26).concept.qname.local == "EarningsPerShareBasic"


def test_an_alias_gives_way_when_the_headings_contradict_its_concept():
    tax = load_taxonomy()
    label = "Earnings/ (loss) per share"
    assert concept_for_label(label, tax, "income", "perShare", section="Basic", path=("Basic",))[0] == \
        "EarningsPerShareBasic"
    assert concept_for_label(label, tax, "income", "perShare", section="Diluted", path=("Diluted",))[0] == \
        "EarningsPerShareDiluted"


def test_a_figure_printed_with_the_opposite_sign_takes_the_statement_s_xbrl_sign():
    r = convert_file(EXCERPTS / "synthetic_reconciliation_backwards.txt")
    statement, note = _row(r, 11), _row(r, 24)
    assert statement.concept == note.concept and note.concept.qname.local == "IncreaseDecreaseInAccountsPayable"
    assert note.amount.value == -statement.amount.value  # printed as the filing prints it
    assert note.xbrl_value == statement.xbrl_value  # one fact in XBRL
    assert any(d.code == "mapping.sign-from-duplicate" for d in r.diagnostics)
    assert not any(d.code == "mapping.duplicate-conflict" for d in r.diagnostics)


def test_a_table_beside_the_statement_it_details_is_presented_as_a_note():
    r = convert_file(EXCERPTS / "synthetic_highlights_and_statement.txt")
    assert [st.kind for st in r.statements] == ["income", "income"]  # both read as income data
    assert list(presented_kinds(r.statements).values()) == ["income", "note"]


def test_an_equity_statement_s_balance_rows_are_equity_on_the_component_their_block_names():
    r = convert_file(EXCERPTS / "synthetic_equity_blocks.txt")
    first = {f.line: f for f in r.facts if f.column == 0}  # the 1995 column
    opening, closing = first[9], first[12]
    assert opening.concept.qname.local == closing.concept.qname.local == "StockholdersEquity"
    assert opening.dims == closing.dims != ()  # the block ("Common Stock") says which component
    assert str(opening.period.date) == "1994-12-31" and str(closing.period.date) == "1995-12-31"
    assert first[19].concept.qname.local == "StockholdersEquity" and first[19].dims != opening.dims
    assert first[17].concept.qname.local in ("DividendsCommonStock", "Dividends")


def test_a_balance_named_in_selected_data_is_the_balance_at_the_end_of_its_year():
    r = convert_file(EXCERPTS / "synthetic_selected_data_balances.txt")
    by_line = {}
    for f in r.facts:
        by_line.setdefault(f.line, []).append(f)
    assets, equity, revenues = by_line[7], by_line[9], by_line[5]
    assert {f.concept.qname.local for f in assets} == {"Assets"}
    assert [str(f.period.date) for f in assets] == ["1993-12-31", "1992-12-31", "1991-12-31"]
    assert {f.concept.qname.local for f in equity} == {"StockholdersEquity"}
    assert all(f.period.kind == "duration" for f in revenues)  # flows keep their years


def test_a_cash_flow_row_under_no_activity_heading_takes_the_activity_whose_total_follows_it():
    r = convert_file(EXCERPTS / "synthetic_cash_flow_discontinued.txt")
    concepts = {f.line: f.concept.qname.local for f in r.facts}
    assert concepts[8] == "CashProvidedByUsedInOperatingActivitiesDiscontinuedOperations"
    assert concepts[15] == "CashProvidedByUsedInInvestingActivitiesDiscontinuedOperations"
