"""The workbook is written through XlsxWriter's documented public API only: no private modules, names, methods or
attributes, no subclassing of its classes (a grep over converter/, checked on planted violations too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CONVERTER = Path(__file__).resolve().parent.parent / "converter"

PUBLIC_IMPORTS = {"xlsxwriter": {"Workbook"},
                  "xlsxwriter.utility": {"xl_rowcol_to_cell", "xl_cell_to_rowcol", "xl_col_to_name", "xl_range",
                                         "xl_range_abs"}}
"""What may be imported from XlsxWriter: the Workbook class and its documented cell-name helpers."""

PRIVATE_NAMES = re.compile(r"\b(_write_sheet_data|_store_workbook|_get_packager|_create_package|_write_si|"
                           r"_write_sst_strings|_write_comment|_write_vml|_opt_close|_xml_\w+|_escape_data|"
                           r"_preserve_whitespace|_utf16_\w+|string_table|str_table)\b")
"""XlsxWriter internals the writer once used; none may come back, under any object."""


def violations(source: str, name: str = "<source>", xlsx_module: bool = True) -> list[str]:
    """Each use of XlsxWriter beyond its public API in one module's source."""
    tree = ast.parse(source)
    found: list[str] = []
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "xlsxwriter":
            allowed = PUBLIC_IMPORTS.get(node.module or "", set())
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if alias.name not in allowed:
                    found.append(f"{name}:{node.lineno}: from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("xlsxwriter."):
                    found.append(f"{name}:{node.lineno}: import {alias.name}")
                elif alias.name == "xlsxwriter":
                    imported.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                root = base
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in imported:
                    found.append(f"{name}:{node.lineno}: class {node.name} subclasses {ast.unparse(base)}")
        elif isinstance(node, ast.Attribute) and xlsx_module and node.attr.startswith("_") \
                and not node.attr.startswith("__"):
            found.append(f"{name}:{node.lineno}: private attribute .{node.attr}")
    found += [f"{name}: private XlsxWriter name {m.group()}" for m in PRIVATE_NAMES.finditer(source)]
    return found


def workbook_modules() -> list[Path]:
    """The workbook writer's modules, and any other module of converter/ that imports XlsxWriter."""
    return sorted(p for p in CONVERTER.rglob("*.py")
                  if "xlsx" in p.relative_to(CONVERTER).as_posix() or "xlsxwriter" in p.read_text(encoding="utf-8"))


def test_the_workbook_writer_exists_where_it_is_searched():
    names = {p.name for p in workbook_modules()}
    assert {"xlsx_out.py", "statement_sheet.py", "styles.py"} <= names


def test_converter_uses_only_xlsxwriters_public_api():
    found = [v for p in workbook_modules() for v in violations(p.read_text(encoding="utf-8"), p.name)]
    found += [v for p in CONVERTER.rglob("*.py") if p not in workbook_modules()
              for v in violations(p.read_text(encoding="utf-8"), p.name, xlsx_module=False)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("source", [
    "from xlsxwriter.worksheet import Worksheet\n",
    "from xlsxwriter.utility import _preserve_whitespace\n",
    "import xlsxwriter.packager\n",
    "from xlsxwriter import Workbook\nclass Book(Workbook):\n    pass\n",
    "import xlsxwriter\nclass Book(xlsxwriter.Workbook):\n    pass\n",
    "def f(ws):\n    ws._write_rows()\n",
    "def f(book):\n    return book.str_table\n",
    "def f(ws):\n    ws._opt_close()\n",
])
def test_a_planted_violation_is_found(source):
    assert violations(source)


def test_the_public_api_passes():
    assert not violations("from xlsxwriter import Workbook\nfrom xlsxwriter.utility import xl_rowcol_to_cell\n"
                          "def f(ws):\n    ws.write_string(0, 0, 'x')\n    return ws.__class__\n")
