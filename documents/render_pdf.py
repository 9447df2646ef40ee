"""A Paper as PDF (fpdf2) in the layout of HD 36-HD/VPTW, Phụ lục 3, set in Liberation Serif 2.1.5 (metric-compatible
with Times New Roman, full Vietnamese coverage), whose TTF files ship in documents/fonts and are registered
explicitly. A4, margins 20/20/30/15 mm, page numbers at the top centre from page 2 on."""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

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

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "LiberationSerif"
FONT_FILES = {
    "": FONT_DIR / "LiberationSerif-Regular.ttf",
    "B": FONT_DIR / "LiberationSerif-Bold.ttf",
    "I": FONT_DIR / "LiberationSerif-Italic.ttf",
    "BI": FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}
LANGUAGE = "vi"

PT = 25.4 / 72  # mm per point
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = 210 - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT_WIDTH = 75
BOTTOM_LEFT_WIDTH = 80
LINE = 1.2  # header, title and signature lines: a multiple of the font size
BODY_LINE = 1.3  # body lines, close to Word's 1.2 "multiple" of Times New Roman
BODY_SIZE = 14
PARAGRAPH_AFTER = 6 * PT
INDENT = 10  # first-line indent of a body paragraph, mm
HANGING = 5  # hanging indent of an item line, mm
SIGNATURE_GAP_LINES = 4

# style: (alignment, first-line indent, font style, space before in mm)
BLOCK_FORMATS = {
    "body": (Align.J, INDENT, "", 0),
    "heading": (Align.L, 0, "B", 6 * PT),
    "item": (Align.J, -HANGING, "", 0),
    "center": (Align.C, 0, "", 0),
    "center_bold": (Align.C, 0, "B", 0),
    "italic": (Align.J, INDENT, "I", 0),
    "quote_bold": (Align.C, 0, "B", 6 * PT),
}


def _add_fonts(pdf: FPDF) -> None:
    """Liberation Serif's four faces, registered explicitly (the PDF never falls back to a core font). fpdf2 parses
    each face per document (about 9 ms a face) and embeds only the glyphs used."""
    for style, path in FONT_FILES.items():
        pdf.add_font(FAMILY, style, path)


class _PartyPDF(FPDF):
    def header(self) -> None:
        """The page number, centred at the top, from page 2 on."""
        if self.page_no() < 2:
            return
        self.set_font(FAMILY, "", BODY_SIZE)
        self.set_xy(MARGIN_LEFT, 10)
        self.cell(TEXT_WIDTH, BODY_SIZE * PT, str(self.page_no()), align=Align.C)
        self.set_xy(MARGIN_LEFT, MARGIN_TOP)


def render_pdf(paper: Paper) -> bytes:
    """The document as PDF bytes."""
    pdf = _PartyPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    _add_fonts(pdf)
    pdf.set_title(paper.title)
    pdf.set_author(" ".join(upper(t) for t in lines(paper.issuer)))
    pdf.set_creator("dangvu")
    pdf.set_lang(LANGUAGE)
    pdf.add_page()
    _header(pdf, paper)
    _title(pdf, paper)
    for block in paper.body:
        _block(pdf, block)
    _bottom(pdf, paper)
    return bytes(pdf.output())


def _line(pdf: FPDF, x: float, width: float, text: str, *, size: float = 14, style: str = "",
          align: Align = Align.C, rule: bool = False) -> None:
    """One line (wrapped if it must) at x across width, then down to the next line. `rule` draws a line under the
    text below the cell, clear of the dots under Vietnamese letters (an underline would strike "Ệ", "ậ")."""
    text = nfc(text)
    pdf.set_font(FAMILY, style, size)
    pdf.set_x(x)
    pdf.multi_cell(width, size * PT * LINE, text, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
    if rule:
        text_width = min(pdf.get_string_width(text), width)
        start = x + (width - text_width) / 2 if align == Align.C else x + pdf.c_margin
        pdf.set_line_width(0.3)
        pdf.line(start, pdf.y, start + text_width, pdf.y)


def _header(pdf: FPDF, paper: Paper) -> None:
    top = pdf.y
    left = MARGIN_LEFT
    for text in lines(paper.superior):
        _line(pdf, left, HEADER_LEFT_WIDTH, upper(text))
    for text in lines(paper.issuer):
        _line(pdf, left, HEADER_LEFT_WIDTH, upper(text), style="B")
    _line(pdf, left, HEADER_LEFT_WIDTH, STAR)
    for text in lines(paper.number_line):
        _line(pdf, left, HEADER_LEFT_WIDTH, text)
    left_bottom = pdf.y
    right = MARGIN_LEFT + HEADER_LEFT_WIDTH
    right_width = TEXT_WIDTH - HEADER_LEFT_WIDTH
    pdf.set_y(top)
    _line(pdf, right, right_width, PARTY_NAME, size=15, style="B", rule=True)
    pdf.set_y(pdf.y + 6 * PT)
    for text in lines(paper.place_date):
        _line(pdf, right, right_width, text, style="I")
    pdf.set_y(max(left_bottom, pdf.y))


def _title(pdf: FPDF, paper: Paper) -> None:
    pdf.set_y(pdf.y + 18 * PT)
    for text in lines(paper.kind_title):
        _line(pdf, MARGIN_LEFT, TEXT_WIDTH, upper(text), size=16, style="B")
    for text in lines(paper.subject):
        _line(pdf, MARGIN_LEFT, TEXT_WIDTH, text, style="B")
    _line(pdf, MARGIN_LEFT, TEXT_WIDTH, RULE)
    pdf.set_y(pdf.y + 12 * PT)


def _block(pdf: FPDF, block: Block) -> None:
    align, first_indent, style, space_before = BLOCK_FORMATS[block.style]
    line_height = BODY_SIZE * PT * BODY_LINE
    if block.style in ("heading", "quote_bold"):
        # Keep a heading with at least two lines of what follows.
        if pdf.y + space_before + 3 * line_height > pdf.page_break_trigger:
            pdf.add_page()
        elif pdf.y > MARGIN_TOP:
            pdf.set_y(pdf.y + space_before)
    pdf.set_font(FAMILY, style, BODY_SIZE)
    indent = HANGING if block.style == "item" else 0
    region = pdf.text_columns(text_align=align, line_height=BODY_LINE)
    with region, region.paragraph(indent=indent, first_line_indent=first_indent,
                                  bottom_margin=PARAGRAPH_AFTER) as paragraph:
        paragraph.write("\n".join(lines(block.text)))
    pdf.set_x(MARGIN_LEFT)


def _signature_lines(signature: Signature) -> list[tuple[str, str]]:
    """(text, style) for each line of one signature block; "" text is an empty line for the hand signature."""
    drawn = [(text, "B") for text in [*lines(signature.on_behalf), *lines(signature.title)]]
    drawn += [("", "")] * SIGNATURE_GAP_LINES
    drawn += [(text, "B") for text in lines(signature.name)]
    return drawn


def _draw_column(pdf: FPDF, x: float, width: float, drawn: list[tuple[str, str, float, Align, bool]]) -> float:
    """Draw (text, style, size, align, rule) lines down from the current y; return the y below them."""
    for text, style, size, align, rule in drawn:
        if text:
            _line(pdf, x, width, text, size=size, style=style, align=align, rule=rule)
        else:
            pdf.set_y(pdf.y + size * PT * LINE)
    return pdf.y


def _height(drawn: list[tuple[str, str, float, Align, bool]]) -> float:
    return sum(size * PT * LINE for _, _, size, _, _ in drawn)


def _bottom(pdf: FPDF, paper: Paper) -> None:
    recipients = recipient_lines(paper)
    recipient_column = [(text, "BI", 12, Align.L, True) if i == 0 else (text, "", 11, Align.L, False)
                        for i, text in enumerate(recipients)]
    signatures = [[(text, style, 14, Align.C, False) for text, style in _signature_lines(s)] for s in paper.signatures]
    if len(signatures) == 2:
        rows = [(signatures[0], signatures[1], TEXT_WIDTH / 2)]
        if recipient_column:
            rows.append((recipient_column, [], BOTTOM_LEFT_WIDTH))
    else:
        rows = [(recipient_column, signatures[0] if signatures else [], BOTTOM_LEFT_WIDTH)]
    pdf.set_y(pdf.y + 6 * PT)
    for left, right, left_width in rows:
        # Keep each row (the signatures, the recipients) on one page.
        if pdf.will_page_break(max(_height(left), _height(right))):
            pdf.add_page()
        top = pdf.y
        left_bottom = _draw_column(pdf, MARGIN_LEFT, left_width, left)
        pdf.set_y(top)
        right_bottom = _draw_column(pdf, MARGIN_LEFT + left_width, TEXT_WIDTH - left_width, right)
        pdf.set_y(max(left_bottom, right_bottom))
