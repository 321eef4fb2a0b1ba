"""Taxonomy data + a mapped Report -> the schemas and linkbases the instance references (one source of truth)."""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from ...checks.calc import active_groups, calc_groups
from ...mapping.load import Taxonomy
from ...model import Report
from .names import LABEL_ROLE, LINK, ROLE_BASE, XBRLDT, XBRLI, XLINK, XSD, Name, Plan, fact_dims

XML_NS = "http://www.w3.org/XML/1998/namespace"
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
LINKBASE_REF_ROLES = {"lab": "http://www.xbrl.org/2003/role/labelLinkbaseRef",
                      "pre": "http://www.xbrl.org/2003/role/presentationLinkbaseRef",
                      "cal": "http://www.xbrl.org/2003/role/calculationLinkbaseRef",
                      "def": "http://www.xbrl.org/2003/role/definitionLinkbaseRef"}
Arc = tuple[Name, Name, dict[str, str]]


def _q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _schema(target: str, prefix: str, extra_ns: dict[str, str]) -> etree._Element:
    nsmap = {"xs": XSD, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, prefix: target, **extra_ns}
    root = etree.Element(_q(XSD, "schema"), nsmap=nsmap, targetNamespace=target, elementFormDefault="qualified",
                         attributeFormDefault="unqualified")
    etree.SubElement(root, _q(XSD, "annotation")).append(etree.Element(_q(XSD, "appinfo")))
    return root


def _appinfo(root: etree._Element) -> etree._Element:
    return root[0][0]


def _linkbase_ref(root: etree._Element, href: str, kind: str) -> None:
    etree.SubElement(_appinfo(root), _q(LINK, "linkbaseRef"), {
        _q(XLINK, "type"): "simple", _q(XLINK, "href"): href, _q(XLINK, "role"): LINKBASE_REF_ROLES[kind],
        _q(XLINK, "arcrole"): "http://www.w3.org/1999/xlink/properties/linkbase"})


def _import(root: etree._Element, ns: str, location: str) -> None:
    etree.SubElement(root, _q(XSD, "import"), namespace=ns, schemaLocation=location)


def _element(root: etree._Element, name: str, type_: str, group: str, period: str, balance: str | None = None,
             abstract: bool = False) -> None:
    attrs = {"name": name, "id": f"{root.get('targetNamespace') and _prefix_of(root)}_{name}", "type": type_,
             "substitutionGroup": group, _q(XBRLI, "periodType"): period, "nillable": "true"}
    if balance:
        attrs[_q(XBRLI, "balance")] = balance
    if abstract:
        attrs["abstract"] = "true"
    etree.SubElement(root, _q(XSD, "element"), attrs)


def _prefix_of(root: etree._Element) -> str:
    target = root.get("targetNamespace")
    return next(p for p, ns in root.nsmap.items() if ns == target and p not in ("xs", "xbrli", "link", "xlink"))


_BASE_FILES: dict[int, tuple[Taxonomy, dict[str, bytes]]] = {}
"""id(taxonomy) -> (taxonomy, its base files): they depend on the taxonomy alone, so are built once per process."""


def base_schema(plan: Plan) -> dict[str, bytes]:
    """The taxonomy schema (concepts, axes, members) and its label linkbase, from taxonomy/ data."""
    tax = plan.taxonomy
    cached = _BASE_FILES.get(id(tax))
    if cached is None or cached[0] is not tax:
        cached = _BASE_FILES[id(tax)] = (tax, _base_files(plan))
    return dict(cached[1])


def _base_files(plan: Plan) -> dict[str, bytes]:
    """base_schema() built afresh (it names nothing of the filing: only taxonomy names and files)."""
    tax = plan.taxonomy
    files = plan.files()
    root = _schema(tax.namespace, tax.prefix, {})
    _linkbase_ref(root, files["base_lab"], "lab")
    _import(root, XBRLI, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd")
    _import(root, XBRLDT, "http://www.xbrl.org/2005/xbrldt-2005.xsd")
    ct = etree.SubElement(root, _q(XSD, "complexType"), name="perShareItemType")
    etree.SubElement(etree.SubElement(ct, _q(XSD, "simpleContent")), _q(XSD, "restriction"),
                     base="xbrli:decimalItemType")
    labels: list[tuple[Name, str]] = []
    for d in tax.concepts.values():
        _element(root, d.name, TYPES[d.data_type].format(p=tax.prefix), "xbrli:item", d.period_type, d.balance,
                 d.abstract)
        labels.append((Name(tax.prefix, tax.namespace, d.name), d.label))
    axes = list(dict.fromkeys(m.axis for m in tax.members))
    for axis in axes:
        a, dom = plan.axis(axis), plan.domain(axis)
        _element(root, a.local, "xbrli:stringItemType", "xbrldt:dimensionItem", "duration", abstract=True)
        _element(root, dom.local, "xbrli:stringItemType", "xbrli:item", "duration", abstract=True)
        default = next((m.label for m in tax.members if m.axis == axis and not m.member), "Total")
        labels += [(a, f"{axis.replace('_', ' ').capitalize()} [Axis]"), (dom, default)]
    declared: set[str] = set()
    for m in tax.members:
        if m.member:
            name = plan.member(m.axis, m.member)
            if name.local not in declared:
                declared.add(name.local)
                _element(root, name.local, "xbrli:stringItemType", "xbrli:item", "duration", abstract=True)
                labels.append((name, m.label))
    return {plan.base_schema(): _xml(root), files["base_lab"]: label_linkbase(plan, labels)}


def _href(plan: Plan, name: Name) -> str:
    schema = plan.base_schema() if name.namespace == plan.taxonomy.namespace else plan.files()["schema"]
    return f"{schema}#{name.id}"


def _linkbase() -> etree._Element:
    return etree.Element(_q(LINK, "linkbase"), nsmap={"link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "xml": XML_NS})


def label_linkbase(plan: Plan, labels: list[tuple[Name, str]]) -> bytes:
    """A label linkbase: one standard English label per element."""
    root = _linkbase()
    link = etree.SubElement(root, _q(LINK, "labelLink"), {_q(XLINK, "type"): "extended",
                                                         _q(XLINK, "role"): "http://www.xbrl.org/2003/role/link"})
    done: set[str] = set()
    for name, text in sorted(set(labels), key=lambda x: (x[0].text, x[1])):
        if name.id in done:
            continue
        done.add(name.id)
        etree.SubElement(link, _q(LINK, "loc"), {_q(XLINK, "type"): "locator", _q(XLINK, "href"): _href(plan, name),
                                                 _q(XLINK, "label"): f"loc_{name.id}"})
        lab = etree.SubElement(link, _q(LINK, "label"), {_q(XLINK, "type"): "resource",
                                                        _q(XLINK, "label"): f"lab_{name.id}",
                                                        _q(XLINK, "role"): LABEL_ROLE, _q(XML_NS, "lang"): "en"})
        lab.text = text or name.local
        etree.SubElement(link, _q(LINK, "labelArc"), {
            _q(XLINK, "type"): "arc", _q(XLINK, "arcrole"): "http://www.xbrl.org/2003/arcrole/concept-label",
            _q(XLINK, "from"): f"loc_{name.id}", _q(XLINK, "to"): f"lab_{name.id}"})
    return _xml(root)


def _relation_linkbase(plan: Plan, kind: str, networks: dict[str, list[tuple[str, Arc]]],
                       role_ids: dict[str, str]) -> bytes:
    """A presentation/calculation/definition linkbase: role URI -> arcs (arcrole name, (from, to, attrs))."""
    root = _linkbase()
    schema = plan.files()["schema"]
    for role in sorted(networks):
        etree.SubElement(root, _q(LINK, "roleRef"), {"roleURI": role, _q(XLINK, "type"): "simple",
                                                     _q(XLINK, "href"): f"{schema}#{role_ids[role]}"})
    used = sorted({arcrole for arcs in networks.values() for arcrole, _ in arcs if ARCROLES[arcrole].startswith(
        "http://xbrl.org/int/dim/")})
    for arcrole in used:
        etree.SubElement(root, _q(LINK, "arcroleRef"), {
            "arcroleURI": ARCROLES[arcrole], _q(XLINK, "type"): "simple",
            _q(XLINK, "href"): f"http://www.xbrl.org/2005/xbrldt-2005.xsd#{arcrole}"})
    for role in sorted(networks):
        link = etree.SubElement(root, _q(LINK, f"{kind}Link"), {_q(XLINK, "type"): "extended", _q(XLINK, "role"): role})
        locs: set[str] = set()
        seen: set[tuple[str, str, str]] = set()
        for arcrole, (frm, to, attrs) in networks[role]:
            if (arcrole, frm.id, to.id) in seen:
                continue
            seen.add((arcrole, frm.id, to.id))
            for n in (frm, to):
                if n.id not in locs:
                    locs.add(n.id)
                    etree.SubElement(link, _q(LINK, "loc"), {_q(XLINK, "type"): "locator",
                                                             _q(XLINK, "href"): _href(plan, n),
                                                             _q(XLINK, "label"): n.id})
            arc = {_q(XLINK, "type"): "arc", _q(XLINK, "arcrole"): ARCROLES[arcrole], _q(XLINK, "from"): frm.id,
                   _q(XLINK, "to"): to.id}
            arc.update(attrs)
            etree.SubElement(link, _q(LINK, f"{kind}Arc"), arc)
    return _xml(root)


def extension_files(report: Report, plan: Plan) -> dict[str, bytes]:
    """The per-filing extension schema and its label, presentation, calculation and definition linkbases."""
    tax, files = plan.taxonomy, plan.files()
    ext_ns, ext_p = plan.ext_ns, plan.ext_prefix
    root = _schema(ext_ns, ext_p, {tax.prefix: tax.namespace})
    for kind in ("lab", "pre", "cal", "def"):
        _linkbase_ref(root, files[kind], kind)
    _import(root, XBRLI, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd")
    _import(root, XBRLDT, "http://www.xbrl.org/2005/xbrldt-2005.xsd")
    _import(root, tax.namespace, plan.base_schema())
    labels: list[tuple[Name, str]] = []
    facts = report.facts
    ext_concepts = {}
    for f in facts:
        if f.concept.extension:
            ext_concepts.setdefault(f.concept.qname.local, f.concept)
    for local in sorted(ext_concepts):
        c = ext_concepts[local]
        _element(root, local, TYPES[c.data_type].format(p=tax.prefix), "xbrli:item", c.period_type, c.balance)
        labels.append((plan.concept(c), c.label or local))
    # dimensions: every axis combination used gets its own hypercube in its own role
    members_of: dict[str, set[str]] = defaultdict(set)
    combos: dict[tuple[str, ...], set[Name]] = defaultdict(set)
    for f in facts:
        dims = fact_dims(f)
        for axis, member in dims:
            members_of[axis].add(member)
        if dims:
            combos[tuple(a for a, _ in dims)].add(plan.concept(f.concept))
    for axis in sorted(members_of):
        if not plan.axis_known(axis):
            _element(root, plan.axis(axis).local, "xbrli:stringItemType", "xbrldt:dimensionItem", "duration",
                     abstract=True)
            _element(root, plan.domain(axis).local, "xbrli:stringItemType", "xbrli:item", "duration", abstract=True)
            labels += [(plan.axis(axis), f"{axis.replace('_', ' ').capitalize()} [Axis]"),
                       (plan.domain(axis), "Total")]
        for member in sorted(members_of[axis]):
            if not plan.member_known(axis, member):
                name = plan.member(axis, member)
                _element(root, name.local, "xbrli:stringItemType", "xbrli:item", "duration", abstract=True)
                labels.append((name, member.replace("_", " ")))
    roles: dict[str, tuple[str, str]] = {}
    definition: dict[str, list[tuple[str, Arc]]] = defaultdict(list)
    line_items = Name(tax.prefix, tax.namespace, "StatementLineItems")
    for i, combo in enumerate(sorted(combos), start=1):
        role = f"{ROLE_BASE}/dims/{'-'.join(combo)}"
        roles[role] = ("definitionLink", f"Breakdown by {', '.join(combo)}")
        cube = Name(ext_p, ext_ns, f"Breakdown{i}Table")
        _element(root, cube.local, "xbrli:stringItemType", "xbrldt:hypercubeItem", "duration", abstract=True)
        labels.append((cube, f"Breakdown by {', '.join(combo)} [Table]"))
        arcs = definition[role]
        arcs.append(("all", (line_items, cube, {_q(XBRLDT, "contextElement"): "segment",
                                                _q(XBRLDT, "closed"): "true"})))
        for axis in combo:
            arcs.append(("hypercube-dimension", (cube, plan.axis(axis), {})))
            arcs.append(("dimension-domain", (plan.axis(axis), plan.domain(axis), {})))
            for member in sorted(members_of[axis]):
                arcs.append(("domain-member", (plan.domain(axis), plan.member(axis, member), {})))
        for concept in sorted(combos[combo], key=lambda n: n.text):
            arcs.append(("domain-member", (line_items, concept, {})))
    if members_of:
        role = f"{ROLE_BASE}/dims/defaults"
        roles[role] = ("definitionLink", "Dimension defaults")
        definition[role] = [("dimension-default", (plan.axis(a), plan.domain(a), {})) for a in sorted(members_of)]
    presentation: dict[str, list[tuple[str, Arc]]] = defaultdict(list)
    for st in report.statements:
        if not st.facts:
            continue
        role = f"{ROLE_BASE}/table/{st.table_id}"
        roles[role] = ("presentationLink", st.title or st.table_id)
        ordered = sorted(st.facts, key=lambda f: (f.line, f.column))
        for n, concept in enumerate(dict.fromkeys(plan.concept(f.concept) for f in ordered), start=1):
            presentation[role].append(("parent-child", (line_items, concept, {"order": str(n)})))
    calculation: dict[str, list[tuple[str, Arc]]] = defaultdict(list)
    groups = calc_groups(tax)
    for group in active_groups(report, tax):
        role = f"{ROLE_BASE}/calc/{group}"
        roles[role] = ("calculationLink", f"Calculation: {group.replace('_', ' ')}")
        for n, arc in enumerate(groups[group], start=1):
            parent, child = (Name(tax.prefix, tax.namespace, x) for x in (arc.parent, arc.child))
            calculation[role].append(("summation-item", (parent, child, {"weight": f"{arc.weight}.0",
                                                                          "order": str(n)})))
    appinfo = _appinfo(root)
    role_ids = {role: f"role{n}" for n, role in enumerate(sorted(roles), start=1)}
    for n, role in enumerate(sorted(roles), start=1):
        used_on, definition_text = roles[role]
        rt = etree.SubElement(appinfo, _q(LINK, "roleType"), roleURI=role, id=f"role{n}")
        etree.SubElement(rt, _q(LINK, "definition")).text = definition_text
        etree.SubElement(rt, _q(LINK, "usedOn")).text = f"link:{used_on}"
    return {
        files["schema"]: _xml(root),
        files["lab"]: label_linkbase(plan, labels),
        files["pre"]: _relation_linkbase(plan, "presentation", presentation, role_ids),
        files["cal"]: _relation_linkbase(plan, "calculation", calculation, role_ids),
        files["def"]: _relation_linkbase(plan, "definition", definition, role_ids),
    }
