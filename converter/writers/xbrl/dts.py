"""A mapped Report -> its extension schema and the label, presentation, calculation and definition linkbases.

The files follow the EDGAR convention: <stem>.xsd with <stem>_lab.xml, _pre.xml, _cal.xml and _def.xml; one
extended link role per statement, defined as "0002 - Statement - Consolidated Balance Sheets" and rooted in a
standard statement abstract; US English labels; domains and members of the domain item type."""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from lxml.etree import Element

from ...checks.calc import calc_groups, report_groups
from ...checks.calc_network import PRIMARY_KINDS, calc_networks
from ...mapping.evidence import presented_kinds
from ...mapping.normalise import camel_name
from ...model import Report, Statement
from .cover import COVER_ABSTRACT, COVER_ELEMENTS
from .instance import OutFact
from .names import (LABEL_ROLE, LINK, ROLE_BASE, XBRLDT, XL_ARCROLE, XL_FROM, XL_HREF, XL_LABEL, XL_ROLE, XL_TO,
                    XL_TYPE, XLINK, XML_NS, Name, Plan, child, clark, document)
from .schemas import KINDS, LINK_NS, OTHER_ROOT, STATEMENT_ROOTS, TYPES, ElementDecl, abstract, domain, schema

ARCROLES = {**{name: f"http://xbrl.org/int/dim/arcrole/{name}" for name in (
    "all", "hypercube-dimension", "dimension-domain", "domain-member", "dimension-default")},
    "parent-child": "http://www.xbrl.org/2003/arcrole/parent-child",
    "summation-item": "http://www.xbrl.org/2003/arcrole/summation-item"}
CUBE = {clark(XBRLDT, "contextElement"): "segment", clark(XBRLDT, "closed"): "true"}
"""The attributes of an arc to a closed hypercube of segment dimensions."""

Arc = tuple[str, Name, Name, dict[str, str]]
"""(arcrole name, from, to, further attributes)."""


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
    kinds: dict[str, str]  # table id -> the kind it is presented as (presented_kinds)
    decls: list[ElementDecl] = field(default_factory=list)
    labels: dict[Name, str] = field(default_factory=dict)
    roles: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # uri -> (definition, link elements)
    arcs: dict[str, dict[str, list[Arc]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    statements: dict[str, str] = field(default_factory=dict)  # table id -> its statement role's uri

    def role(self, uri: str, category: str, title: str, kind: str) -> list[Arc]:
        """A role numbered after those before it ("0002 - Statement - ..."), or one made before now used by another
        linkbase too; the list its arcs of that linkbase go into."""
        definition, used_on = self.roles.setdefault(uri, (f"{len(self.roles) + 1:04d} - {category} - {title}", []))
        if f"{KINDS[kind]}Link" not in used_on:
            used_on.append(f"{KINDS[kind]}Link")
        return self.arcs[kind][uri]

    def label(self, name: Name, text: str) -> Name:
        self.labels.setdefault(name, text or name.local)
        return name

    def category(self, table_id: str) -> str:
        return "Statement" if self.kinds[table_id] in PRIMARY_KINDS else "Disclosure"


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
        local, root_label, _, word = STATEMENT_ROOTS.get(links.kinds[st.table_id], OTHER_ROOT)  # a note beside the
        uri = f"{ROLE_BASE}/{word}_{camel_name(title)}"  # statement it details is a disclosure, under no statement root
        uri = uri if uri not in used else f"{uri}_{st.table_id}"
        used.add(uri)
        arcs = links.role(uri, links.category(st.table_id), title, "pre")
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
        if o.dims:
            for axis, member in o.dims:
                members[axis].add(member)
            combos[tuple(a for a, _ in o.dims)].add(o.name)
    totals = {m.axis: m.label for m in tax.members if not m.member}
    known = {(m.axis, m.member): m.label for m in reversed(tax.members)}  # the first label of each
    for axis in sorted(members):
        if not plan.axis_known(axis):
            links.decls += [abstract(plan.axis(axis).local, "xbrldt:dimensionItem"), domain(plan.domain(axis).local)]
        links.label(plan.axis(axis), f"{axis.replace('_', ' ').capitalize()} [Axis]")
        links.label(plan.domain(axis), totals.get(axis, "Total"))
        for member in sorted(members[axis]):
            name = plan.member(axis, member)
            if not plan.member_known(axis, member):
                links.decls.append(domain(name.local))
            links.label(name, known.get((axis, member), member.replace("_", " ")))
    line_items = links.label(Name(tax.prefix, tax.namespace, "StatementLineItems"), "Statement [Line Items]")
    for i, combo in enumerate(sorted(combos), start=1):
        words = ", ".join(a.replace("_", " ") for a in combo)
        arcs = links.role(f"{ROLE_BASE}/dims/{'-'.join(combo)}", "Disclosure", f"Breakdown by {words}", "def")
        cube = links.label(Name(plan.ext_prefix, plan.ext_ns, f"Breakdown{i}Table"), f"Breakdown by {words} [Table]")
        links.decls.append(abstract(cube.local, "xbrldt:hypercubeItem"))
        arcs.append(("all", line_items, cube, CUBE))
        for axis in combo:
            arcs += [("hypercube-dimension", cube, plan.axis(axis), {}),
                     ("dimension-domain", plan.axis(axis), plan.domain(axis), {})]
            arcs += [("domain-member", plan.domain(axis), plan.member(axis, m), {}) for m in sorted(members[axis])]
        arcs += [("domain-member", line_items, name, {}) for name in sorted(combos[combo], key=lambda n: n.text)]
    if members:
        arcs = links.role(f"{ROLE_BASE}/dims/defaults", "Disclosure", "Dimension defaults", "def")
        arcs += [("dimension-default", plan.axis(a), plan.domain(a), {}) for a in sorted(members)]


def _calculation(links: _Links, report: Report) -> None:
    """One role per calculation group of taxonomy/ the checks apply to this filing, then each statement's role with
    the sums its checks test (calc_network.calc_networks), passing or failing."""
    plan, tax = links.plan, links.plan.taxonomy
    groups = calc_groups(tax)
    for group in report_groups(report, tax):
        arcs = links.role(f"{ROLE_BASE}/calc/{group}", "Disclosure", f"Calculation: {group.replace('_', ' ')}", "cal")
        for n, a in enumerate(groups[group], start=1):
            parent, child = (links.label(Name(tax.prefix, tax.namespace, local), tax.concepts[local].label)
                             for local in (a.parent, a.child))
            arcs.append(("summation-item", parent, child, {"weight": f"{a.weight}.0", "order": str(n)}))
    titles = {st.table_id: st for st in report.statements}
    for s in report.calc_networks if report.calc_networks is not None else calc_networks(report)[0]:
        uri = links.statements.get(s.table_id) or f"{ROLE_BASE}/Calculation_{s.table_id}"
        arcs = links.role(uri, links.category(s.table_id), statement_title(titles[s.table_id]), "cal")
        parent = links.label(plan.concept(s.parent), s.parent.label)
        for n, (item, weight) in enumerate(s.items, start=1):
            arcs.append(("summation-item", parent, links.label(plan.concept(item), item.label),
                         {"weight": f"{weight}.0", "order": str(n)}))


def _hrefs(plan: Plan) -> Callable[[Name], str]:
    """Where an element is declared, as a locator's href."""
    schemas = {plan.taxonomy.namespace: plan.base_schema(), plan.dei_ns: plan.dei_schema()}
    extension = plan.files()["schema"]
    return lambda name: f"{schemas.get(name.namespace, extension)}#{name.id}"


def _linkbase(plan: Plan, kind: str, links: _Links) -> bytes:
    """A presentation, calculation or definition linkbase: role refs, arcrole refs, then one extended link per role,
    each locator and each arc once."""
    networks, href, schema_file = links.arcs[kind], _hrefs(plan), plan.files()["schema"]
    linkbase = Element(LINK_NS + "linkbase", nsmap={"link": LINK, "xlink": XLINK, "xbrldt": XBRLDT})
    role_ids = {uri: f"role{n}" for n, uri in enumerate(links.roles, start=1)}
    for uri in networks:
        child(linkbase, LINK_NS + "roleRef", {"roleURI": uri, XL_TYPE: "simple",
                                              XL_HREF: f"{schema_file}#{role_ids[uri]}"})
    for arcrole in sorted({a[0] for arcs in networks.values() for a in arcs
                           if ARCROLES[a[0]].startswith("http://xbrl.org/")}):
        child(linkbase, LINK_NS + "arcroleRef", {"arcroleURI": ARCROLES[arcrole], XL_TYPE: "simple",
                                                 XL_HREF: f"http://www.xbrl.org/2005/xbrldt-2005.xsd#{arcrole}"})
    link_tag, loc_tag, arc_tag = f"{LINK_NS}{KINDS[kind]}Link", LINK_NS + "loc", f"{LINK_NS}{KINDS[kind]}Arc"
    for uri, arcs in networks.items():
        link = child(linkbase, link_tag, {XL_TYPE: "extended", XL_ROLE: uri})
        located: set[str] = set()
        done: set[tuple[str, str, str]] = set()
        for arcrole, frm, to, extra in arcs:
            key = (arcrole, frm.id, to.id)
            if key in done:
                continue
            done.add(key)
            for name, name_id in ((frm, key[1]), (to, key[2])):
                if name_id not in located:
                    located.add(name_id)
                    child(link, loc_tag, {XL_TYPE: "locator", XL_HREF: href(name), XL_LABEL: name_id})
            child(link, arc_tag, {XL_TYPE: "arc", XL_ARCROLE: ARCROLES[arcrole], XL_FROM: key[1], XL_TO: key[2],
                                  **extra})
    return document(linkbase)


def _label_linkbase(plan: Plan, labels: dict[Name, str]) -> bytes:
    """The label linkbase: one standard US English label per element the filing's linkbases or facts use."""
    href = _hrefs(plan)
    linkbase = Element(LINK_NS + "linkbase", nsmap={"link": LINK, "xlink": XLINK})
    link = child(linkbase, LINK_NS + "labelLink", {XL_TYPE: "extended", XL_ROLE: "http://www.xbrl.org/2003/role/link"})
    loc_tag, label_tag, arc_tag, lang = LINK_NS + "loc", LINK_NS + "label", LINK_NS + "labelArc", clark(XML_NS, "lang")
    for name in sorted(labels, key=lambda n: n.text):
        loc, lab = f"loc_{name.id}", f"lab_{name.id}"
        child(link, loc_tag, {XL_TYPE: "locator", XL_HREF: href(name), XL_LABEL: loc})
        child(link, label_tag, {XL_TYPE: "resource", XL_LABEL: lab, XL_ROLE: LABEL_ROLE,
                                lang: "en-US"}).text = labels[name]
        child(link, arc_tag, {XL_TYPE: "arc", XL_ARCROLE: "http://www.xbrl.org/2003/arcrole/concept-label",
                              XL_FROM: loc, XL_TO: lab})
    return document(linkbase)


def extension_files(report: Report, plan: Plan, facts: list[OutFact]) -> dict[str, bytes]:
    """The per-filing extension schema and its label, presentation, calculation and definition linkbases."""
    tax, files = plan.taxonomy, plan.files()
    links = _Links(plan, presented_kinds(report.statements))
    extension = {o.name.local: o.fact.concept for o in facts if o.fact is not None and o.fact.concept.extension}
    links.decls += [ElementDecl(local, TYPES[c.data_type].format(p=tax.prefix), "xbrli:item", c.period_type, c.balance)
                    for local, c in sorted(extension.items())]
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
        files["schema"]: schema(plan, plan.ext_ns, plan.ext_prefix, links.decls, imports, roles, linkbases=True),
        files["lab"]: _label_linkbase(plan, links.labels),
        **{files[kind]: _linkbase(plan, kind, links) for kind in ("pre", "cal", "def")},
    }
