"""A Paper as an editable Word document (python-docx) in the layout of HD 36-HD/VPTW, Phụ lục 3: A4, margins
20/20/30/15 mm, Times New Roman 14 as the document's default font, the two-column header and the signature block in
borderless tables, page numbers at the top centre from page 2 on."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from documents.layout import (
    PARTY_NAME,
    RULE,
    STAR,
    Block,
    Paper,
    Signature,
    lines,
    nfc,
    recipient_lines,
    upper,
)

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
TEXT_WIDTH_MM = 210 - 30 - 15
BODY_LINE_SPACING = 1.2
SIGNATURE_GAP_LINES = 4

# style: (alignment, first-line indent, bold, italic, space before in pt)
BLOCK_FORMATS = {
    "body": (WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1), False, False, 0),
    "heading": (WD_ALIGN_PARAGRAPH.LEFT, None, True, False, 6),
    "item": (WD_ALIGN_PARAGRAPH.JUSTIFY, None, False, False, 0),
    "center": (WD_ALIGN_PARAGRAPH.CENTER, None, False, False, 0),
    "center_bold": (WD_ALIGN_PARAGRAPH.CENTER, None, True, False, 0),
    "italic": (WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1), False, True, 0),
    "quote_bold": (WD_ALIGN_PARAGRAPH.CENTER, None, True, False, 6),
}
ITEM_HANGING = Cm(0.5)


def render_docx(paper: Paper) -> bytes:
    """The document as .docx bytes."""
    document = Document()
    _set_defaults(document)
    _set_page(document)
    _header(document, paper)
    _title(document, paper)
    for block in paper.body:
        _block(document, block)
    _bottom(document, paper)
    properties = document.core_properties
    properties.title = paper.title
    properties.language = LANGUAGE
    properties.author = " ".join(upper(t) for t in lines(paper.issuer))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_fonts(r_pr) -> None:
    """Times New Roman for every script (ascii, hAnsi, eastAsia, cs), without the theme fonts that would win."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_language(r_pr) -> None:
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _set_defaults(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    r_pr = normal.element.get_or_add_rPr()
    _set_fonts(r_pr)
    _set_language(r_pr)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_r_pr)
    _set_language(default_r_pr)
    for size in ("w:sz", "w:szCs"):
        element = default_r_pr.find(qn(size))
        if element is not None:
            element.set(qn("w:val"), "28")


def _set_page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers at the top centre, from page 2 on: the first page has its own (empty) header.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _borderless_table(document, widths_mm: tuple[float, ...], rows: int = 1):
    """A fixed-width table without borders or cell side margins (the header and signature rows)."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # adds <w:tblLayout w:type="fixed"/>
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(Mm(sum(widths_mm)).twips))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # Schema order: … tblW, jc, tblBorders, shd, tblLayout, tblCellMar, tblLook.
    layout = tbl_pr.find(qn("w:tblLayout"))
    layout.addprevious(borders)
    layout.addnext(margins)
    for column, column_width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(column_width)
        for cell in column.cells:
            cell.width = Mm(column_width)
    return table


def _line(container, text: str, *, size: float = 14, bold: bool = False, italic: bool = False,
          underline: bool = False, alignment=WD_ALIGN_PARAGRAPH.CENTER, first: bool = False):
    """One centred (by default) paragraph in a cell or the document; `first` reuses a cell's empty paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = alignment
    if text:
        run = paragraph.add_run(nfc(text))
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
    return paragraph


def _header(document, paper: Paper) -> None:
    table = _borderless_table(document, (75, TEXT_WIDTH_MM - 75))
    left, right = table.rows[0].cells
    superiors = [upper(t) for t in lines(paper.superior)]
    issuers = [upper(t) for t in lines(paper.issuer)]
    first = True
    for text in superiors:
        _line(left, text, first=first)
        first = False
    for text in issuers:
        _line(left, text, bold=True, first=first)
        first = False
    _line(left, STAR, first=first)
    for text in lines(paper.number_line):
        _line(left, text)
    _line(right, PARTY_NAME, size=15, bold=True, underline=True, first=True)
    for text in lines(paper.place_date):
        paragraph = _line(right, text, italic=True)
        paragraph.paragraph_format.space_before = Pt(6)


def _title(document, paper: Paper) -> None:
    for number, text in enumerate(lines(paper.kind_title)):
        paragraph = _line(document, upper(text), size=16, bold=True)
        paragraph.paragraph_format.space_before = Pt(0 if number else 18)
        paragraph.paragraph_format.keep_with_next = True
    for text in lines(paper.subject):
        _line(document, text, bold=True).paragraph_format.keep_with_next = True
    rule = _line(document, RULE)
    rule.paragraph_format.space_after = Pt(12)


def _block(document, block: Block) -> None:
    alignment, indent, bold, italic, space_before = BLOCK_FORMATS[block.style]
    paragraph = document.add_paragraph()
    paragraph.alignment = alignment
    paragraph_format = paragraph.paragraph_format
    paragraph_format.line_spacing = BODY_LINE_SPACING
    paragraph_format.space_after = Pt(6)
    paragraph_format.space_before = Pt(space_before)
    if indent is not None:
        paragraph_format.first_line_indent = indent
    if block.style == "item":
        paragraph_format.left_indent = ITEM_HANGING
        paragraph_format.first_line_indent = -ITEM_HANGING
    if block.style in ("heading", "quote_bold"):
        paragraph_format.keep_with_next = True
    # A line break inside a block stays a line break (python-docx turns "\n" into <w:br/>).
    run = paragraph.add_run("\n".join(lines(block.text)))
    run.bold = bold or None
    run.italic = italic or None


def _signature(cell, signature: Signature) -> None:
    first = True
    for text in [*lines(signature.on_behalf), *lines(signature.title)]:
        _line(cell, text, bold=True, first=first)
        first = False
    for _ in range(SIGNATURE_GAP_LINES):
        _line(cell, "", first=first)
        first = False
    for text in lines(signature.name):
        _line(cell, text, bold=True, first=first)


def _recipients(cell, paper: Paper) -> None:
    texts = recipient_lines(paper)
    if not texts:
        return
    _line(cell, texts[0], size=12, bold=True, italic=True, underline=True, alignment=WD_ALIGN_PARAGRAPH.LEFT,
          first=True)
    for text in texts[1:]:
        _line(cell, text, size=11, alignment=WD_ALIGN_PARAGRAPH.LEFT)


def _bottom(document, paper: Paper) -> None:
    spacer = document.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    if len(paper.signatures) == 2:
        half = TEXT_WIDTH_MM / 2
        table = _borderless_table(document, (half, half), rows=2 if paper.recipients else 1)
        for cell, signature in zip(table.rows[0].cells, paper.signatures, strict=True):
            _signature(cell, signature)
        if paper.recipients:
            _recipients(table.rows[1].cells[0], paper)
    else:
        table = _borderless_table(document, (80, TEXT_WIDTH_MM - 80))
        left, right = table.rows[0].cells
        _recipients(left, paper)
        if paper.signatures:
            _signature(right, paper.signatures[0])
    # Keep the signature row on one page.
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        cant_split = OxmlElement("w:cantSplit")
        tr_pr.append(cant_split)
