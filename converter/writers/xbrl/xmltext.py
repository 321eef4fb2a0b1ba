"""Element calls -> pretty-printed XML bytes, exactly what lxml's tostring(pretty_print=True) writes, without a tree."""

from __future__ import annotations

import re
from typing import Iterable, Mapping

DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
INDENT = "  "  # per nesting level, as lxml indents

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"  # characters XML 1.0 cannot hold, as a character-class range
_ILLEGAL = re.compile(f"[{_CONTROL}]")
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')
_TEXT_CHECK = re.compile(f"[&<>\r{_CONTROL}]")  # text needing an escape or refusal
_PLAIN = re.compile(f'[^&<>"\n\r\t{_CONTROL}]*')  # attribute text needing neither escape nor refusal
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}

Attrs = Mapping[str, str]
"""Prefixed attribute name ("xlink:type") -> value, written in this order."""


def _legal(value: str) -> str:
    if _ILLEGAL.search(value):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return value


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def text(value: str) -> str:
    """Element text escaped as lxml escapes it (&, <, > and carriage returns)."""
    if _TEXT_CHECK.search(value) is None:  # the usual case: nothing to escape or refuse
        return value
    return _TEXT_SPECIAL.sub(_escape, _legal(value))


def attr(value: str) -> str:
    """An attribute value escaped as lxml escapes it (also quotes, tabs and line ends)."""
    if _PLAIN.fullmatch(value):
        return value
    return _ATTR_SPECIAL.sub(_escape, _legal(value))


def attributes(attrs: Attrs) -> str:
    """Attributes as start-tag text: ' a="v" b="w"' (to render once what many elements repeat)."""
    if _PLAIN.fullmatch("".join(attrs.values())):  # the usual case: nothing to escape or reject
        return "".join([f' {k}="{v}"' for k, v in attrs.items()])
    return "".join([f' {k}="{attr(v)}"' for k, v in attrs.items()])


def _attrs(attrs: Attrs | str) -> str:
    return attrs if isinstance(attrs, str) else attributes(attrs)


class Fragment:
    """Elements written in document order at a nesting depth: start()/end() around children, leaf() for the rest."""

    def __init__(self, depth: int = 0) -> None:
        self._parts: list[str] = []
        self._open: list[tuple[str, int]] = []  # (tag, index of its start tag in _parts) of open elements
        self._depth = depth  # nesting depth of the fragment's outermost elements in their document

    def _start(self, tag: str, attr_text: str) -> None:
        self._parts.append(f"{INDENT * (self._depth + len(self._open))}<{tag}{attr_text}>\n")
        self._open.append((tag, len(self._parts) - 1))

    def start(self, tag: str, attrs: Attrs | str = {}) -> None:
        """Open an element that will hold child elements (attrs: a mapping, or the text attributes() made of one)."""
        self._start(tag, _attrs(attrs))

    def end(self) -> None:
        """Close the innermost open element (written <tag/> when it got no children)."""
        tag, at = self._open.pop()
        if at == len(self._parts) - 1:
            self._parts[at] = self._parts[at][:-2] + "/>\n"
        else:
            self._parts.append(f"{INDENT * (self._depth + len(self._open))}</{tag}>\n")

    def leaf(self, tag: str, attrs: Attrs | str = {}, content: str | None = None) -> None:
        """An element without children: <tag a="v"/>, or <tag a="v">text</tag> when content is not None (attrs:
        a mapping, or the text attributes() made of one)."""
        head = f"{INDENT * (self._depth + len(self._open))}<{tag}{_attrs(attrs)}"
        self._parts.append(f"{head}/>\n" if content is None else f"{head}>{text(content)}</{tag}>\n")

    def text_leaves(self, leaves: Iterable[tuple[str, str, str]]) -> None:
        """Elements <tag a="v">content</tag> from (tag, attributes() text, content), for many at once."""
        indent = INDENT * (self._depth + len(self._open))
        self._parts.extend([f"{indent}<{tag}{attrs}>{text(content)}</{tag}>\n" for tag, attrs, content in leaves])

    def insert(self, elements: str) -> None:
        """Elements another Fragment wrote (its text()) at the depth of this one's next child."""
        if elements:
            self._parts.append(elements)

    def text(self) -> str:
        """The finished elements, every open element closed."""
        while self._open:
            self.end()
        return "".join(self._parts)


class Document(Fragment):
    """One XML document written in document order: start()/end() around children, leaf() for the rest."""

    def __init__(self, root: str, nsmap: Mapping[str, str], attrs: Attrs = {}) -> None:
        super().__init__()
        declarations = "".join(f' xmlns:{p}="{attr(ns)}"' for p, ns in nsmap.items())
        self._parts.append(DECLARATION)
        self._start(root, declarations + _attrs(attrs))

    def to_bytes(self) -> bytes:
        """The finished document, every open element closed."""
        return self.text().encode("utf-8")
