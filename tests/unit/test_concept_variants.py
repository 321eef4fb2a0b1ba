"""Printed label variants of the primary statements' line items -> the standard concept each states (issue 13).

The labels are the usual wordings of 1993-2008 10-K/10-Q/8-K statements of industrial companies, banks, insurers and
utilities, most of them not printed in the development filings: the rules in taxonomy/ are judged on the class of a
line item, not on one filing's label. "" expects no standard concept (an extension is better than a wrong concept)."""

from __future__ import annotations

import pytest

from converter.mapping.load import load_taxonomy
from converter.mapping.match import concept_for_label
from converter.mapping.terms import RowText, best_rules, make_rules, printed_words


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def _case(label: str, kind: str, section: str, expected: str, dtype: str = "monetary", total: bool = False,
          side: str = "") -> tuple:
    ptype = "instant" if kind == "balance" else "duration"
    return pytest.param(label, kind, section, dtype, ptype, total, side, expected, id=f"{kind}:{section}:{label}")


INCOME = [
    _case("Total operating revenues", "income", "Operating revenues:", "Revenues", total=True),
    _case("Credit and financial products revenues", "income", "Revenues:", "FinancialServicesRevenue"),
    _case("Financial services revenues", "income", "", "FinancialServicesRevenue"),
    _case("Non-regulated operating revenues", "income", "", "UnregulatedOperatingRevenue"),
    _case("Net sales and other revenues", "income", "", "Revenues"),
    _case("Income tax benefit", "income", "", "IncomeTaxExpenseBenefit"),
    _case("Investment income", "income", "", "NetInvestmentIncome"),
    _case("Gain on sale of investments", "income", "", "GainLossOnInvestments"),
    _case("Securities gains (losses)", "income", "Noninterest income:", "GainLossOnInvestments"),
    _case("Provision for losses on loans", "income", "", "ProvisionForLoanAndLeaseLosses"),
    _case("Extraordinary gain (loss), net of taxes", "income", "", "ExtraordinaryItemNetOfTax"),
    _case("Income (loss) before minority interest", "income", "", "ProfitLoss"),
    _case("Rental income", "income", "Revenues:", "OperatingLeasesIncomeStatementLeaseRevenue"),
    _case("Electric", "income", "Operating revenues:", "ElectricUtilityRevenue"),
    _case("Restructuring and other charges", "income", "", "RestructuringCharges"),
    _case("Merger-related costs", "income", "", "BusinessCombinationAcquisitionRelatedCosts"),
    _case("Acquisition-related charges", "income", "Costs and expenses:", "BusinessCombinationAcquisitionRelatedCosts"),
    _case("Policy acquisition costs", "income", "Losses and expenses:", "AmortizationOfDeferredPolicyAcquisitionCosts"),
    _case("Taxes, except payroll and income taxes", "income", "", "TaxesExcludingIncomeAndExciseTaxes"),
    _case("Interest and other income (expense), net", "income", "", "NonoperatingIncomeExpense"),
    _case("Total other income - net", "income", "Other income (expense):", "NonoperatingIncomeExpense", total=True),
    _case("Selling, administrative and other expenses - Total costs and expenses", "income", "", "CostsAndExpenses",
          total=True),
    _case("Total other income (deductions)", "income", "Other income (deductions):", "NonoperatingIncomeExpense",
          total=True),
    _case("Total other operating income", "income", "Other operating income:", "OtherOperatingIncome", total=True),
    _case("Total losses and expenses", "income", "Losses and expenses:", "BenefitsLossesAndExpenses", total=True),
    _case("Operating income (loss) from continuing operations", "income", "", "OperatingIncomeLoss"),
    _case("Non-fuel O & M", "income", "Operating expenses:", ""),
    _case("Other interest charges", "income", "Interest charges:", "InterestExpenseOther"),
    _case("Interest and other financial charges", "income", "", "InterestExpense"),
    _case("Capitalized interest", "income", "Fixed charges:", ""),
    _case("Minority interest in net income of subsidiaries", "income", "", "MinorityInterestInNetIncomeLoss"),
    _case("Minority interest in net earnings of consolidated affiliates", "income", "",
          "MinorityInterestInNetIncomeLoss"),
    _case("Equity in net income of affiliated companies", "income", "", "IncomeLossFromEquityMethodInvestments"),
    _case("Current", "income", "Provision for income taxes:", "CurrentIncomeTaxExpenseBenefit"),
    _case("Deferred", "income", "Provision for income taxes:", "DeferredIncomeTaxExpenseBenefit"),
    _case("Earnings from continuing operations before accounting changes", "income", "",
          "IncomeLossFromContinuingOperations"),
    _case("Earnings before accounting changes", "income", "",
          "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciple"),
    _case("Income before extraordinary item", "income", "",
          "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciple"),
    _case("Income from continuing operations before income taxes and cumulative effect of accounting change",
          "income", "", "IncomeLossBeforeIncomeTaxes"),
    _case("Income from discontinued operations, net of tax", "income", "",
          "IncomeLossFromDiscontinuedOperationsNetOfTax"),
    _case("Gain on transfer of discontinued operations, net of income taxes of $752", "income", "",
          "DiscontinuedOperationGainLossOnDisposalOfDiscontinuedOperationNetOfTax"),
    _case("Gain on disposition of discontinued operations, net of income taxes", "income", "",
          "DiscontinuedOperationGainLossOnDisposalOfDiscontinuedOperationNetOfTax"),
    _case("Income before cumulative effect of accounting change", "income", "",
          "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciple"),
    _case("Cumulative effect on prior years of change in accounting for postretirement benefits", "income", "",
          "CumulativeEffectOfChangeInAccountingPrincipleNetOfTax"),
    _case("Preferred stock dividends", "income", "", "PreferredStockDividendsIncomeStatementImpact"),
    _case("Preferred dividend requirements", "income", "", "PreferredStockDividendsIncomeStatementImpact"),
    _case("Preferred dividend requirements of subsidiaries", "income", "", "PreferredStockDividendsOfSubsidiaries"),
    _case("Net income after dividends on preferred stock", "income", "",
          "NetIncomeLossAvailableToCommonStockholdersBasic"),
    _case("Dividends paid on common and preferred stock", "income", "", "Dividends"),
    _case("Less dividends", "income", "", "Dividends"),
    # banks, insurers
    _case("Total interest income", "income", "Interest income:", "InterestAndDividendIncomeOperating", total=True),
    _case("Provision for credit losses", "income", "", "ProvisionForLoanAndLeaseLosses"),
    _case("Service charges on deposit accounts", "income", "Noninterest income:",
          "FeesAndCommissionsDepositorAccounts"),
    _case("Trust income", "income", "Noninterest income:", "FeesAndCommissions"),
    _case("Net occupancy expense", "income", "Noninterest expense:", "OccupancyNet"),
    _case("FDIC insurance", "income", "Noninterest expense:", "FederalDepositInsuranceCorporationPremiumExpense"),
    _case("Net premiums written", "income", "", "PremiumsWrittenNet"),
    _case("Interest credited to policyholders' account balances", "income", "Benefits and expenses:",
          "InterestCreditedToPolicyholdersAccountBalances"),
    _case("Total benefits and expenses", "income", "", "BenefitsLossesAndExpenses", total=True),
    _case("Cost of gas", "income", "Operating expenses:", "CostOfNaturalGasPurchases"),
    # components printed under a heading that names the line item
    _case("Products", "income", "Sales:", "SalesRevenueGoodsNet"),
    _case("Services", "income", "Sales:", "SalesRevenueServicesNet"),
    _case("Products", "income", "Cost of sales:", "CostOfGoodsSold"),
    _case("Services", "income", "Cost of sales:", "CostOfServices"),
    _case("License", "income", "Revenues:", "LicensesRevenue"),
    _case("License fees", "income", "", "LicensesRevenue"),
    # per share and shares
    _case("Earnings before accounting changes", "income", "Net earnings per share (in dollars)",
          "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciplePerBasicShare",
          dtype="perShare"),
    _case("Income before extraordinary item", "income", "Per share - diluted:",
          "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciplePerDilutedShare",
          dtype="perShare"),
    _case("Continuing operations before accounting changes", "income", "Net earnings per share (in dollars)",
          "IncomeLossFromContinuingOperationsPerBasicShare", dtype="perShare"),
    _case("Discontinued operations before accounting changes", "income", "Net earnings per share (in dollars)",
          "IncomeLossFromDiscontinuedOperationsNetOfTaxPerBasicShare", dtype="perShare"),
    _case("Effect of dilutive stock options", "income", "Weighted average shares outstanding:",
          "WeightedAverageNumberDilutedSharesOutstandingAdjustment", dtype="shares"),
    _case("Assuming the exercise of dilutive stock options", "income", "Incremental shares outstanding",
          "WeightedAverageNumberDilutedSharesOutstandingAdjustment", dtype="shares"),
    _case("Weighted average shares - diluted", "income", "", "WeightedAverageNumberOfDilutedSharesOutstanding",
          dtype="shares"),
    # what is not the filer's line item
    _case("Net income excluding one-time items", "income", "", ""),
    _case("Retail revenue", "income", "", ""),
    _case("Wholesale revenues", "income", "Operating revenues:", ""),
    _case("Export sales", "income", "", ""),
    _case("Other revenues", "income", "", "OtherIncome"),
    _case("Sales and other operating revenues", "income", "", "Revenues"),
    _case("Revenues and other income", "income", "", "Revenues"),
    _case("Costs and other expenses", "income", "", "CostsAndExpenses"),
    _case("Capitalised interest, net of depreciation", "income", "Adjustments:", ""),
    _case("Capitalized interest", "income", "Earnings:", ""),
    _case("Net operating loss carryforwards", "income", "", ""),
    _case("Unrecognized prior service cost", "income", "", ""),
    _case("Earnings of finance subsidiary before accounting change", "income", "Revenues:", ""),
    _case("Unrecognized net gain", "income", "", ""),
    _case("Net (expense)/revenue from transactions with Financial Services", "income", "", ""),
    _case("Intercompany sales", "income", "", ""),
]

UK = [  # UK GAAP statements filed on 6-K/20-F
    _case("Share of operating loss of associates", "income", "", "IncomeLossFromEquityMethodInvestments"),
    _case("Loss on ordinary activities after taxation", "income", "", "ProfitLoss"),
    _case("Debtors: amounts falling due after more than one year", "balance", "Current assets", "", side="assets"),
    _case("Net current assets", "balance", "", "", total=True),
    _case("Total assets less current liabilities", "balance", "", "", total=True),
    _case("Net assets", "balance", "", "", total=True),
    _case("Returns on investments and servicing of finance", "cashflow", "",
          "NetCashProvidedByUsedInReturnsOnInvestmentsAndServicingOfFinance", total=True),
    _case("Capital expenditure and financial investment", "cashflow", "",
          "NetCashProvidedByUsedInCapitalExpenditureAndFinancialInvestment", total=True),
    _case("Taxation", "cashflow", "", "IncomeTaxesPaid"),
    _case("Repayment of bank loans", "cashflow", "Financing", "RepaymentsOfDebt"),
]

BALANCE = [
    _case("Cash and temporary cash investments", "balance", "Current assets:", "CashAndCashEquivalentsAtCarryingValue",
          side="assets"),
    _case("Receivables, less allowances of $1,200", "balance", "Current assets:", "ReceivablesNetCurrent",
          side="assets"),
    _case("Accounts receivable, less allowance for doubtful accounts of $500", "balance", "Current assets:",
          "AccountsReceivableNetCurrent", side="assets"),
    _case("Less allowance for doubtful accounts", "balance", "Current assets:",
          "AllowanceForDoubtfulAccountsReceivableCurrent", side="assets"),
    _case("Temporary cash investments", "balance", "Current assets:", "CashEquivalentsAtCarryingValue", side="assets"),
    _case("Cash and short-term investments", "balance", "Current assets:",
          "CashCashEquivalentsAndShortTermInvestments", side="assets"),
    _case("Capital in excess of par value of stock", "balance", "Common stock, par value of $.10 per share:",
          "AdditionalPaidInCapital", side="liabilities"),
    _case("Total property, plant, and equipment", "balance", "Property, plant, and equipment:",
          "PropertyPlantAndEquipmentGross", total=True, side="assets"),
    _case("Total", "balance", "Property and equipment, at cost:", "PropertyPlantAndEquipmentGross", total=True,
          side="assets"),
    _case("Machinery and equipment", "balance", "Property, plant, and equipment:", "MachineryAndEquipmentGross",
          side="assets"),
    _case("Office furniture and equipment", "balance", "Property, plant, and equipment:",
          "FurnitureAndFixturesGross", side="assets"),
    _case("Equipment", "balance", "Property and equipment:", "MachineryAndEquipmentGross", side="assets"),
    _case("Goodwill, net of accumulated amortization of $500", "balance", "", "Goodwill", side="assets"),
    _case("Investments in affiliated companies", "balance", "", "EquityMethodInvestments", side="assets"),
    _case("Accrued interest receivable", "balance", "Assets", "InterestReceivable", side="assets"),
    _case("Accrued restructuring costs", "balance", "Current liabilities:", "RestructuringReserve",
          side="liabilities"),
    _case("Other taxes", "balance", "Current liabilities:", "TaxesPayableCurrent", side="liabilities"),
    _case("Accrued interest payable", "balance", "Liabilities", "InterestPayableCurrent", side="liabilities"),
    _case("Long-term debt, net of current maturities", "balance", "", "LongTermDebtNoncurrent", side="liabilities"),
    _case("Accrued postretirement benefits", "balance", "", "PensionAndOtherPostretirementDefinedBenefitPlansLiabilitiesNoncurrent",
          side="liabilities"),
    _case("Noninterest-bearing deposits", "balance", "Deposits:", "NoninterestBearingDepositLiabilities",
          side="liabilities"),
    _case("Interest-bearing deposits", "balance", "Deposits:", "InterestBearingDepositLiabilities",
          side="liabilities"),
    _case("Accumulated deferred investment tax credits", "balance", "Deferred credits and other liabilities:",
          "AccumulatedDeferredInvestmentTaxCredit", side="liabilities"),
    _case("Total capitalization", "balance", "Capitalization:", "CapitalizationLongtermDebtAndEquity", total=True,
          side="liabilities"),
    _case("Common stock equity", "balance", "Capitalization:", "StockholdersEquity", side="liabilities"),
    _case("Cumulative preferred stock not subject to mandatory redemption", "balance", "Capitalization:",
          "PreferredStockValue", side="liabilities"),
    _case("Unrealized gain on available-for-sale securities", "balance", "Shareholders' equity:",
          "AccumulatedOtherComprehensiveIncomeLossAvailableForSaleSecuritiesAdjustmentNetOfTax",
          side="liabilities"),
    _case("Total liabilities and stockholders' investment", "balance", "", "LiabilitiesAndStockholdersEquity",
          total=True),
    _case("Notes receivable from stockholders", "balance", "Stockholders' equity:", "StockholdersEquityNotesReceivable",
          side="liabilities"),
    _case("Total stockholders' deficit", "balance", "Stockholders' deficit:", "StockholdersEquity", total=True,
          side="liabilities"),
    _case("Deferred income taxes", "balance", "", "DeferredTaxAssetsNetNoncurrent", side="assets"),
    _case("Customer deposits", "balance", "Current liabilities:", "CustomerDepositsCurrent", side="liabilities"),
    _case("Current portion of capital lease obligations", "balance", "Current liabilities:",
          "CapitalLeaseObligationsCurrent", side="liabilities"),
    _case("Obligations under capital leases, less current portion", "balance", "", "CapitalLeaseObligationsNoncurrent",
          side="liabilities"),
    _case("Total stockholders' investment", "balance", "", "StockholdersEquity", total=True, side="liabilities"),
]

CASHFLOW = [
    _case("Cumulative effects of accounting changes", "cashflow", "Adjustments to reconcile net earnings to cash "
          "provided from operating activities", "CumulativeEffectOfChangeInAccountingPrincipleNetOfTax"),
    _case("United States", "cashflow", "Net income before cumulative effects of changes in accounting principles",
          ""),
    _case("Total adjustments to reconcile net income to net cash provided by operating activities", "cashflow",
          "Adjustments to reconcile net income to net cash provided by operating activities:",
          "AdjustmentsToReconcileNetIncomeLossToCashProvidedByUsedInOperatingActivities", total=True),
    _case("Total changes in assets and liabilities", "cashflow", "Changes in assets and liabilities:",
          "IncreaseDecreaseInOperatingCapital", total=True),
    _case("Extraordinary loss on extinguishment of debt", "cashflow", "Adjustments",
          "GainsLossesOnExtinguishmentOfDebt"),
    _case("Compensation expense related to grant of options", "cashflow", "Reconciliation of net loss to net cash "
          "used in operating activities", "ShareBasedCompensation"),
    _case("Amortization of deferred compensation", "cashflow", "Adjustments", "ShareBasedCompensation"),
    _case("Provision for losses on accounts receivable", "cashflow", "Adjustments", "ProvisionForDoubtfulAccounts"),
    _case("Provision for losses on financing receivables", "cashflow", "Adjustments",
          "ProvisionForLoanAndLeaseLosses"),
    _case("Changes in unearned premiums", "cashflow", "", "IncreaseDecreaseInUnearnedPremiums"),
    _case("Increase in reserves for losses and loss adjustment expenses", "cashflow", "Changes in:",
          "IncreaseDecreaseInInsuranceLiabilities"),
    _case("Net cash provided by operations", "cashflow", "", "NetCashProvidedByUsedInOperatingActivities",
          total=True),
    _case("Cash from operating activities - continuing operations", "cashflow", "",
          "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"),
    _case("Cash for investing activities - continuing operations", "cashflow", "Cash flows from investing activities",
          "NetCashProvidedByUsedInInvestingActivitiesContinuingOperations"),
    _case("Net cash used in continuing operations", "cashflow", "Investing activities:",
          "NetCashProvidedByUsedInInvestingActivitiesContinuingOperations"),
    _case("Cash from (used for) investing activities - discontinued operations", "cashflow", "",
          "CashProvidedByUsedInInvestingActivitiesDiscontinuedOperations"),
    _case("Construction expenditures", "cashflow", "Investing activities:",
          "PaymentsToAcquirePropertyPlantAndEquipment"),
    _case("Collections of receivables and lease investments", "cashflow", "Cash flows from investing activities",
          "ProceedsFromCollectionOfLoansReceivable"),
    _case("Net increase in loans", "cashflow", "Investing activities:",
          "PaymentsToAcquireLoansAndLeasesHeldForInvestment"),
    _case("Purchases of securities available for sale", "cashflow", "Investing activities:",
          "PaymentsToAcquireInvestments"),
    _case("Sales of investments", "cashflow", "Investing activities:",
          "ProceedsFromSaleMaturityAndCollectionsOfInvestments"),
    _case("Investments in affiliates", "cashflow", "Investing activities:", "PaymentsToAcquireEquityMethodInvestments"),
    _case("Other assets", "cashflow", "Cash flows from investing activities:",
          "PaymentsForProceedsFromOtherInvestingActivities"),
    _case("Effects of exchange differences on investments in liquid resources", "cashflow", "", ""),
    _case("Net (decrease)/ increase in cash before exchange differences", "cashflow", "",
          "CashAndCashEquivalentsPeriodIncreaseDecreaseExcludingExchangeRateEffect"),
    _case("Issuance of subsidiary company preferred stock", "cashflow", "Cash flows from financing activities",
          "ProceedsFromMinorityShareholders"),
    _case("Disposition of shares from treasury (mainly for employee plans)", "cashflow", "Cash flows from financing "
          "activities", "ProceedsFromSaleOfTreasuryStock"),
    _case("Purchase of shares for treasury", "cashflow", "Cash flows from financing activities",
          "PaymentsForRepurchaseOfCommonStock"),
    _case("Repayments and other reductions (maturities more than 90 days)", "cashflow",
          "Cash flows from financing activities", "RepaymentsOfLongTermDebt"),
    _case("Decrease (increase) in current receivables", "cashflow", "Adjustments to reconcile net earnings to cash "
          "provided from operating activities", "IncreaseDecreaseInAccountsReceivable"),
    _case("Tax benefit of common stock option exercises", "cashflow", "Changes in assets and liabilities:",
          "TaxBenefitFromStockOptionsExercised"),
    _case("Increases in common stock, net of related tax benefits", "cashflow", "Financing:",
          "ProceedsFromIssuanceOfCommonStock"),
    _case("Other", "cashflow", "Increase (decrease) in:", "IncreaseDecreaseInOtherOperatingCapitalNet"),
    _case("All other", "cashflow", "Net income before cumulative effects of changes in accounting principles", ""),
    _case("Provision for restructuring", "cashflow", "Cash flows from operating activities", "RestructuringCharges"),
    _case("Prepaid expenses and other", "cashflow", "Changes in assets and liabilities:",
          "IncreaseDecreaseInPrepaidExpense"),
    _case("Accrued compensation", "cashflow", "Changes in operating assets and liabilities:",
          "IncreaseDecreaseInEmployeeRelatedLiabilities"),
    _case("Common stock issued for acquisitions", "cashflow", "Noncash investing and financing activities:",
          "StockIssued1"),
    _case("Capital lease obligations incurred", "cashflow", "Noncash investing and financing activities:",
          "CapitalLeaseObligationIncurred"),
    _case("Redemption of preferred stock", "cashflow", "Financing activities:",
          "PaymentsForRepurchaseOfPreferredStockAndPreferenceStock"),
    _case("Payment of dividends on preferred stock", "cashflow", "Financing activities:", "PaymentsOfDividends"),
    _case("Payments on long-term debt and capital lease obligations", "cashflow", "Financing activities:",
          "RepaymentsOfLongTermDebtAndCapitalSecurities"),
    _case("Principal payments under capital lease obligations", "cashflow", "Financing activities:",
          "RepaymentsOfLongTermCapitalLeaseObligations"),
    _case("Borrowings under revolving credit agreement", "cashflow", "Financing activities:", "ProceedsFromLinesOfCredit"),
    _case("Repayments under revolving credit agreement", "cashflow", "Financing activities:",
          "RepaymentsOfLinesOfCredit"),
    _case("Proceeds from initial public offering, net of issuance costs", "cashflow", "Financing activities:",
          "ProceedsFromIssuanceInitialPublicOffering"),
    _case("Costs of initial public offering", "cashflow", "Financing activities:", ""),
    _case("Purchase of minority interest", "cashflow", "Investing activities:",
          "PaymentsToAcquireAdditionalInterestInSubsidiaries"),
    _case("Customer deposits", "cashflow", "Changes in assets and liabilities:", "IncreaseDecreaseInCustomerDeposits"),
    _case("Inventory write-downs", "cashflow", "Adjustments", "InventoryWriteDown"),
    _case("Increase (decrease) in notes payable", "cashflow", "Financing activities:",
          "ProceedsFromRepaymentsOfShortTermDebt"),
    _case("Changes in customers' deposits, excluding interest credited", "cashflow",
          "Cash flows from financing activities", "IncreaseDecreaseInDeposits"),
    _case("Increase in deposits and other assets", "cashflow", "Changes in operating assets and liabilities",
          "IncreaseDecreaseInOtherOperatingAssets"),
]


@pytest.mark.parametrize("label,kind,section,dtype,ptype,total,side,expected", INCOME + BALANCE + CASHFLOW + UK)
def test_printed_variant_names_its_concept(tax, label, kind, section, dtype, ptype, total, side, expected):
    got, note = concept_for_label(label, tax, kind, dtype, ptype, section, (section,) if section else (), total,
                                  side)
    assert got == expected, note


def test_every_expected_concept_is_in_the_taxonomy(tax):
    for case in INCOME + BALANCE + CASHFLOW + UK:
        expected = case.values[-1]
        assert not expected or expected in tax.concepts, expected


def test_a_printed_word_tells_apart_what_synonyms_fold(tax):
    """'=gain' needs the printed word: "income" and "gain" both read as profit, yet state different line items."""
    rules = make_rules([{"concept": "GainLossOnInvestments", "statement": "", "section": "", "label": "=gain investment",
                         "role": ""}], tax.key)
    assert rules[0].label == (frozenset({"=gain"}), frozenset({"investment"}))

    def holds(label: str) -> bool:
        words = tuple(tax.key(label).split())
        row = RowText(words + printed_words(tuple(label.lower().split())), (), "income", False)
        return bool(best_rules(rules, row, lambda name: True))

    assert tax.key("Investment gains") == tax.key("Investment income")
    assert holds("Investment gains") and not holds("Investment income")
