"""The cover page (document and entity information) facts SEC-era readers look for, from the Report's FilingMeta."""

from __future__ import annotations

from datetime import date

from ...model import FilingMeta

COVER_ELEMENTS = {
    "DocumentType": ("xbrli:stringItemType", "Document type"),
    "DocumentPeriodEndDate": ("xbrli:dateItemType", "Document period end date"),
    "DocumentFiscalYearFocus": ("xbrli:gYearItemType", "Document fiscal year focus"),
    "DocumentFiscalPeriodFocus": ("xbrli:stringItemType", "Document fiscal period focus"),
    "CurrentFiscalYearEndDate": ("xbrli:gMonthDayItemType", "Current fiscal year end date"),
    "EntityRegistrantName": ("xbrli:stringItemType", "Entity registrant name"),
    "EntityCentralIndexKey": ("xbrli:stringItemType", "Entity central index key"),
}
"""Cover element -> (XBRL item type, label): the names of the SEC's dei taxonomy, declared in our own namespace."""

COVER_ABSTRACT = ("CoverAbstract", "Cover [Abstract]")

ANNUAL_FORMS = ("10-K", "10-K405", "10-KSB", "20-F", "40-F", "11-K")


def fiscal_period(meta: FilingMeta, end: date) -> str:
    """FY for an annual report; Q1-Q3 for a quarterly one ending 3, 6 or 9 months after the fiscal year end; else ""."""
    form = meta.form_type.upper().removesuffix("/A")
    if form in ANNUAL_FORMS:
        return "FY"
    if form.startswith("10-Q") and len(meta.fiscal_year_end) == 4 and meta.fiscal_year_end.isdigit():
        quarter = round(((end.month - int(meta.fiscal_year_end[:2])) % 12) / 3)
        return f"Q{quarter}" if 1 <= quarter <= 3 else ""
    return ""


YEAR_END_SLACK_DAYS = 7
"""How far past its nominal month and day a 52/53-week fiscal year may end (September 28 for "0927")."""


def fiscal_year(fye: str, end: date) -> int:
    """The fiscal year a document period ending on end falls in: the year its fiscal year ends ("0927" and
    December 28, 1996 -> 1997); the calendar year of end when the fiscal year end ("MMDD") is unknown."""
    if not _month_day(fye):
        return end.year
    month, day = int(fye[:2]), min(int(fye[2:]), 28 if fye[:2] == "02" else 31)
    if 0 <= (end - date(end.year - 1, month, day)).days <= YEAR_END_SLACK_DAYS:
        return end.year - 1  # a 52/53-week year "ending December 31" that ends on January 2
    return end.year if (end - date(end.year, month, day)).days <= YEAR_END_SLACK_DAYS else end.year + 1


def _month_day(mmdd: str) -> bool:
    """Whether "MMDD" is a day of the year (29 February included)."""
    try:
        return len(mmdd) == 4 and bool(date(2000, int(mmdd[:2]), int(mmdd[2:])))
    except ValueError:
        return False


def cover_values(meta: FilingMeta, cik: str, end: date) -> dict[str, str]:
    """The cover facts of a filing whose document period ends on end, by element; unknown ones left out."""
    fye = meta.fiscal_year_end
    values = {
        "DocumentType": meta.form_type,
        "DocumentPeriodEndDate": end.isoformat(),
        "DocumentFiscalYearFocus": str(fiscal_year(fye, end)),
        "DocumentFiscalPeriodFocus": fiscal_period(meta, end),
        "CurrentFiscalYearEndDate": f"--{fye[:2]}-{fye[2:]}" if _month_day(fye) else "",
        "EntityRegistrantName": meta.company,
        "EntityCentralIndexKey": cik,
    }
    return {name: value for name, value in values.items() if value}
