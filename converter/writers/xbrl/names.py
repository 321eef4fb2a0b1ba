"""XML names the XBRL writers share: namespaces, element ids, axis/member/unit QNames, the filing's DTS plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ...mapping.load import Taxonomy
from ...mapping.match import extension_namespace
from ...mapping.normalise import camel_name
from ...model import Concept, Dims, Report, Unit
from ..identity import per_object

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XSD = "http://www.w3.org/2001/XMLSchema"
XBRLDT = "http://xbrl.org/2005/xbrldt"
XBRLDI = "http://xbrl.org/2006/xbrldi"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
ROLE_BASE = "http://edgar2xbrl.invalid/role"
LABEL_ROLE = "http://www.xbrl.org/2003/role/label"
CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything named in one filing's output DTS."""

    taxonomy: Taxonomy
    ext_ns: str  # per-filing extension namespace
    stem: str  # file stem

    @property
    def ext_prefix(self) -> str:
        return self.taxonomy.extension_prefix

    def concept(self, c: Concept) -> Name:
        return Name(*self.concept_fields(c))

    def concept_fields(self, c: Concept) -> tuple[str, str, str]:
        """The fields of concept(c): prefix, namespace, local name."""
        return c.qname.prefix if c.extension else self.taxonomy.prefix, c.qname.namespace, c.qname.local

    def axis_known(self, axis: str) -> bool:
        return axis in _known_members(self.taxonomy)

    def axis(self, axis: str) -> Name:
        local = camel_name(axis.replace("_", " ")) + "Axis"
        return self._name(local, self.axis_known(axis))

    def domain(self, axis: str) -> Name:
        local = camel_name(axis.replace("_", " ")) + "Domain"
        return self._name(local, self.axis_known(axis))

    def member_known(self, axis: str, member: str) -> bool:
        return member in _known_members(self.taxonomy).get(axis, ())

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

    def files(self) -> dict[str, str]:
        s = self.stem
        return {"schema": f"{s}.xsd", "lab": f"{s}-lab.xml", "pre": f"{s}-pre.xml", "cal": f"{s}-cal.xml",
                "def": f"{s}-def.xml", "instance": f"{s}.xml", "base_lab": self.taxonomy.schema_file[:-4] + "-lab.xml"}


@lru_cache(maxsize=4)
def _known_members(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """The taxonomy's axes and the members of each (dimensions.csv), read once per taxonomy."""
    members: dict[str, set[str]] = {}
    for m in taxonomy.members:
        members.setdefault(m.axis, set()).add(m.member)
    return {axis: frozenset(ms) for axis, ms in members.items()}


def concept_names(plan: Plan) -> Callable[[Concept], Name]:
    """plan.concept() for one filing: made once per concept object, one Name object per element (compare by id)."""
    names: dict[tuple[str, str, str], Name] = {}

    def name(c: Concept) -> Name:
        fields = plan.concept_fields(c)
        n = names.get(fields)
        if n is None:
            n = names[fields] = Name(*fields)
        return n

    return per_object(name)


def make_plan(report: Report, taxonomy: Taxonomy) -> Plan:
    """The naming plan of one report's output."""
    return Plan(taxonomy, extension_namespace(report, taxonomy), file_stem(report))


def unit_id(unit: Unit) -> str:
    """A readable NCName for a unit: GBP, GBP_per_shares, customers."""
    raw = "_".join(unit.numerators) + ("_per_" + "_".join(unit.denominators) if unit.denominators else "")
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", raw) or "unit"
    return cleaned if cleaned[0].isalpha() else f"u_{cleaned}"


def clean_dims(dims: Dims) -> Dims:
    """Dims without default (blank) members, sorted."""
    return tuple(sorted((a, m) for a, m in dims if m))
