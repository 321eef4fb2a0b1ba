"""Label + context -> concept (aliases, taxonomy/terms.csv rules, sections, sides), token rules, and XBRL signs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from converter.mapping.load import load_taxonomy
from converter.mapping.match import concept_for_label
from converter.mapping.normalise import concept_name, member_slug
from converter.mapping.signs import label_direction, row_signs
from converter.mapping.terms import RowText, best_rules, make_rules, parse_spec, stem, words_of
from converter.model import Amount, Concept, Duration, Fact, QName, Span, Unit


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


CASES = [  # label, statement kind, data type, period type, section, total, side -> concept
    # commercial and industrial
    ("Net sales", "income", "monetary", "duration", "", False, "", "Revenues"),
    ("Operating revenues", "income", "monetary", "duration", "", False, "", "Revenues"),
    ("Cost of products sold", "income", "monetary", "duration", "", False, "", "CostOfRevenue"),
    ("Marketing, selling and administrative", "income", "monetary", "duration", "", False, "",
     "SellingGeneralAndAdministrativeExpense"),
    ("Other income, net", "income", "monetary", "duration", "", False, "", "OtherNonoperatingIncomeExpense"),
    ("Extraordinary loss on early extinguishment of debt, net of tax", "income", "monetary", "duration", "", False,
     "", "ExtraordinaryItemNetOfTax"),
    ("Loss on early extinguishment of debt", "income", "monetary", "duration", "", False, "",
     "GainsLossesOnExtinguishmentOfDebt"),
    ("Accretion of preferred stock", "income", "monetary", "duration", "", False, "",
     "PreferredStockAccretionOfRedemptionDiscount"),
    ("Operating costs and expenses", "income", "monetary", "duration", "", False, "", "CostsAndExpenses"),
    ("Federal funds purchased", "balance", "monetary", "instant", "", False, "",
     "FederalFundsPurchasedAndSecuritiesSoldUnderAgreementsToRepurchase"),
    ("Amortization of goodwill", "cashflow", "monetary", "duration", "", False, "", "AmortizationOfIntangibleAssets"),
    ("Issuance of common stock for employee benefit plans", "equity", "monetary", "duration", "", False, "",
     "StockIssuedDuringPeriodValueEmployeeBenefitPlan"),
    ("Minimum pension liability adjustment", "equity", "monetary", "duration", "", False, "",
     "OtherComprehensiveIncomeMinimumPensionLiabilityNetOfTax"),
    ("Income taxes", "income", "monetary", "duration", "", False, "", "IncomeTaxExpenseBenefit"),
    ("Net loss", "income", "monetary", "duration", "", False, "", "NetIncomeLoss"),
    ("Diluted", "income", "perShare", "duration", "Earnings per share:", False, "", "EarningsPerShareDiluted"),
    ("Other", "balance", "monetary", "instant", "Current assets:", False, "assets", "OtherAssetsCurrent"),
    ("Total Current assets", "balance", "monetary", "instant", "Current assets:", True, "assets", "AssetsCurrent"),
    ("Deferred income taxes", "balance", "monetary", "instant", "Current assets:", False, "assets",
     "DeferredTaxAssetsCurrent"),
    ("Deferred income taxes", "balance", "monetary", "instant", "Current liabilities:", False, "liabilities",
     "DeferredTaxLiabilitiesCurrent"),
    ("Total liabilities and stockholders' equity", "balance", "monetary", "instant", "", True, "",
     "LiabilitiesAndStockholdersEquity"),
    ("Excess of cost over net tangible assets received in business acquisitions", "balance", "monetary", "instant",
     "", False, "", "Goodwill"),
    ("Capital in excess of par value of stock", "balance", "monetary", "instant", "Stockholders' equity:", False,
     "liabilities", "AdditionalPaidInCapital"),
    # cash flows: the section decides
    ("Income taxes", "cashflow", "monetary", "duration", "Changes in operating assets and liabilities:", False, "",
     "IncreaseDecreaseInIncomeTaxesPayable"),
    ("Income taxes", "cashflow", "monetary", "duration", "Cash paid during the year for:", False, "",
     "IncomeTaxesPaid"),
    ("Net cash from operating activities", "cashflow", "monetary", "duration", "", True, "",
     "NetCashProvidedByUsedInOperatingActivities"),
    ("Payments for principal businesses purchased", "cashflow", "monetary", "duration", "Investing activities:",
     False, "", "PaymentsToAcquireBusinessesNetOfCashAcquired"),
    ("Other, net", "cashflow", "monetary", "duration", "Cash flows from investing activities:", False, "",
     "PaymentsForProceedsFromOtherInvestingActivities"),
    # banks (EX-27 article 9)
    ("Interest and fees on loans", "income", "monetary", "duration", "Interest income:", False, "",
     "InterestAndFeeIncomeLoansAndLeases"),
    ("Interest on deposits", "income", "monetary", "duration", "Interest expense:", False, "",
     "InterestExpenseDeposits"),
    ("Provision for loan losses", "income", "monetary", "duration", "", False, "", "ProvisionForLoanAndLeaseLosses"),
    ("Allowance for loan losses", "balance", "monetary", "instant", "", False, "assets",
     "LoansAndLeasesReceivableAllowance"),
    ("Deposits", "balance", "monetary", "instant", "Liabilities:", False, "liabilities", "Deposits"),
    ("Net interest income", "income", "monetary", "duration", "", False, "", "InterestIncomeExpenseNet"),
    # insurers (article 7)
    ("Premiums earned", "income", "monetary", "duration", "Revenues:", False, "", "PremiumsEarnedNet"),
    ("Policyholder benefits", "income", "monetary", "duration", "Benefits and expenses:", False, "",
     "PolicyholderBenefitsAndClaimsIncurredNet"),
    ("Future policy benefits", "balance", "monetary", "instant", "Liabilities:", False, "liabilities",
     "LiabilityForFuturePolicyBenefits"),
    # utilities (UT)
    ("Fuel", "income", "monetary", "duration", "Operating expenses:", False, "", "FuelCosts"),
    ("Purchased power", "income", "monetary", "duration", "Operating expenses:", False, "", "CostOfPurchasedPower"),
    ("Regulatory assets", "balance", "monetary", "instant", "", False, "assets", "RegulatoryAssetsNoncurrent"),
    ("Taxes other than income taxes", "income", "monetary", "duration", "", False, "",
     "TaxesExcludingIncomeAndExciseTaxes"),
]


@pytest.mark.parametrize("label,kind,dtype,ptype,section,total,side,expected", CASES)
def test_label_in_context_names_its_concept(tax, label, kind, dtype, ptype, section, total, side, expected):
    got, note = concept_for_label(label, tax, kind, dtype, ptype, section, (section,) if section else (), total,
                                  side)
    assert got == expected, note


def test_the_side_of_the_balance_sheet_overrules_an_alias_of_the_other_side(tax):
    assert concept_for_label("Deferred income taxes", tax, "balance", "monetary", "instant")[0] \
        == "DeferredTaxLiabilitiesNoncurrent"
    assert concept_for_label("Deferred income taxes", tax, "balance", "monetary", "instant", "Assets", ("Assets",),
                             side="assets")[0].startswith("DeferredTaxAssets")


def test_a_label_naming_no_line_item_gets_no_concept(tax):
    for label in ("Aircraft Engines", "Alabama Power", "In November 1997"):
        assert concept_for_label(label, tax, "income")[0] == ""


@pytest.mark.parametrize("word,expected", [("liabilities", "liability"), ("taxes", "tax"), ("assets", "asset"),
                                           ("businesses", "business"), ("gross", "gross"), ("bus", "bus")])
def test_stem_folds_plurals(word, expected):
    assert stem(word) == expected


def test_a_rule_needs_every_group_and_none_of_the_banned_words(tax):
    rules = make_rules([{"concept": "NetIncomeLoss", "statement": "income", "section": "",
                         "label": "net_income !interest", "role": ""}], tax.key)
    text = lambda label: RowText(words_of(tax.key(label)), (), "income", False)  # noqa: E731
    assert best_rules(rules, text("Net income (loss)"), lambda c: True)
    assert not best_rules(rules, text("Net interest income"), lambda c: True)
    assert not best_rules(rules, text("Other income, net"), lambda c: True)  # "net income" is a word sequence
    groups, banned = parse_spec("cash|equivalents operating !discontinued", tax.key)
    assert groups == (frozenset({"cash", "equivalent"}), frozenset({"operating"})) and banned == {"discontinued"}


def test_more_specific_rules_win(tax):
    rules = make_rules([{"concept": "Revenues", "statement": "", "section": "", "label": "revenue", "role": ""},
                        {"concept": "InterestExpense", "statement": "", "section": "", "label": "interest expense",
                         "role": ""},
                        {"concept": "InterestExpenseDeposits", "statement": "", "section": "interest expense",
                         "label": "deposit", "role": ""}], tax.key)
    best = best_rules(rules, RowText(words_of(tax.key("Deposits")), words_of(tax.key("Interest expense:")),
                                     "income", False), lambda c: True)
    assert [r.concept for r in best] == ["InterestExpenseDeposits"]


def test_extension_names_and_members_hold_no_digits():
    assert concept_name("Authorized 10 million shares; issued 1,083,253,703 in 1997") \
        == "AuthorizedMillionSharesIssuedIn"
    assert concept_name("1997") == "Unlabelled"
    assert member_slug("Alabama Power -") == "alabama_power"


@pytest.mark.parametrize("label,balance,expected", [
    ("Net income (loss)", "credit", "literal"),
    ("(Loss) income from discontinued operations", "credit", "literal"),
    ("Net loss", "credit", "opposite"),
    ("Loss before income taxes", "credit", "opposite"),
    ("Net income", "credit", ""),
    ("Income tax expense (benefit)", "debit", "literal"),
    ("(Provision) benefit for income taxes", "debit", "flipped"),
    ("Income tax benefit", "debit", "opposite"),
    ("Income taxes", "debit", ""),
    ("Provision for income taxes", "debit", ""),
    ("Loss (gain) on sale of assets", "credit", "flipped"),
])
def test_label_direction(tax, label, balance, expected):
    assert label_direction(label, balance, tax) == expected


def _row(tax, concept: str, label: str, *printed: str) -> tuple[list[Fact], Concept]:
    c = tax.concept(concept)
    facts = []
    for i, text in enumerate(printed):
        neg = text.startswith("(")
        value = Decimal(text.strip("()").replace(",", "")) * (-1 if neg else 1)
        amount = Amount(text, value, 0, 0, Span(10, 0, len(text)), None)
        facts.append(Fact(c, Duration(date(2000 - i, 1, 1), date(2000 - i, 12, 31)), Unit(("USD",)), (), amount,
                          label, "", "t01", i))
    return facts, c


def test_signs_follow_the_label_and_the_row_not_a_table_vote(tax):
    facts, c = _row(tax, "NetIncomeLoss", "Net loss", "4,200", "(1,000)")
    assert [f.amount.value * s for f, s in zip(facts, row_signs(facts, c, False, False, tax))] == [-4200, -1000]
    facts, c = _row(tax, "IncomeTaxExpenseBenefit", "Provision for income taxes", "(120)", "(100)", "15")
    signed = [f.amount.value * s for f, s in zip(facts, row_signs(facts, c, True, False, tax))]
    assert signed == [120, 100, -15]  # printed as deductions; the one positive year is a benefit
    facts, c = _row(tax, "IncomeTaxExpenseBenefit", "Income tax expense (benefit)", "(12)", "30")
    assert [f.amount.value * s for f, s in zip(facts, row_signs(facts, c, True, True, tax))] == [-12, 30]
    facts, c = _row(tax, "MinorityInterestInNetIncomeLoss", "Minority interest", "(7)", "(9)")
    assert [f.amount.value * s for f, s in zip(facts, row_signs(facts, c, True, False, tax))] == [7, 9]


def test_segment_rows_under_a_line_item_heading_take_its_concept_with_a_member():
    """"Revenues:" over "Aircraft Engines", "Appliances": the heading's concept, one segment member per row; a row
    holding line-item words or figures is no member."""
    from converter.mapping.match import map_report
    from converter.model import FilingMeta, LineItem, Report, Statement, Column

    tax = load_taxonomy()
    meta = FilingMeta("10-K", "X", "1", date(2000, 12, 31), "1231", None, "")
    period = Duration(date(2000, 1, 1), date(2000, 12, 31))
    provisional = Concept(QName("ext", "urn:p", "P"), "monetary", "duration", None, "", extension=True)
    labels = ["Aircraft Engines", "Appliances", "Interest income", "Class 1999"]
    rows, facts = [], []
    for n, label in enumerate(labels):
        line = 10 + n
        amount = Amount("5", Decimal(5 + n), 0, 0, Span(line, 40, 41), None)
        rows.append(LineItem(label, "Revenues:", line, (line,), 1, False, (amount,), path=("Revenues:",)))
        facts.append(Fact(provisional, period, Unit(("USD",)), (), amount, label, "Revenues:", "t01", 0))
    st = Statement("t01", "Revenues by segment", "income", "10-K", 9, 14,
                   (Column(0, period, Unit(("USD",)), 0, (), "2000", (38, 42)),),
                   (LineItem("Revenues:", "", 9, (9,), 0, False, (), "heading"), *rows), tuple(facts), "")
    out = map_report(Report("x.txt", meta, (st,), ()), tax)
    got = {f.label: (f.concept.qname.local, f.dims) for f in out.statements[0].facts}
    assert got["Aircraft Engines"] == ("Revenues", (("segment", "aircraft_engines"),))
    assert got["Appliances"] == ("Revenues", (("segment", "appliances"),))
    assert got["Interest income"][1] == () and got["Interest income"][0] != "Revenues"
    assert got["Class 1999"][1] == ()


def test_a_loss_per_share_printed_without_parentheses_is_negative(tax):
    facts, c = _row(tax, "EarningsPerShareBasic", "Net loss per share", ".42", ".10")
    assert [f.amount.value * s for f, s in zip(facts, row_signs(facts, c, False, False, tax))] \
        == [Decimal("-0.42"), Decimal("-0.10")]
    facts, c = _row(tax, "CommonStockDividendsPerShareDeclared", "Dividends per share", ".42")
    assert row_signs(facts, c, False, False, tax) == [1]
