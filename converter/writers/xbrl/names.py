"""XML names the XBRL writers share: namespaces, Clark names, element ids, axis/member/unit QNames, the filing's DTS
plan; and a document's bytes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from lxml import etree

from ...mapping.load import Taxonomy
from ...mapping.match import extension_namespace
from ...mapping.normalise import camel_name
from ...model import Concept, Dims, Report, Unit
from ...record import record

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XSD = "http://www.w3.org/2001/XMLSchema"
XBRLDT = "http://xbrl.org/2005/xbrldt"
XBRLDI = "http://xbrl.org/2006/xbrldi"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
NONNUM = "http://www.xbrl.org/dtr/type/non-numeric"
NONNUM_SCHEMA = "http://www.xbrl.org/dtr/type/nonNumeric-2009-12-16.xsd"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ROLE_BASE = "http://edgar2xbrl.invalid/role"
LABEL_ROLE = "http://www.xbrl.org/2003/role/label"
DEI_PREFIX = "dei"
"""The prefix of the cover (document and entity information) elements, as SEC filings and their readers spell it."""
CURRENCY = re.compile(r"[A-Z]{3}")


def clark(namespace: str, local: str) -> str:
    """The name lxml takes: "{namespace}local"."""
    return f"{{{namespace}}}{local}"


XL_TYPE, XL_HREF, XL_ROLE, XL_ARCROLE, XL_LABEL, XL_FROM, XL_TO = (
    clark(XLINK, n) for n in ("type", "href", "role", "arcrole", "label", "from", "to"))
"""The xlink attributes, as Clark names."""


def child(parent: Any, tag: str, attrs: Mapping[str, str] | None = None) -> Any:
    """SubElement(parent, tag, attrs), the attributes set one by one in order: lxml checks again each namespace URI
    of an attribute dict for every element, but not of an attribute set."""
    element = etree.SubElement(parent, tag)
    for key, value in (attrs or {}).items():
        element.set(key, value)
    return element


def document(element: Any) -> bytes:
    """The document's bytes: XML declaration, UTF-8, indented."""
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


@record
class Name:
    """A declared XML element: prefix, namespace, local name; id is prefix_local."""

    prefix: str
    namespace: str
    local: str

    @property
    def clark(self) -> str:
        return f"{{{self.namespace}}}{self.local}"

    @property
    def text(self) -> str:
        return f"{self.prefix}:{self.local}"

    @property
    def id(self) -> str:
        return f"{self.prefix}_{self.local}"


def file_stem(report: Report) -> str:
    """Output file stem from the source name: colt_6-K_2004-07."""
    stem = Path(report.source.replace("\\", "/")).stem
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem) or "filing"


@record
class Plan:
    """Everything named in one filing's output DTS."""

    taxonomy: Taxonomy
    ext_ns: str  # per-filing extension namespace
    stem: str  # file stem
    known: dict[str, frozenset[str]]  # known_members(taxonomy)

    @property
    def ext_prefix(self) -> str:
        return self.taxonomy.extension_prefix

    def concept(self, c: Concept) -> Name:
        return Name(c.qname.prefix if c.extension else self.taxonomy.prefix, c.qname.namespace, c.qname.local)

    def axis_known(self, axis: str) -> bool:
        return axis in self.known

    def axis(self, axis: str) -> Name:
        local = camel_name(axis.replace("_", " ")) + "Axis"
        return self._name(local, self.axis_known(axis))

    def domain(self, axis: str) -> Name:
        local = camel_name(axis.replace("_", " ")) + "Domain"
        return self._name(local, self.axis_known(axis))

    def member_known(self, axis: str, member: str) -> bool:
        return member in self.known.get(axis, ())

    def member(self, axis: str, member: str) -> Name:
        if self.member_known(axis, member):
            return self._name(camel_name(member.replace("_", " ")) + "Member", True)
        return self._name(camel_name(f"{axis} {member}".replace("_", " ")) + "Member", False)

    def _name(self, local: str, known: bool) -> Name:
        if known:
            return Name(self.taxonomy.prefix, self.taxonomy.namespace, local)
        return Name(self.ext_prefix, self.ext_ns, local)

    def measure(self, measure: str) -> str:
        """A measure QName text: iso4217:GBP, xbrli:shares, xbrli:pure, e2x:customers."""
        if measure in ("shares", "pure"):
            return f"xbrli:{measure}"
        if CURRENCY.fullmatch(measure):
            return f"iso4217:{measure}"
        return f"{self.taxonomy.prefix}:{re.sub(r'[^A-Za-z0-9_]', '_', measure) or 'unit'}"

    def base_schema(self) -> str:
        return self.taxonomy.schema_file

    @property
    def dei_ns(self) -> str:
        """The namespace of the cover elements: the taxonomy's own (this is not the SEC's dei taxonomy)."""
        return f"{self.taxonomy.namespace}/dei"

    def dei_schema(self) -> str:
        return f"{self.taxonomy.schema_file[:-4]}-dei.xsd"

    def dei(self, local: str) -> Name:
        return Name(DEI_PREFIX, self.dei_ns, local)

    def files(self) -> dict[str, str]:
        """Output file names in the EDGAR convention: <stem>.xml, <stem>.xsd, <stem>_lab.xml, _pre, _cal, _def."""
        s = self.stem
        return {"schema": f"{s}.xsd", "lab": f"{s}_lab.xml", "pre": f"{s}_pre.xml", "cal": f"{s}_cal.xml",
                "def": f"{s}_def.xml", "instance": f"{s}.xml"}


def known_members(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """The taxonomy's axes and the members of each (dimensions.csv; "" is the default member)."""
    members: dict[str, set[str]] = {}
    for m in taxonomy.members:
        members.setdefault(m.axis, set()).add(m.member)
    return {axis: frozenset(ms) for axis, ms in members.items()}


def make_plan(report: Report, taxonomy: Taxonomy) -> Plan:
    """The naming plan of one report's output."""
    return Plan(taxonomy, extension_namespace(report, taxonomy), file_stem(report), known_members(taxonomy))


def unit_id(unit: Unit) -> str:
    """A readable NCName for a unit: GBP, GBP_per_shares, customers."""
    raw = "_".join(unit.numerators) + ("_per_" + "_".join(unit.denominators) if unit.denominators else "")
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", raw) or "unit"
    return cleaned if cleaned[0].isalpha() else f"u_{cleaned}"


def clean_dims(dims: Dims) -> Dims:
    """Dims without default (blank) members, sorted."""
    return tuple(sorted((a, m) for a, m in dims if m))
