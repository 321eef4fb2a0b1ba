"""The taxonomy's, the cover's and a filing's extension schema documents, built with lxml."""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping

from lxml.etree import Element

from ...mapping.load import Taxonomy
from ...memo import text_cache
from ...record import record
from .cover import COVER_ABSTRACT, COVER_ELEMENTS
from .names import (LINK, NONNUM, NONNUM_SCHEMA, XBRLDT, XBRLI, XL_ARCROLE, XL_HREF, XL_ROLE, XL_TYPE, XLINK, XSD,
                    Plan, child, clark, document, known_members)

TYPES = {"monetary": "xbrli:monetaryItemType", "shares": "xbrli:sharesItemType", "pure": "xbrli:pureItemType",
         "decimal": "xbrli:decimalItemType", "perShare": "{p}:perShareItemType", "string": "xbrli:stringItemType"}
"""A concept's data type -> its XBRL item type ({p}: the taxonomy's prefix)."""
KINDS = {"lab": "label", "pre": "presentation", "cal": "calculation", "def": "definition"}
"""Linkbase file suffix -> the kind of link it holds."""
IMPORTS = ((XBRLI, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
           (XBRLDT, "http://www.xbrl.org/2005/xbrldt-2005.xsd"), (NONNUM, NONNUM_SCHEMA))
STATEMENT_ROOTS = {
    "balance": ("StatementOfFinancialPositionAbstract", "Statement of financial position [Abstract]", "Balance sheet",
                "BalanceSheet"),
    "income": ("IncomeStatementAbstract", "Income statement [Abstract]", "Income statement", "IncomeStatement"),
    "cashflow": ("StatementOfCashFlowsAbstract", "Statement of cash flows [Abstract]", "Cash flows",
                 "CashFlowStatement"),
    "equity": ("StatementOfStockholdersEquityAbstract", "Statement of stockholders' equity [Abstract]", "Equity",
               "StatementOfEquity"),
}
"""Statement kind -> (root abstract element, its label, the title of an untitled statement, the word its role URI
starts with): the abstracts and role names SEC-era readers recognise a statement by."""
OTHER_ROOT = ("FinancialTableAbstract", "Financial table [Abstract]", "Financial table", "FinancialTable")
"""The same for any other table."""
XS, LINK_NS = f"{{{XSD}}}", f"{{{LINK}}}"
PERIOD_TYPE, BALANCE = clark(XBRLI, "periodType"), clark(XBRLI, "balance")

Role = tuple[str, str, str, tuple[str, ...]]
"""A role type: (uri, id, definition, the link elements it is used on)."""


@record
class ElementDecl:
    """One xs:element of a generated schema."""

    name: str  # local name
    type_: str  # xbrli:monetaryItemType, ...
    group: str = "xbrli:item"  # substitution group
    period: str = "duration"  # xbrli:periodType
    balance: str | None = None  # xbrli:balance, if any
    abstract: bool = False  # abstract="true"


def abstract(name: str, group: str = "xbrli:item") -> ElementDecl:
    """An abstract element (a statement root, an axis, a hypercube)."""
    return ElementDecl(name, "xbrli:stringItemType", group, abstract=True)


def domain(name: str) -> ElementDecl:
    """A domain or member: abstract, of the domain item type (readers keep dimensional facts by it)."""
    return ElementDecl(name, "nonnum:domainItemType", abstract=True)


def schema(plan: Plan, target: str, prefix: str, declarations: Iterable[ElementDecl],
           imports: Iterable[tuple[str, str]] = (), roles: Iterable[Role] = (), linkbases: bool = False) -> bytes:
    """A schema: linkbase refs (when asked) and role types in its appinfo, imports (namespace, location), then the
    elements; the taxonomy's schema also defines perShareItemType."""
    tax, files = plan.taxonomy, plan.files()
    nsmap = {"xs": XSD, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "nonnum": NONNUM,
             tax.prefix: tax.namespace, prefix: target}
    root = Element(XS + "schema", {"targetNamespace": target, "elementFormDefault": "qualified",
                                   "attributeFormDefault": "unqualified"}, nsmap=nsmap)
    appinfo = child(child(root, XS + "annotation"), XS + "appinfo")
    for kind in KINDS if linkbases else ():
        child(appinfo, LINK_NS + "linkbaseRef", {
            XL_TYPE: "simple", XL_HREF: files[kind], XL_ROLE: f"http://www.xbrl.org/2003/role/{KINDS[kind]}LinkbaseRef",
            XL_ARCROLE: "http://www.w3.org/1999/xlink/properties/linkbase"})
    for uri, role_id, definition, used_on in roles:
        role_type = child(appinfo, LINK_NS + "roleType", {"roleURI": uri, "id": role_id})
        child(role_type, LINK_NS + "definition").text = definition
        for link in used_on:
            child(role_type, LINK_NS + "usedOn").text = f"link:{link}"
    for ns, location in (*IMPORTS, *imports):
        child(root, XS + "import", {"namespace": ns, "schemaLocation": location})
    if target == tax.namespace:
        content = child(child(root, XS + "complexType", {"name": "perShareItemType"}), XS + "simpleContent")
        child(content, XS + "restriction", {"base": "xbrli:decimalItemType"})
    for d in declarations:
        attrs = {"name": d.name, "id": f"{prefix}_{d.name}", "type": d.type_, "substitutionGroup": d.group,
                 PERIOD_TYPE: d.period, "nillable": "true"}
        if d.balance:
            attrs[BALANCE] = d.balance
        if d.abstract:
            attrs["abstract"] = "true"
        child(root, XS + "element", attrs)
    return document(root)


def base_schemas(plan: Plan) -> Mapping[str, bytes]:
    """The taxonomy's schema (concepts, statement abstracts, axes, domains and members, from taxonomy/ data) and
    the cover schema (the document and entity information elements): the same for every filing, made once."""
    return _base_schemas(plan.taxonomy)


@text_cache(maxsize=4)
def _base_schemas(tax: Taxonomy) -> Mapping[str, bytes]:
    """base_schemas of a taxonomy (one kept by identity), named by a plan of no filing: they name nothing of one."""
    plan = Plan(tax, "", "", known_members(tax))
    decls = [ElementDecl(d.name, TYPES[d.data_type].format(p=tax.prefix), "xbrli:item", d.period_type, d.balance,
                         d.abstract) for d in tax.concepts.values()]
    decls += [abstract(local) for local, *_ in (*STATEMENT_ROOTS.values(), OTHER_ROOT)]
    for axis in sorted(plan.known):
        decls += [abstract(plan.axis(axis).local, "xbrldt:dimensionItem"), domain(plan.domain(axis).local)]
    decls += [domain(local) for local in sorted({plan.member(m.axis, m.member).local for m in tax.members if m.member})]
    cover = [abstract(COVER_ABSTRACT[0]), *(ElementDecl(name, type_) for name, (type_, _) in COVER_ELEMENTS.items())]
    return MappingProxyType({plan.base_schema(): schema(plan, tax.namespace, tax.prefix, decls),
                             plan.dei_schema(): schema(plan, plan.dei_ns, "dei", cover)})
