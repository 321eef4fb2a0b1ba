"""Taxonomy data + a mapped Report -> the schemas and linkbases the instance references, built with lxml.

The files follow the EDGAR convention: <stem>.xsd with <stem>_lab.xml, _pre.xml, _cal.xml and _def.xml; one
extended link role per statement, defined as "0002 - Statement - Consolidated Balance Sheets" and rooted in a
standard statement abstract; US English labels; domains and members of the domain item type."""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from lxml.etree import Element, SubElement

from ...checks.calc import calc_groups, report_groups
from ...checks.calc_network import PRIMARY_KINDS, calc_networks
from ...mapping.evidence import presented_kinds
from ...mapping.normalise import camel_name
from ...model import Report, Statement
from ...record import record
from .cover import COVER_ABSTRACT, COVER_ELEMENTS
from .instance import OutFact
from .names import (LABEL_ROLE, LINK, NONNUM, NONNUM_SCHEMA, ROLE_BASE, XBRLDT, XBRLI, XL_ARCROLE, XL_FROM, XL_HREF, XL_LABEL,
                    XL_ROLE, XL_TO, XL_TYPE, XLINK, XML_NS, XSD, Name, Plan, clark, document)

TYPES = {"monetary": "xbrli:monetaryItemType", "shares": "xbrli:sharesItemType", "pure": "xbrli:pureItemType",
         "decimal": "xbrli:decimalItemType", "perShare": "{p}:perShareItemType", "string": "xbrli:stringItemType"}
ARCROLES = {
    "all": "http://xbrl.org/int/dim/arcrole/all",
    "hypercube-dimension": "http://xbrl.org/int/dim/arcrole/hypercube-dimension",
    "dimension-domain": "http://xbrl.org/int/dim/arcrole/dimension-domain",
    "domain-member": "http://xbrl.org/int/dim/arcrole/domain-member",
    "dimension-default": "http://xbrl.org/int/dim/arcrole/dimension-default",
    "parent-child": "http://www.xbrl.org/2003/arcrole/parent-child",
    "summation-item": "http://www.xbrl.org/2003/arcrole/summation-item",
}
LINKBASE_REF_ROLE = "http://www.xbrl.org/2003/role/{kind}LinkbaseRef"
KINDS = {"lab": "label", "pre": "presentation", "cal": "calculation", "def": "definition"}
IMPORTS = ((XBRLI, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
           (XBRLDT, "http://www.xbrl.org/2005/xbrldt-2005.xsd"), (NONNUM, NONNUM_SCHEMA))
LANG = "en-US"
LINK_ROLE = "http://www.xbrl.org/2003/role/link"
CONCEPT_LABEL = "http://www.xbrl.org/2003/arcrole/concept-label"
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

Arc = tuple[str, Name, Name, dict[str, str]]
"""(arcrole name, from, to, further attributes)."""


@record
class ElementDecl:
    """One xs:element of a generated schema."""

    name: str  # local name
    type_: str  # xbrli:monetaryItemType, ...
    group: str = "xbrli:item"  # substitution group
    period: str = "duration"  # xbrli:periodType
    balance: str | None = None  # xbrli:balance, if any
    abstract: bool = False  # abstract="true"


def _abstract(name: str, group: str = "xbrli:item") -> ElementDecl:
    return ElementDecl(name, "xbrli:stringItemType", group, abstract=True)


def _domain(name: str) -> ElementDecl:
    """A domain or member: abstract, of the domain item type (readers keep dimensional facts by it)."""
    return ElementDecl(name, "nonnum:domainItemType", abstract=True)


XS, LINK_NS, XBRLI_PERIOD, XBRLI_BALANCE = f"{{{XSD}}}", f"{{{LINK}}}", clark(XBRLI, "periodType"), clark(XBRLI, "balance")


def _schema(plan: Plan, target: str, prefix: str, declarations: Iterable[ElementDecl],
            imports: Iterable[tuple[str, str]] = (), roles: Iterable[tuple[str, str, str, tuple[str, ...]]] = (),
            linkbases: bool = False) -> bytes:
    """A schema: linkbase refs (when asked) and role types (uri, id, definition, used on) in its appinfo, imports
    (namespace, location), then the elements; the taxonomy's schema also defines perShareItemType."""
    tax, files = plan.taxonomy, plan.files()
    nsmap = {"xs": XSD, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "nonnum": NONNUM,
             tax.prefix: tax.namespace, prefix: target}
    schema = Element(XS + "schema", {"targetNamespace": target, "elementFormDefault": "qualified",
                                     "attributeFormDefault": "unqualified"}, nsmap=nsmap)
    appinfo = SubElement(SubElement(schema, XS + "annotation"), XS + "appinfo")
    for kind in KINDS if linkbases else ():
        SubElement(appinfo, LINK_NS + "linkbaseRef", {XL_TYPE: "simple", XL_HREF: files[kind],
                                                      XL_ROLE: LINKBASE_REF_ROLE.format(kind=KINDS[kind]),
                                                      XL_ARCROLE: "http://www.w3.org/1999/xlink/properties/linkbase"})
    for uri, role_id, definition, used_on in roles:
        role_type = SubElement(appinfo, LINK_NS + "roleType", {"roleURI": uri, "id": role_id})
        SubElement(role_type, LINK_NS + "definition").text = definition
        for link in used_on:
            SubElement(role_type, LINK_NS + "usedOn").text = f"link:{link}"
    for ns, location in (*IMPORTS, *imports):
        SubElement(schema, XS + "import", {"namespace": ns, "schemaLocation": location})
    if target == tax.namespace:
        per_share = SubElement(SubElement(schema, XS + "complexType", {"name": "perShareItemType"}), XS + "simpleContent")
        SubElement(per_share, XS + "restriction", {"base": "xbrli:decimalItemType"})
    element = XS + "element"
    for d in declarations:
        attrs = {"name": d.name, "id": f"{prefix}_{d.name}", "type": d.type_, "substitutionGroup": d.group,
                 XBRLI_PERIOD: d.period, "nillable": "true"}
        if d.balance:
            attrs[XBRLI_BALANCE] = d.balance
        if d.abstract:
            attrs["abstract"] = "true"
        SubElement(schema, element, attrs)
    return document(schema)


def base_schemas(plan: Plan) -> dict[str, bytes]:
    """The taxonomy's schema (concepts, statement abstracts, axes, domains and members, from taxonomy/ data) and
    the cover schema (the document and entity information elements): the same for every filing."""
    tax = plan.taxonomy
    decls = [ElementDecl(d.name, TYPES[d.data_type].format(p=tax.prefix), "xbrli:item", d.period_type, d.balance,
                         d.abstract) for d in tax.concepts.values()]
    decls += [_abstract(local) for local, *_ in (*STATEMENT_ROOTS.values(), OTHER_ROOT)]
    for axis in sorted(plan.known):
        decls += [_abstract(plan.axis(axis).local, "xbrldt:dimensionItem"), _domain(plan.domain(axis).local)]
    members = {plan.member(m.axis, m.member).local for m in tax.members if m.member}
    decls += [_domain(local) for local in sorted(members)]
    cover = [_abstract(COVER_ABSTRACT[0])]
    cover += [ElementDecl(name, type_) for name, (type_, _) in COVER_ELEMENTS.items()]
    return {plan.base_schema(): _schema(plan, tax.namespace, tax.prefix, decls),
            plan.dei_schema(): _schema(plan, plan.dei_ns, "dei", cover)}


def statement_title(st: Statement) -> str:
    """A statement's printed title in words ("CONSOLIDATED BALANCE SHEETS" -> "Consolidated Balance Sheets")."""
    title = " ".join(st.title.split()).strip(" :.-")
    if not title:
        return STATEMENT_ROOTS.get(st.kind, OTHER_ROOT)[2]
    return string.capwords(title) if title.isupper() else title


@dataclass
class _Links:
    """What the extension files are built from: element declarations, labels, roles and each linkbase's arcs."""

    plan: Plan
    decls: list[ElementDecl] = field(default_factory=list)
    labels: dict[Name, str] = field(default_factory=dict)
    roles: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # uri -> (definition, link elements)
    arcs: dict[str, dict[str, list[Arc]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    statements: dict[str, str] = field(default_factory=dict)  # table id -> its statement role's uri
    kinds: dict[str, str] = field(default_factory=dict)  # table id -> the kind it is presented as

    def role(self, uri: str, category: str, title: str, kind: str) -> list[Arc]:
        """A role numbered after those before it ("0002 - Statement - ..."), or one made before now used by another
        linkbase too; the list its arcs of that linkbase go into."""
        if uri not in self.roles:
            self.roles[uri] = (f"{len(self.roles) + 1:04d} - {category} - {title}", [])
        if f"{KINDS[kind]}Link" not in self.roles[uri][1]:
            self.roles[uri][1].append(f"{KINDS[kind]}Link")
        return self.arcs[kind][uri]

    def label(self, name: Name, text: str) -> Name:
        self.labels.setdefault(name, text or name.local)
        return name


def _presentation(links: _Links, report: Report, facts: list[OutFact]) -> None:
    """The cover role, then one role per statement with facts: its root abstract -> concepts in printed order."""
    plan, tax = links.plan, links.plan.taxonomy
    cover = [o.name for o in facts if o.fact is None]
    if cover:
        arcs = links.role(f"{ROLE_BASE}/Cover", "Document", "Cover", "pre")
        top = links.label(plan.dei(COVER_ABSTRACT[0]), COVER_ABSTRACT[1])
        for n, name in enumerate(cover, start=1):
            label = COVER_ELEMENTS.get(name.local, ("", "Source document name"))[1]
            arcs.append(("parent-child", top, links.label(name, label), {"order": str(n)}))
    concepts: dict[str, dict[Name, str]] = defaultdict(dict)  # table id -> element -> label, in printed order
    placed = sorted(((o.fact, o.name) for o in facts if o.fact is not None), key=lambda fn: (fn[0].line, fn[0].column))
    for f, name in placed:
        concepts[f.table_id].setdefault(name, f.concept.label or f.label)
    used: set[str] = set()
    for st in report.statements:
        if st.table_id not in concepts:
            continue
        title = statement_title(st)
        kind = links.kinds[st.table_id]  # a note beside the statement it details is a disclosure, under no statement root
        local, root_label, _, word = STATEMENT_ROOTS.get(kind, OTHER_ROOT)
        uri = f"{ROLE_BASE}/{word}_{camel_name(title)}"
        uri = uri if uri not in used else f"{uri}_{st.table_id}"
        used.add(uri)
        arcs = links.role(uri, "Statement" if kind in PRIMARY_KINDS else "Disclosure", title, "pre")
        links.statements[st.table_id] = uri
        top = links.label(Name(tax.prefix, tax.namespace, local), root_label)
        for n, (name, label) in enumerate(concepts[st.table_id].items(), start=1):
            arcs.append(("parent-child", top, links.label(name, label), {"order": str(n)}))


def _definition(links: _Links, facts: list[OutFact]) -> None:
    """One role per combination of axes reported together: a closed hypercube of those axes for the concepts
    reported with them; then the axes' defaults."""
    plan, tax = links.plan, links.plan.taxonomy
    members: dict[str, set[str]] = defaultdict(set)
    combos: dict[tuple[str, ...], set[Name]] = defaultdict(set)
    for o in facts:
        for axis, member in o.dims:
            members[axis].add(member)
        if o.dims:
            combos[tuple(a for a, _ in o.dims)].add(o.name)
    for axis in sorted(members):
        words = axis.replace("_", " ")
        if not plan.axis_known(axis):
            links.decls += [_abstract(plan.axis(axis).local, "xbrldt:dimensionItem"), _domain(plan.domain(axis).local)]
        label = {m.axis: m.label for m in tax.members if not m.member}.get(axis, "Total")
        links.label(plan.axis(axis), f"{words.capitalize()} [Axis]")
        links.label(plan.domain(axis), label)
        for member in sorted(members[axis]):
            name = plan.member(axis, member)
            if not plan.member_known(axis, member):
                links.decls.append(_domain(name.local))
            known = [m.label for m in tax.members if m.axis == axis and m.member == member]
            links.label(name, known[0] if known else member.replace("_", " "))
    line_items = links.label(Name(tax.prefix, tax.namespace, "StatementLineItems"), "Statement [Line Items]")
    for i, combo in enumerate(sorted(combos), start=1):
        words = ", ".join(a.replace("_", " ") for a in combo)
        arcs = links.role(f"{ROLE_BASE}/dims/{'-'.join(combo)}", "Disclosure", f"Breakdown by {words}", "def")
        cube = links.label(Name(plan.ext_prefix, plan.ext_ns, f"Breakdown{i}Table"), f"Breakdown by {words} [Table]")
        links.decls.append(_abstract(cube.local, "xbrldt:hypercubeItem"))
        arcs.append(("all", line_items, cube, {clark(XBRLDT, "contextElement"): "segment", clark(XBRLDT, "closed"): "true"}))
        for axis in combo:
            arcs.append(("hypercube-dimension", cube, plan.axis(axis), {}))
            arcs.append(("dimension-domain", plan.axis(axis), plan.domain(axis), {}))
            arcs += [("domain-member", plan.domain(axis), plan.member(axis, m), {}) for m in sorted(members[axis])]
        arcs += [("domain-member", line_items, name, {}) for name in sorted(combos[combo], key=lambda n: n.text)]
    if members:
        arcs = links.role(f"{ROLE_BASE}/dims/defaults", "Disclosure", "Dimension defaults", "def")
        arcs += [("dimension-default", plan.axis(a), plan.domain(a), {}) for a in sorted(members)]


def _calculation(links: _Links, report: Report) -> None:
    """One role per calculation group of taxonomy/ the checks apply to this filing, then each statement's role with
    the sums its checks test (calc_network.calc_networks), passing or failing."""
    tax = links.plan.taxonomy
    groups = calc_groups(tax)
    for group in report_groups(report, tax):
        arcs = links.role(f"{ROLE_BASE}/calc/{group}", "Disclosure", f"Calculation: {group.replace('_', ' ')}", "cal")
        for n, a in enumerate(groups[group], start=1):
            parent, child = (Name(tax.prefix, tax.namespace, local) for local in (a.parent, a.child))
            links.label(parent, tax.concepts[a.parent].label)
            links.label(child, tax.concepts[a.child].label)
            arcs.append(("summation-item", parent, child, {"weight": f"{a.weight}.0", "order": str(n)}))
    titles = {st.table_id: st for st in report.statements}
    for s in report.calc_networks if report.calc_networks is not None else calc_networks(report)[0]:
        st = titles[s.table_id]
        uri = links.statements.get(s.table_id) or f"{ROLE_BASE}/Calculation_{s.table_id}"
        category = "Statement" if links.kinds[s.table_id] in PRIMARY_KINDS else "Disclosure"
        arcs = links.role(uri, category, statement_title(st), "cal")
        parent = links.label(links.plan.concept(s.parent), s.parent.label)
        for n, (item, weight) in enumerate(s.items, start=1):
            arcs.append(("summation-item", parent, links.label(links.plan.concept(item), item.label),
                         {"weight": f"{weight}.0", "order": str(n)}))


def _hrefs(plan: Plan) -> Callable[[Name], str]:
    """Where an element is declared, as a locator's href."""
    schema = {plan.taxonomy.namespace: plan.base_schema(), plan.dei_ns: plan.dei_schema()}
    extension = plan.files()["schema"]
    return lambda name: f"{schema.get(name.namespace, extension)}#{name.id}"


def _linkbase(plan: Plan, kind: str, links: _Links) -> bytes:
    """A presentation, calculation or definition linkbase: role refs, arcrole refs, then one extended link per role,
    each locator and each arc once."""
    networks, href, schema = links.arcs[kind], _hrefs(plan), plan.files()["schema"]
    linkbase = Element(LINK_NS + "linkbase", nsmap={"link": LINK, "xlink": XLINK, "xbrldt": XBRLDT})
    role_ids = {uri: f"role{n}" for n, uri in enumerate(links.roles, start=1)}
    for uri in networks:
        SubElement(linkbase, LINK_NS + "roleRef", {"roleURI": uri, XL_TYPE: "simple", XL_HREF: f"{schema}#{role_ids[uri]}"})
    used = sorted({a[0] for arcs in networks.values() for a in arcs if ARCROLES[a[0]].startswith("http://xbrl.org/")})
    for arcrole in used:
        SubElement(linkbase, LINK_NS + "arcroleRef", {"arcroleURI": ARCROLES[arcrole], XL_TYPE: "simple",
                                                      XL_HREF: f"http://www.xbrl.org/2005/xbrldt-2005.xsd#{arcrole}"})
    link_tag, loc_tag, arc_tag = (f"{LINK_NS}{KINDS[kind]}Link", LINK_NS + "loc", f"{LINK_NS}{KINDS[kind]}Arc")
    for uri, arcs in networks.items():
        link = SubElement(linkbase, link_tag, {XL_TYPE: "extended", XL_ROLE: uri})
        located: set[str] = set()
        done: set[tuple[str, str, str]] = set()
        for arcrole, frm, to, extra in arcs:
            ids = (arcrole, frm.id, to.id)
            if ids in done:
                continue
            done.add(ids)
            for name, name_id in ((frm, ids[1]), (to, ids[2])):
                if name_id not in located:
                    located.add(name_id)
                    SubElement(link, loc_tag, {XL_TYPE: "locator", XL_HREF: href(name), XL_LABEL: name_id})
            SubElement(link, arc_tag, {XL_TYPE: "arc", XL_ARCROLE: ARCROLES[arcrole], XL_FROM: ids[1], XL_TO: ids[2],
                                       **extra})
    return document(linkbase)


def _label_linkbase(plan: Plan, labels: dict[Name, str]) -> bytes:
    """The label linkbase: one standard US English label per element the filing's linkbases or facts use."""
    href = _hrefs(plan)
    linkbase = Element(LINK_NS + "linkbase", nsmap={"link": LINK, "xlink": XLINK})
    link = SubElement(linkbase, LINK_NS + "labelLink", {XL_TYPE: "extended", XL_ROLE: LINK_ROLE})
    loc_tag, label_tag, arc_tag, lang = LINK_NS + "loc", LINK_NS + "label", LINK_NS + "labelArc", clark(XML_NS, "lang")
    for name in sorted(labels, key=lambda n: n.text):
        loc, lab = f"loc_{name.id}", f"lab_{name.id}"
        SubElement(link, loc_tag, {XL_TYPE: "locator", XL_HREF: href(name), XL_LABEL: loc})
        SubElement(link, label_tag, {XL_TYPE: "resource", XL_LABEL: lab, XL_ROLE: LABEL_ROLE, lang: LANG}).text = labels[name]
        SubElement(link, arc_tag, {XL_TYPE: "arc", XL_ARCROLE: CONCEPT_LABEL, XL_FROM: loc, XL_TO: lab})
    return document(linkbase)


def extension_files(report: Report, plan: Plan, facts: list[OutFact]) -> dict[str, bytes]:
    """The per-filing extension schema and its label, presentation, calculation and definition linkbases."""
    tax, files = plan.taxonomy, plan.files()
    links = _Links(plan, kinds=presented_kinds(report.statements))
    extension = {o.name.local: o.fact.concept for o in facts if o.fact is not None and o.fact.concept.extension}
    for local in sorted(extension):
        c = extension[local]
        links.decls.append(ElementDecl(local, TYPES[c.data_type].format(p=tax.prefix), "xbrli:item", c.period_type,
                                       c.balance))
    for o in facts:
        if o.fact is not None:
            links.label(o.name, o.fact.concept.label or o.fact.label)
    _presentation(links, report, facts)
    _definition(links, facts)
    _calculation(links, report)
    roles = [(uri, f"role{n}", definition, tuple(used))
             for n, (uri, (definition, used)) in enumerate(links.roles.items(), start=1)]
    imports = [(tax.namespace, plan.base_schema()), (plan.dei_ns, plan.dei_schema())]
    return {
        files["schema"]: _schema(plan, plan.ext_ns, plan.ext_prefix, links.decls, imports, roles, linkbases=True),
        files["lab"]: _label_linkbase(plan, links.labels),
        **{files[kind]: _linkbase(plan, kind, links) for kind in ("pre", "cal", "def")},
    }
