"""Taxonomy data + a mapped Report -> the schemas and linkbases the instance references (one source of truth)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Callable, TypeVar

from ...checks.calc import calc_groups, report_groups
from ...mapping.load import Taxonomy
from ...model import Concept, Report
from ..identity import per_object
from .names import (
    LABEL_ROLE,
    LINK,
    ROLE_BASE,
    XBRLDT,
    XBRLI,
    XLINK,
    XSD,
    Name,
    Plan,
    clean_dims,
    concept_names,
)
from .xmltext import Document, Fragment, attr, attributes

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
IMPORTS = ((XBRLI, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
           (XBRLDT, "http://www.xbrl.org/2005/xbrldt-2005.xsd"))
CONCEPT_LABEL = "http://www.xbrl.org/2003/arcrole/concept-label"
T = TypeVar("T")
Arc = tuple[Name, Name, str]
Networks = dict[str, list[tuple[str, Arc]]]
"""Role URI -> arcs in order: (arcrole name, (from, to, extra attributes as text, attributes() of them))."""


@dataclass(frozen=True, slots=True)
class ElementDecl:
    """One xs:element of a generated schema."""

    name: str  # local name
    type_: str  # xbrli:monetaryItemType, ...
    group: str  # substitution group
    period: str  # xbrli:periodType
    balance: str | None = None  # xbrli:balance, if any
    abstract: bool = False  # abstract="true"


def _abstract(name: str, group: str = "xbrli:item") -> ElementDecl:
    return ElementDecl(name, "xbrli:stringItemType", group, "duration", abstract=True)


def _schema(target: str, prefix: str, extra_ns: dict[str, str], refs: list[tuple[str, str]],
            roles: list[tuple[str, str, str, str]], imports: tuple[tuple[str, str], ...],
            declarations: list[ElementDecl], per_share_type: bool = False) -> bytes:
    """A schema: linkbase refs (href, kind) and role types (uri, id, definition, used on) in its appinfo, then
    imports (namespace, location), the perShareItemType when asked, then the elements."""
    nsmap = {"xs": XSD, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, prefix: target, **extra_ns}
    doc = Document("xs:schema", nsmap, {"targetNamespace": target, "elementFormDefault": "qualified",
                                        "attributeFormDefault": "unqualified"})
    doc.start("xs:annotation")
    doc.start("xs:appinfo")
    for href, kind in refs:
        doc.leaf("link:linkbaseRef", {"xlink:type": "simple", "xlink:href": href,
                                      "xlink:role": LINKBASE_REF_ROLES[kind],
                                      "xlink:arcrole": "http://www.w3.org/1999/xlink/properties/linkbase"})
    for uri, role_id, definition, used_on in roles:
        doc.start("link:roleType", {"roleURI": uri, "id": role_id})
        doc.leaf("link:definition", content=definition)
        doc.leaf("link:usedOn", content=f"link:{used_on}")
        doc.end()
    doc.end()
    doc.end()
    for ns, location in imports:
        doc.leaf("xs:import", {"namespace": ns, "schemaLocation": location})
    if per_share_type:
        doc.start("xs:complexType", {"name": "perShareItemType"})
        doc.start("xs:simpleContent")
        doc.leaf("xs:restriction", {"base": "xbrli:decimalItemType"})
        doc.end()
        doc.end()
    for d in declarations:
        attrs = {"name": d.name, "id": f"{prefix}_{d.name}", "type": d.type_, "substitutionGroup": d.group,
                 "xbrli:periodType": d.period, "nillable": "true"}
        if d.balance:
            attrs["xbrli:balance"] = d.balance
        if d.abstract:
            attrs["abstract"] = "true"
        doc.leaf("xs:element", attrs)
    return doc.to_bytes()


_PER_TAXONOMY: dict[tuple[int, str], tuple[Taxonomy, object]] = {}
"""(id(taxonomy), part) -> (taxonomy, the part): parts naming nothing of a filing are built once per process."""


def _per_taxonomy(tax: Taxonomy, part: str, make: Callable[[], T]) -> T:
    """make(), kept for this taxonomy object under the name part."""
    cached = _PER_TAXONOMY.get((id(tax), part))
    if cached is None or cached[0] is not tax:
        if len(_PER_TAXONOMY) >= 4096:  # bounded: a process loads few taxonomies
            _PER_TAXONOMY.clear()
        cached = _PER_TAXONOMY[(id(tax), part)] = (tax, make())
    return cached[1]  # type: ignore[return-value]


def base_schema(plan: Plan) -> dict[str, bytes]:
    """The taxonomy schema (concepts, axes, members) and its label linkbase, from taxonomy/ data."""
    return dict(_per_taxonomy(plan.taxonomy, "base files", lambda: _base_files(plan)))


def _base_files(plan: Plan) -> dict[str, bytes]:
    """base_schema() built afresh (it names nothing of the filing: only taxonomy names and files)."""
    tax = plan.taxonomy
    files = plan.files()
    labels: list[tuple[Name, str]] = []
    decls: list[ElementDecl] = []
    for d in tax.concepts.values():
        decls.append(ElementDecl(d.name, TYPES[d.data_type].format(p=tax.prefix), "xbrli:item", d.period_type,
                                 d.balance, d.abstract))
        labels.append((Name(tax.prefix, tax.namespace, d.name), d.label))
    axes = list(dict.fromkeys(m.axis for m in tax.members))
    for axis in axes:
        a, dom = plan.axis(axis), plan.domain(axis)
        decls += [_abstract(a.local, "xbrldt:dimensionItem"), _abstract(dom.local)]
        default = next((m.label for m in tax.members if m.axis == axis and not m.member), "Total")
        labels += [(a, f"{axis.replace('_', ' ').capitalize()} [Axis]"), (dom, default)]
    declared: set[str] = set()
    for m in tax.members:
        if m.member:
            name = plan.member(m.axis, m.member)
            if name.local not in declared:
                declared.add(name.local)
                decls.append(_abstract(name.local))
                labels.append((name, m.label))
    schema = _schema(tax.namespace, tax.prefix, {}, [(files["base_lab"], "lab")], [], IMPORTS, decls,
                     per_share_type=True)
    return {plan.base_schema(): schema, files["base_lab"]: label_linkbase(plan, labels)}


def _hrefs(plan: Plan) -> defaultdict[str, str]:
    """Namespace -> the schema file declaring its elements (the taxonomy's, else the extension schema)."""
    hrefs = defaultdict(lambda: plan.files()["schema"])
    hrefs[plan.taxonomy.namespace] = plan.base_schema()
    return hrefs


Locator = Callable[[Name], tuple[str, str, str]]
"""Name -> its id, the id as attribute text, and the attributes of its link:loc as text."""


def _locators(plan: Plan) -> Locator:
    """The filing's Locator, each Name object's made once."""
    hrefs = _hrefs(plan)

    def locator(name: Name) -> tuple[str, str, str]:
        nid = name.id
        ref = attr(nid)
        return nid, ref, f' xlink:type="locator" xlink:href="{attr(hrefs[name.namespace])}#{ref}" xlink:label="{ref}"'

    return per_object(locator)


def _linkbase() -> Document:
    return Document("link:linkbase", {"link": LINK, "xlink": XLINK, "xbrldt": XBRLDT})


def label_linkbase(plan: Plan, labels: list[tuple[Name, str]]) -> bytes:
    """A label linkbase: one standard English label per element."""
    doc = _linkbase()
    doc.start("link:labelLink", {"xlink:type": "extended", "xlink:role": "http://www.xbrl.org/2003/role/link"})
    hrefs = _hrefs(plan)
    done: set[str] = set()
    for name, label in sorted(set(labels), key=lambda x: (x[0].text, x[1])):
        nid = name.id
        if nid in done:
            continue
        done.add(nid)
        href, ref = attr(hrefs[name.namespace]), attr(nid)
        doc.leaf("link:loc", f' xlink:type="locator" xlink:href="{href}#{ref}" xlink:label="loc_{ref}"')
        doc.leaf("link:label", f' xlink:type="resource" xlink:label="lab_{ref}" xlink:role="{LABEL_ROLE}"'
                               ' xml:lang="en"', label or name.local)
        doc.leaf("link:labelArc", f' xlink:type="arc" xlink:arcrole="{CONCEPT_LABEL}" xlink:from="loc_{ref}"'
                                  f' xlink:to="lab_{ref}"')
    return doc.to_bytes()


def _relation_linkbase(plan: Plan, links: dict[str, str], role_ids: dict[str, str], arcroles: set[str]) -> bytes:
    """A presentation/calculation/definition linkbase: its extended links (role URI -> link text, extended_link()) and
    the arcroles they use."""
    doc = _linkbase()
    schema = attr(plan.files()["schema"])
    for role in sorted(links):
        doc.leaf("link:roleRef", f' roleURI="{attr(role)}" xlink:type="simple"'
                                 f' xlink:href="{schema}#{attr(role_ids[role])}"')
    for arcrole in sorted(a for a in arcroles if ARCROLES[a].startswith("http://xbrl.org/int/dim/")):
        doc.leaf("link:arcroleRef", {"arcroleURI": ARCROLES[arcrole], "xlink:type": "simple",
                                     "xlink:href": f"http://www.xbrl.org/2005/xbrldt-2005.xsd#{arcrole}"})
    for role in sorted(links):
        doc.insert(links[role])
    return doc.to_bytes()


def _network_linkbase(plan: Plan, kind: str, networks: Networks, role_ids: dict[str, str]) -> bytes:
    """A presentation or definition linkbase: role URI -> arcs (arcrole name, (from, to, attrs))."""
    locator = _locators(plan)
    links = {role: extended_link(kind, role, arcs, locator) for role, arcs in networks.items()}
    return _relation_linkbase(plan, links, role_ids, {arcrole for arcs in networks.values() for arcrole, _ in arcs})


def extended_link(kind: str, role: str, arcs: list[tuple[str, Arc]], locator: Locator) -> str:
    """One role's link:{kind}Link element as text, at its depth in a linkbase: each arc once, each locator once."""
    link = Fragment(depth=1)
    link.start(f"link:{kind}Link", f' xlink:type="extended" xlink:role="{attr(role)}"')
    arc_tag = f"link:{kind}Arc"
    locs: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    for arcrole, (frm, to, extra) in arcs:
        (fid, fref, floc), (tid, tref, tloc) = locator(frm), locator(to)
        key = (arcrole, fid, tid)
        if key in seen:
            continue
        seen.add(key)
        if fid not in locs:
            locs.add(fid)
            link.leaf("link:loc", floc)
        if tid not in locs:
            locs.add(tid)
            link.leaf("link:loc", tloc)
        link.leaf(arc_tag, f' xlink:type="arc" xlink:arcrole="{ARCROLES[arcrole]}" xlink:from="{fref}"'
                           f' xlink:to="{tref}"{extra}')
    return link.text()


def extension_files(report: Report, plan: Plan) -> dict[str, bytes]:
    """The per-filing extension schema and its label, presentation, calculation and definition linkbases."""
    tax, files = plan.taxonomy, plan.files()
    ext_ns, ext_p = plan.ext_ns, plan.ext_prefix
    name_of = concept_names(plan)
    axis_of, domain_of, member_of = cache(plan.axis), cache(plan.domain), cache(plan.member)  # for this filing only
    labels: list[tuple[Name, str]] = []
    decls: list[ElementDecl] = []
    ext_concepts, members_of, combos = _dimensions(report)
    for local in sorted(ext_concepts):
        c = ext_concepts[local]
        decls.append(ElementDecl(local, TYPES[c.data_type].format(p=tax.prefix), "xbrli:item", c.period_type,
                                 c.balance))
        labels.append((name_of(c), c.label or local))
    for axis in sorted(members_of):
        if not plan.axis_known(axis):
            decls += [_abstract(axis_of(axis).local, "xbrldt:dimensionItem"), _abstract(domain_of(axis).local)]
            labels += [(axis_of(axis), f"{axis.replace('_', ' ').capitalize()} [Axis]"),
                       (domain_of(axis), "Total")]
        for member in sorted(members_of[axis]):
            if not plan.member_known(axis, member):
                name = member_of(axis, member)
                decls.append(_abstract(name.local))
                labels.append((name, member.replace("_", " ")))
    roles: dict[str, tuple[str, str]] = {}
    definition: Networks = defaultdict(list)
    line_items = Name(tax.prefix, tax.namespace, "StatementLineItems")
    for i, combo in enumerate(sorted(combos), start=1):
        role = f"{ROLE_BASE}/dims/{'-'.join(combo)}"
        roles[role] = ("definitionLink", f"Breakdown by {', '.join(combo)}")
        cube = Name(ext_p, ext_ns, f"Breakdown{i}Table")
        decls.append(_abstract(cube.local, "xbrldt:hypercubeItem"))
        labels.append((cube, f"Breakdown by {', '.join(combo)} [Table]"))
        arcs = definition[role]
        arcs.append(("all", (line_items, cube, ' xbrldt:contextElement="segment" xbrldt:closed="true"')))
        for axis in combo:
            arcs.append(("hypercube-dimension", (cube, axis_of(axis), "")))
            arcs.append(("dimension-domain", (axis_of(axis), domain_of(axis), "")))
            for member in sorted(members_of[axis]):
                arcs.append(("domain-member", (domain_of(axis), member_of(axis, member), "")))
        for concept in sorted({id(n): n for n in map(name_of, combos[combo].values())}.values(), key=lambda n: n.text):
            arcs.append(("domain-member", (line_items, concept, "")))
    if members_of:
        role = f"{ROLE_BASE}/dims/defaults"
        roles[role] = ("definitionLink", "Dimension defaults")
        definition[role] = [("dimension-default", (axis_of(a), domain_of(a), "")) for a in sorted(members_of)]
    presentation: Networks = defaultdict(list)
    for st in report.statements:
        if not st.facts:
            continue
        role = f"{ROLE_BASE}/table/{st.table_id}"
        roles[role] = ("presentationLink", st.title or st.table_id)
        ordered = sorted(st.facts, key=_LINE_COLUMN)
        concepts = {id(n): n for n in map(name_of, {id(f.concept): f.concept for f in ordered}.values())}
        presentation[role] = [("parent-child", (line_items, concept, f' order="{n}"'))
                              for n, concept in enumerate(concepts.values(), start=1)]
    calculation: dict[str, str] = {}  # role -> its link, the same in every filing
    for group in report_groups(report, tax):
        role = f"{ROLE_BASE}/calc/{group}"
        roles[role] = ("calculationLink", f"Calculation: {group.replace('_', ' ')}")
        calculation[role] = _calculation_link(plan, role, group)
    role_ids = {role: f"role{n}" for n, role in enumerate(sorted(roles), start=1)}
    role_types = [(role, role_ids[role], roles[role][1], roles[role][0]) for role in sorted(roles)]
    refs = [(files[kind], kind) for kind in ("lab", "pre", "cal", "def")]
    schema = _schema(ext_ns, ext_p, {tax.prefix: tax.namespace}, refs, role_types,
                     IMPORTS + ((tax.namespace, plan.base_schema()),), decls)
    return {
        files["schema"]: schema,
        files["lab"]: label_linkbase(plan, labels),
        files["pre"]: _network_linkbase(plan, "presentation", presentation, role_ids),
        files["cal"]: _relation_linkbase(plan, calculation, role_ids, {"summation-item"}),
        files["def"]: _network_linkbase(plan, "definition", definition, role_ids),
    }


_LINE_COLUMN = attrgetter("amount.span.line", "column")
"""A fact's place in its table, as the presentation order reads it."""


Combos = dict[tuple[str, ...], dict[int, Concept]]
"""A combination of axes -> the concepts (by identity) reported with it."""


def _dimensions(report: Report) -> tuple[dict[str, Concept], dict[str, set[str]], Combos]:
    """The report's extension concepts by local name (first seen), members by axis, and the concepts (by identity)
    reported with each combination of axes: every combination gets its own hypercube in its own role."""
    ext_concepts: dict[str, Concept] = {}
    members_of: dict[str, set[str]] = defaultdict(set)
    combos: Combos = defaultdict(dict)
    clean = per_object(clean_dims)
    for concept, raw_dims in {(id(f.concept), id(f.dims)): (f.concept, f.dims) for f in report.facts}.values():
        if concept.extension:
            ext_concepts.setdefault(concept.qname.local, concept)
        dims = clean(raw_dims)
        for axis, member in dims:
            members_of[axis].add(member)
        if dims:
            combos[tuple(a for a, _ in dims)][id(concept)] = concept
    return ext_concepts, members_of, combos


def _calculation_arcs(tax: Taxonomy, group: str) -> list[tuple[str, Arc]]:
    """The summation arcs of a taxonomy calculation group, in file order."""
    def name(local: str) -> Name:
        return Name(tax.prefix, tax.namespace, local)

    return [("summation-item", (name(a.parent), name(a.child), attributes({"weight": f"{a.weight}.0",
                                                                             "order": str(n)})))
            for n, a in enumerate(calc_groups(tax)[group], start=1)]


def _calculation_link(plan: Plan, role: str, group: str) -> str:
    """The calculation link of a taxonomy group: the same in every filing (it names only taxonomy concepts), so made
    once per process."""
    return _per_taxonomy(plan.taxonomy, role, lambda: extended_link(
        "calculation", role, _calculation_arcs(plan.taxonomy, group), _locators(plan)))
