"""The workbook file: document dates from the report, fixed zip entry times, memory use bounded for large reports."""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime
from io import BytesIO, StringIO
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from xlsxwriter.comments import Comments, CommentType
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell
from xlsxwriter.vml import Vml
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ...model import Report

STREAMED_FACTS = 5_000
"""Reports with more facts are streamed row by row through temporary files: an in-memory workbook holds
about 7 KB per fact, a streamed one under 2 KB (links), at some 40% more time."""

EPOCH = datetime(1980, 1, 1)
"""The earliest time a zip entry can carry; used when the report has no date."""

AUTHOR = "edgar2xbrl"
"""The workbook's author and last modifier."""


Part = StringIO | BytesIO | str
"""A workbook part as XlsxWriter's packager hands it over: in memory, or the path of a temporary file."""

ZIP_LEVEL = 1
"""Deflate level of the workbook's zip entries: zlib's default (6, XlsxWriter's) takes about three times as long
for a file some 20% smaller."""


_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
"""What XlsxWriter escapes in shared text (markup, control characters, literal _xHHHH_ escapes); rich strings
("<r>...</r>") have markup too."""


def plain_text(string: str) -> bool:
    """True for printable ASCII text without markup or "_x" (a quick test that _SPECIAL cannot match)."""
    return string.isascii() and string.isprintable() and not ("&" in string or "<" in string or ">" in string
                                                               or "_x" in string)


class ExactStrings(SharedStrings):
    """XlsxWriter's sharedStrings.xml writer with a short path for text that needs no escaping (most of it):
    one join instead of a few regular expressions and writer calls per string, the same bytes."""

    def _write_sst_strings(self) -> None:
        """Write the <si> elements in table order."""
        plain: list[str] = []
        for string in self.string_table.string_array:
            if not plain_text(string) and _SPECIAL.search(string):
                self.fh.write("".join(plain))
                plain.clear()
                self._write_si(string)
            elif string and (string[0].isspace() or string[-1].isspace()):
                plain.append(f'<si><t xml:space="preserve">{string}</t></si>')
            else:
                plain.append(f"<si><t>{string}</t></si>")
        self.fh.write("".join(plain))


class ExactComments(Comments):
    """XlsxWriter's comments writer writing each <comment> element in one piece (a dozen writer calls each), the
    same bytes."""

    def _write_comment(self, comment: CommentType, author_id: int) -> None:
        """Write one <comment>: its cell, author, font and text."""
        author = f' authorId="{author_id}"' if author_id != -1 else ""
        space = ' xml:space="preserve"' if _preserve_whitespace(comment.text) else ""
        text = self._escape_control_characters(self._escape_data(comment.text))
        escape = self._escape_attributes
        self.fh.write(f'<comment ref="{xl_rowcol_to_cell(comment.row, comment.col)}"{author}><text><r><rPr>'
                      f'<sz val="{escape(comment.font_size)}"/><color indexed="81"/>'
                      f'<rFont val="{escape(comment.font_name)}"/><family val="{escape(comment.font_family)}"/>'
                      f"</rPr><t{space}>{text}</t></r></text></comment>")


class ExactVml(Vml):
    """XlsxWriter's VML writer writing each comment's <v:shape> element in one piece (some twenty writer calls
    each), the same bytes."""

    def _write_comment_shape(self, shape_id: int, z_index: int, comment: CommentType) -> None:
        """Write one comment's hidden (or visible) note box, placed by its vertices."""
        left, top, width, height = self._pixels_to_points(comment.vertices)
        visibility = "visible" if comment.is_visible else "hidden"
        style = (f"position:absolute;margin-left:{left:.15g}pt;margin-top:{top:.15g}pt;width:{width:.15g}pt;"
                 f"height:{height:.15g}pt;z-index:{z_index};visibility:{visibility}")
        col_start, row_start, x1, y1, col_end, row_end, x2, y2 = comment.vertices[:8]
        anchor = ", ".join(str(i) for i in (col_start, x1, row_start, y1, col_end, x2, row_end, y2))
        escape = self._escape_attributes
        self.fh.write(f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="{escape(style)}" '
                      f'fillcolor="{escape(comment.color._vml_rgb_hex_value())}" o:insetmode="auto">'
                      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
                      '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
                      '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
                      f"<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor>"
                      f"<x:AutoFill>False</x:AutoFill><x:Row>{comment.row}</x:Row><x:Column>{comment.col}</x:Column>"
                      + ("<x:Visible/>" if comment.is_visible else "") + "</x:ClientData></v:shape>")


class ExactPackager(Packager):
    """XlsxWriter's packager writing the shared strings, comments and VML drawings with ExactStrings,
    ExactComments and ExactVml; its loops over the sheets are XlsxWriter's own."""

    def _write_vml_files(self) -> None:
        """Write xl/drawings/vmlDrawingN.vml for each sheet's comments (or buttons) and header images."""
        index = 1
        for worksheet in self.workbook.worksheets():
            if not worksheet.has_vml and not worksheet.has_header_vml:
                continue
            if worksheet.has_vml:
                vml = ExactVml()
                vml._set_xml_writer(self._filename("xl/drawings/vmlDrawing" + str(index) + ".vml"))
                vml._assemble_xml_file(worksheet.vml_data_id, worksheet.vml_shape_id, worksheet.comments_list,
                                       worksheet.buttons_list)
                index += 1
            if worksheet.has_header_vml:
                vml = ExactVml()
                vml._set_xml_writer(self._filename("xl/drawings/vmlDrawing" + str(index) + ".vml"))
                vml._assemble_xml_file(worksheet.vml_header_id, worksheet.vml_header_id * 1024, None, None,
                                       worksheet.header_images_list)
                self._write_vml_drawing_rels_file(worksheet, index)
                index += 1

    def _write_comment_files(self) -> None:
        """Write xl/commentsN.xml for each sheet with comments."""
        index = 1
        for worksheet in self.workbook.worksheets():
            if not worksheet.has_comments:
                continue
            comments = ExactComments()
            comments._set_xml_writer(self._filename("xl/comments" + str(index) + ".xml"))
            comments._assemble_xml_file(worksheet.comments_list)
            index += 1

    def _write_shared_strings_file(self) -> None:
        """Write xl/sharedStrings.xml when any text cell names a shared string."""
        if not self.workbook.str_table.count:
            return
        sst = ExactStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class ExactBook(Workbook):
    """A workbook whose zip entries are deflated at ZIP_LEVEL, packaged by ExactPackager. Its _store_workbook is
    XlsxWriter's own, step for step, but for the compression level; tests/test_xlsx_internals.py checks the
    private methods it calls."""

    def _get_packager(self) -> Packager:
        """The packager (XlsxWriter's hook for replacing it)."""
        return ExactPackager()

    def _store_workbook(self) -> None:
        """Prepare every part as XlsxWriter does, then zip them at ZIP_LEVEL with fixed entry times."""
        zipped = ZipFile(self.filename, "w", compression=ZIP_DEFLATED, compresslevel=ZIP_LEVEL,
                         allowZip64=self.allow_zip64)
        packager = self._get_packager()
        if not self.worksheets():
            self.add_worksheet()
        if self.worksheet_meta.activesheet == 0:
            self.worksheets_objs[0].selected = 1
            self.worksheets_objs[0].hidden = 0
        for sheet in self.worksheets():
            if sheet.index == self.worksheet_meta.activesheet:
                sheet.active = 1
        if self.vba_project:
            for sheet in self.worksheets():
                if sheet.vba_codename is None:
                    sheet.set_vba_name()
        self._prepare_sst_string_data()
        self._prepare_vml()
        self._prepare_defined_names()
        self._prepare_drawings()
        self._add_chart_data()
        self._prepare_tables()
        self._prepare_metadata()
        packager._add_workbook(self)
        packager._set_tmpdir(self.tmpdir)
        packager._set_in_memory(self.in_memory)
        parts = packager._create_package()
        try:
            for part, name, is_binary in parts:
                self._store_part(zipped, part, name, is_binary)
        except BaseException:
            self._remove_parts(parts)
            raise
        zipped.close()

    def _store_part(self, zipped: ZipFile, part: Part, name: str, is_binary: bool) -> None:
        """Add one part, dated as XlsxWriter dates it: from memory, or from its temporary file (then removed)."""
        if isinstance(part, str):
            stamp = time.mktime((1980, 1, 31, 0, 0, 0, 0, 0, -1))
            os.utime(part, (stamp, stamp))
            zipped.write(part, name)
            os.remove(part)
            return
        entry = ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        entry.compress_type = ZIP_DEFLATED
        data = part.getvalue()
        zipped.writestr(entry, data.encode("utf-8") if isinstance(data, str) else data, compresslevel=ZIP_LEVEL)

    @staticmethod
    def _remove_parts(parts: list[tuple[Part, str, bool]]) -> None:
        """Remove the temporary files of parts not yet stored (a streamed workbook that failed to zip)."""
        for part, _, _ in parts:
            if isinstance(part, str) and os.path.exists(part):
                os.remove(part)


def report_timestamp(report: Report) -> datetime:
    """A fixed time derived from the report (filing date, else period of report), never now()."""
    day: date | None = report.meta.filed or report.meta.period_of_report
    if day is None or day.year < EPOCH.year:
        return EPOCH
    return datetime(day.year, day.month, day.day)


def new_workbook(target: IO[bytes], when: datetime, title: str, subject: str, streamed: bool) -> ExactBook:
    """An empty workbook writing to target on close, its document dates `when`; text cells are never guessed
    as formulas, numbers or URLs. Streamed: rows go to temporary files as written (so must come in order) and
    text is stored inline; else everything is kept in memory and text goes to the shared strings table."""
    book = ExactBook(target, {"in_memory": not streamed, "constant_memory": streamed, "strings_to_formulas": False,
                             "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": title, "subject": subject, "author": AUTHOR, "created": when})
    return book


def finish_sheet(ws: Worksheet) -> None:
    """Close a finished sheet's temporary row file (streamed workbooks; XlsxWriter reopens it when saving),
    so a report with thousands of statements never holds thousands of open files."""
    if ws.constant_memory:
        ws._opt_close()
