"""taxonomy/ data files -> one frozen Taxonomy (concepts, labels, aliases, calculations, dimensions)."""

from __future__ import annotations

import csv
import os
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..errors import TaxonomyError
from ..memo import text_cache
from ..model import Concept, QName
from ..record import record
from .normalise import label_variants, normalise_label
from .terms import TermRule, make_rules

TAXONOMY_ENV = "E2X_TAXONOMY"
DATA_TYPES = ("monetary", "perShare", "shares", "pure", "decimal", "string")


@record
class ConceptDef:
    """One row of concepts.csv with its standard label."""

    name: str  # local name, e.g. "Revenues"
    data_type: str  # one of DATA_TYPES
    period_type: str  # "duration" or "instant"
    balance: str | None  # "debit", "credit" or None
    abstract: bool  # True for headings that carry no facts
    home: str  # statement the concept belongs to: income, assets, liabilities, cashflow, equity, ...
    label: str  # standard label from labels.csv


@record
class Alias:
    """A printed label variant, optionally scoped to statement kinds and a section."""

    text: str  # as written in aliases.csv
    key: str  # normalised text
    statements: tuple[str, ...]  # statement kinds it applies to; () = any
    section: str  # normalised section heading it applies under; "" = any
    concept: str  # local name of the target concept


@record
class CalcArc:
    """One summation-item relationship of a calculation group (one group = one network)."""

    group: str  # group id, e.g. "gross_profit"
    parent: str  # total concept
    child: str  # contributing concept
    weight: int  # +1 or -1
    required: bool  # the group applies only where this child is reported


@record
class MemberDef:
    """A dimension member from dimensions.csv ("" member = the axis default, the total)."""

    axis: str  # axis name as used in Fact.dims
    member: str  # member slug, "" for the default
    label: str  # standard label
    phrases: tuple[str, ...]  # printed header phrases


@record(eq=False)
class Taxonomy:
    """The whole local taxonomy, read once."""

    root: Path  # folder the files were read from
    version: str  # taxonomy version
    prefix: str  # namespace prefix of taxonomy concepts ("e2x")
    namespace: str  # namespace URI of taxonomy concepts
    schema_file: str  # file name of the generated taxonomy schema
    extension_prefix: str  # prefix of per-filing extension concepts ("ext")
    extension_namespace_base: str  # per-filing extension namespace = base + "/" + filing id
    entity_scheme: str  # identifier scheme for a CIK
    fallback_entity_scheme: str  # identifier scheme when no CIK is known
    concepts: Mapping[str, ConceptDef]  # local name -> definition, in file order
    aliases: tuple[Alias, ...]  # in file order
    calculations: tuple[CalcArc, ...]  # in file order
    members: tuple[MemberDef, ...]  # dimension members in file order
    additive_axes: frozenset[str]  # axes whose members sum to the default (total)
    typos: Mapping[str, str]  # misspelt word -> correct word
    synonyms: Mapping[str, str]  # word -> canonical word
    statement_titles: tuple[tuple[str, str], ...]  # (normalised title phrase, statement kind)
    units: tuple[tuple[str, str, str, str], ...] = field(default=())  # units.csv rows (kind, token, measure, scale)
    terms: tuple[TermRule, ...] = field(default=())  # terms.csv token rules, in file order
    sign_words: Mapping[str, tuple[str, bool]] = field(default_factory=dict)  # word -> (balance it names, alone)
    # label phrases that make a row another measure than the line item its words name ("excluding one-time items")
    qualified_measure: tuple[str, ...] = ()

    def key(self, text: str) -> str:
        """The normalised comparison key of a label."""
        return _key(self, text)

    def variants(self, text: str) -> tuple[str, ...]:
        """Keys of a label to try in order (full, without parentheticals, without a leading "total")."""
        return _variants(self, text)

    def concept(self, name: str) -> Concept:
        """The model Concept for a taxonomy local name."""
        d = self.concepts.get(name)
        if d is None:
            raise TaxonomyError(f"unknown concept {name!r}", source=str(self.root))
        return Concept(QName(self.prefix, self.namespace, name), d.data_type, d.period_type, d.balance, d.label)


@text_cache(maxsize=16384)
def _key(taxonomy: Taxonomy, text: str) -> str:
    return normalise_label(text, taxonomy.typos, taxonomy.synonyms)


@text_cache(maxsize=16384)
def _variants(taxonomy: Taxonomy, text: str) -> tuple[str, ...]:
    return label_variants(text, taxonomy.typos, taxonomy.synonyms, taxonomy.key)


def _rows(root: Path, name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    path = root / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise TaxonomyError(f"missing columns {missing}", source=str(path))
            return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except FileNotFoundError:
        raise TaxonomyError("file not found", source=str(path)) from None


def _settings(root: Path) -> dict[str, str]:
    path = root / "taxonomy.toml"
    try:
        import tomllib

        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise TaxonomyError("file not found", source=str(path)) from None
    except ValueError as exc:
        raise TaxonomyError(f"bad TOML: {exc}", source=str(path)) from None
    return {k: str(v) for k, v in data.items()}


def default_root() -> Path:
    """taxonomy/ next to the package, or $E2X_TAXONOMY."""
    env = os.environ.get(TAXONOMY_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[2] / "taxonomy"


def load_taxonomy(root: Path | None = None) -> Taxonomy:
    """Read (once per folder) and check the taxonomy data files."""
    if root is None and not os.environ.get(TAXONOMY_ENV):
        return _load(_package_root())  # the usual case, asked for again and again: no path resolved each time
    return _load(Path(root or default_root()).resolve())


@lru_cache(maxsize=1)
def _package_root() -> Path:
    """The resolved taxonomy/ folder next to the package."""
    return (Path(__file__).resolve().parents[2] / "taxonomy").resolve()


@lru_cache(maxsize=8)
def _load(root: Path) -> Taxonomy:
    cfg = _settings(root)
    for k in ("version", "prefix", "namespace", "schema_file", "extension_prefix", "extension_namespace_base",
              "entity_scheme", "fallback_entity_scheme"):
        if not cfg.get(k):
            raise TaxonomyError(f"taxonomy.toml needs {k}", source=str(root))
    labels = {r["concept"]: r["text"] for r in _rows(root, "labels.csv", ("concept", "role", "text"))
              if r["role"] == "label"}
    concepts: dict[str, ConceptDef] = {}
    for r in _rows(root, "concepts.csv", ("name", "data_type", "period_type", "balance", "abstract", "home")):
        if r["name"] in concepts:
            raise TaxonomyError(f"duplicate concept {r['name']}", source=str(root / "concepts.csv"))
        if r["data_type"] not in DATA_TYPES or r["period_type"] not in ("duration", "instant") \
                or r["balance"] not in ("", "debit", "credit"):
            raise TaxonomyError(f"bad definition of {r['name']}", source=str(root / "concepts.csv"))
        concepts[r["name"]] = ConceptDef(r["name"], r["data_type"], r["period_type"], r["balance"] or None,
                                         r["abstract"].lower() == "true", r["home"], labels.get(r["name"], r["name"]))
    typos = {r["typo"].lower(): r["correct"].lower() for r in _rows(root, "typos.csv", ("typo", "correct"))}
    synonyms = {r["word"].lower(): r["canonical"].lower() for r in _rows(root, "synonyms.csv", ("word", "canonical"))}

    def key(text: str) -> str:
        return normalise_label(text, typos, synonyms)

    aliases = tuple(
        Alias(r["alias"], key(r["alias"]), tuple(s for s in r["statement"].split("|") if s), key(r["section"]),
              r["concept"])
        for r in _rows(root, "aliases.csv", ("alias", "statement", "section", "concept"))
    )
    calcs = tuple(
        CalcArc(r["group"], r["parent"], r["child"], int(r["weight"]), r["required"].lower() == "yes")
        for r in _rows(root, "calculations.csv", ("group", "parent", "child", "weight", "required"))
    )
    members = tuple(
        MemberDef(r["axis"], r["member"], r["label"], tuple(p.strip() for p in r["phrases"].split("|") if p.strip()))
        for r in _rows(root, "dimensions.csv", ("axis", "member", "label", "phrases"))
    )
    additive = frozenset(r["axis"] for r in _rows(root, "dimension_sums.csv", ("axis", "rule")) if r["rule"] == "sum")
    titles = tuple((key(r["phrase"]), r["kind"]) for r in _rows(root, "statement_titles.csv", ("phrase", "kind")))
    units = tuple((r["kind"], r["token"], r["measure"], r["scale"])
                  for r in _rows(root, "units.csv", ("kind", "token", "measure", "scale")))
    terms = make_rules(_rows(root, "terms.csv", ("concept", "statement", "section", "label", "role")), key)
    unknown = sorted({t.concept for t in terms} - set(concepts))
    if unknown:
        raise TaxonomyError(f"terms.csv names unknown concepts {unknown}", source=str(root / "terms.csv"))
    sign_words = {r["word"].lower(): (r["balance"], r["alone"].lower() == "yes")
                  for r in _rows(root, "sign_words.csv", ("word", "balance", "alone"))}
    return Taxonomy(
        root=root, version=cfg["version"], prefix=cfg["prefix"], namespace=cfg["namespace"],
        schema_file=cfg["schema_file"], extension_prefix=cfg["extension_prefix"],
        extension_namespace_base=cfg["extension_namespace_base"], entity_scheme=cfg["entity_scheme"],
        fallback_entity_scheme=cfg["fallback_entity_scheme"], concepts=MappingProxyType(concepts), aliases=aliases,
        calculations=calcs, members=members, additive_axes=additive, typos=MappingProxyType(typos),
        synonyms=MappingProxyType(synonyms), statement_titles=titles, units=units, terms=terms,
        sign_words=MappingProxyType(sign_words),
        qualified_measure=tuple(key(p) for p in cfg.get("qualified_measure", "").split("|") if key(p)),
    )
