"""lxml helpers for the XBRL writers: prefixed names to Clark names, child elements, document bytes."""

from __future__ import annotations

from typing import Any, Mapping

from lxml import etree

from .names import LINK, NONNUM, XBRLDI, XBRLDT, XBRLI, XLINK, XML_NS, XSD

NS = {"xs": XSD, "xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldt": XBRLDT, "xbrldi": XBRLDI, "nonnum": NONNUM,
      "xml": XML_NS}
"""The fixed prefixes the writers' element and attribute names use."""


def clark(name: str) -> str:
    """"link:loc" -> "{http://www.xbrl.org/2003/linkbase}loc"; a Clark name or one without prefix stays as it is."""
    if name.startswith("{"):
        return name
    prefix, sep, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}" if sep else name


def root(tag: str, nsmap: Mapping[str, str], attrs: Mapping[str, str] = {}) -> Any:
    """A document's root element (nsmap: the prefixes it declares)."""
    return etree.Element(clark(tag), {clark(k): v for k, v in attrs.items()}, nsmap=dict(nsmap))


def sub(parent: Any, tag: str, attrs: Mapping[str, str] = {}, text: str | None = None) -> Any:
    """A child element with attributes (prefixed names) and optional text."""
    element = etree.SubElement(parent, clark(tag), {clark(k): v for k, v in attrs.items()})
    element.text = text
    return element


def document(element: Any) -> bytes:
    """The document's bytes: XML declaration, UTF-8, indented."""
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
