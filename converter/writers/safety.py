"""Text safety for spreadsheet outputs: formula-injection neutralising and XML-illegal characters."""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text field as a formula (OWASP CSV injection)."""

QUOTE = "'"
"""The prefix that makes a spreadsheet keep a field as text; the original text follows it unchanged."""

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"  # XML-illegal characters, as a character-class range
_ILLEGAL_XML = re.compile(f"[{_CONTROL}]")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read text as a formula ("=1+2", "-LIFO", "@SUM", "--", " =1")."""
    stripped = text.lstrip(" ")
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def needs_quote(text: str) -> bool:
    """True when neutralise() prefixes text: formula-like, or already looking like a neutralised field."""
    while text.startswith(QUOTE) and not is_formula_like(text):
        text = text[1:]
    return is_formula_like(text)


def neutralise(text: str) -> str:
    """Text a spreadsheet keeps as text: a formula-like field gets a leading apostrophe, nothing removed."""
    return QUOTE + text if needs_quote(text) else text


def unneutralise(text: str) -> str:
    """The original text of a field written by neutralise() (exact inverse)."""
    return text[1:] if text.startswith(QUOTE) and needs_quote(text[1:]) else text


def xml_safe(text: str) -> str:
    """Text with XML-illegal control characters spelled as visible escapes (\\x01), so none is lost."""
    return _ILLEGAL_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_PLAIN_FIELD = re.compile(f"(?:[^{re.escape(''.join(FORMULA_TRIGGERS) + QUOTE + ' ')}{_CONTROL}][^{_CONTROL}]*)?")
"""Fields csv_field() leaves as they are: empty, or no control character and a first character that is no formula
trigger, quote or space."""


def csv_field(text: str) -> str:
    """A text field for CSV meant for spreadsheets: control characters escaped, formulas neutralised."""
    if _PLAIN_FIELD.fullmatch(text):
        return text
    return neutralise(xml_safe(text))
