"""A Party document laid out as HD 36-HD/VPTW asks, rendered as DOCX and PDF from one Paper, and the files opened
again: python-docx for the DOCX, pypdfium2 for the PDF's text, fonts and a picture of page 1. No database."""

import datetime
import io
import re
import unicodedata
from pathlib import Path

import docx
import pypdfium2
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from fontTools.ttLib import TTFont

from documents.layout import Block, Paper, Signature, place_date_line, text_of
from documents.render_docx import render_docx
from documents.render_pdf import FONT_FILES, render_pdf

RESULTS = Path(__file__).resolve().parents[2] / "test-results"

DISCUSSION = (
    "Đồng chí Bí thư Đảng ủy quán triệt Kế hoạch số 15-KH/QU của Quận ủy Long Biên về công tác xây dựng Đảng; các "
    "đồng chí ủy viên thảo luận, đóng góp ý kiến về những việc đã làm được, những hạn chế, khuyết điểm và nguyên "
    "nhân; đề xuất giải pháp khắc phục trong thời gian tới, bảo đảm đúng tiến độ, chất lượng, hiệu quả."
)


def resolution() -> Paper:
    return Paper(
        superior="Đảng bộ quận Long Biên",
        issuer="Đảng ủy phường Sài Đồng",
        number_line="Số 01-NQ/ĐU",
        place_date=place_date_line("Long Biên", datetime.date(2021, 6, 28)),
        kind_title="Nghị quyết",
        subject="lãnh đạo thực hiện nhiệm vụ tháng 7/2021",
        body=(
            Block("Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Quy chế làm việc của Ban Chấp hành Đảng bộ phường Sài Đồng "
                  "nhiệm kỳ 2020 – 2025;"),
            Block("Căn cứ kết quả hội nghị Ban Chấp hành Đảng bộ phường ngày 28/6/2021,"),
            Block("BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG QUYẾT NGHỊ:", "quote_bold"),
            Block("I. NHIỆM VỤ TRỌNG TÂM", "heading"),
            Block("1. Tiếp tục lãnh đạo thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19; đẩy nhanh tiến độ "
                  "tiêm vắc-xin cho nhân dân trên địa bàn phường.", "item"),
            Block("- Chỉ đạo Ủy ban nhân dân phường hoàn thành thu ngân sách, chỉnh trang đô thị, giải phóng mặt bằng "
                  "các dự án trọng điểm.", "item"),
            Block("II. TỔ CHỨC THỰC HIỆN", "heading"),
            Block("Nghị quyết này được phổ biến đến các chi bộ và đảng viên trong Đảng bộ.", "italic"),
        ),
        signatures=(Signature("T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Văn Hùng"),),
        recipients=("Quận ủy Long Biên (để báo cáo)", "Các đồng chí Đảng ủy viên", "Các chi bộ trực thuộc",
                    "Lưu Văn phòng Đảng ủy"),
        title_for_file="nghi-quyet-01-nq-du",
    )


def minutes() -> Paper:
    body = [
        Block("Thời gian: 14 giờ 00 phút, ngày 28 tháng 6 năm 2021."),
        Block("Địa điểm: Hội trường Đảng ủy phường Sài Đồng."),
        Block("I. THÀNH PHẦN", "heading"),
        Block("- Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư Đảng ủy.", "item"),
        Block("- Thư ký: đồng chí Trần Thị Lan, Ủy viên Ban Thường vụ.", "item"),
        Block("II. NỘI DUNG", "heading"),
        *(Block(f"{n}. {DISCUSSION}") for n in range(1, 10)),
        Block("Hội nghị kết thúc lúc 17 giờ 00 phút cùng ngày.", "italic"),
    ]
    return Paper(
        superior="Đảng bộ quận Long Biên",
        issuer="Đảng ủy phường Sài Đồng",
        number_line="Số      -BB/ĐU",
        place_date=place_date_line("Long Biên", datetime.date(2021, 6, 28)),
        kind_title="Biên bản",
        subject="Hội nghị Ban Chấp hành Đảng bộ phường\ntháng 6 năm 2021",
        body=tuple(body),
        signatures=(Signature("", "THƯ KÝ HỘI NGHỊ", "Trần Thị Lan"),
                    Signature("", "CHỦ TRÌ HỘI NGHỊ", "Nguyễn Văn Hùng")),
        title_for_file="bien-ban-2021-06-28",
    )


@pytest.fixture(scope="module")
def resolution_docx():
    return docx.Document(io.BytesIO(render_docx(resolution())))


@pytest.fixture(scope="module")
def resolution_pdf():
    return render_pdf(resolution())


@pytest.fixture(scope="module")
def minutes_pdf():
    return render_pdf(minutes())


def flat(text: str) -> str:
    """NFC, whitespace collapsed: what two renderings of the same words must agree on."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, without the page number printed at the top of pages 2 on."""
    pages = []
    for number, page in enumerate(pypdfium2.PdfDocument(data), start=1):
        text = page.get_textpage().get_text_range()
        if number > 1:
            first, _, rest = text.partition("\n")
            assert first.strip() == str(number)
            text = rest
        pages.append(text)
    return pages


def docx_lines(document) -> list[str]:
    """Every non-empty line of the body in reading order, table cells left to right."""
    result = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs = [Paragraph(child, document)]
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            paragraphs = [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
        else:
            continue
        result.extend(line.strip() for p in paragraphs for line in p.text.split("\n") if line.strip())
    return result


# place_date_line


@pytest.mark.parametrize(("day", "expected"), [
    (datetime.date(2021, 6, 28), "Long Biên, ngày 28 tháng 6 năm 2021"),
    (datetime.date(2026, 2, 5), "Long Biên, ngày 05 tháng 02 năm 2026"),
    (datetime.date(2026, 2, 20), "Long Biên, ngày 20 tháng 02 năm 2026"),
    (datetime.date(2020, 7, 9), "Long Biên, ngày 09 tháng 7 năm 2020"),
    (datetime.date(2025, 1, 10), "Long Biên, ngày 10 tháng 01 năm 2025"),
    (datetime.date(2025, 12, 1), "Long Biên, ngày 01 tháng 12 năm 2025"),
    (datetime.date(2025, 3, 15), "Long Biên, ngày 15 tháng 3 năm 2025"),
])
def test_place_date_line_pads_days_below_ten_and_the_months_january_and_february(day, expected):
    assert place_date_line("Long Biên", day) == expected


# the content model


def test_text_of_reads_header_title_body_then_recipients_and_signature():
    lines = text_of(resolution())
    assert lines[:9] == ["ĐẢNG BỘ QUẬN LONG BIÊN", "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG", "*", "Số 01-NQ/ĐU",
                         "ĐẢNG CỘNG SẢN VIỆT NAM", "Long Biên, ngày 28 tháng 6 năm 2021", "NGHỊ QUYẾT",
                         "lãnh đạo thực hiện nhiệm vụ tháng 7/2021", "-----"]
    assert lines[-8:] == ["Nơi nhận:", "- Quận ủy Long Biên (để báo cáo)", "- Các đồng chí Đảng ủy viên",
                          "- Các chi bộ trực thuộc", "- Lưu Văn phòng Đảng ủy", "T/M BAN CHẤP HÀNH", "BÍ THƯ",
                          "Nguyễn Văn Hùng"]


def test_minutes_read_the_secretary_then_the_chair_and_a_multiline_subject_splits():
    lines = text_of(minutes())
    assert lines[-4:] == ["THƯ KÝ HỘI NGHỊ", "Trần Thị Lan", "CHỦ TRÌ HỘI NGHỊ", "Nguyễn Văn Hùng"]
    assert "Hội nghị Ban Chấp hành Đảng bộ phường" in lines and "tháng 6 năm 2021" in lines


def test_a_paper_refuses_a_third_signature_and_an_unknown_block_style():
    with pytest.raises(ValueError):
        Block("x", "bold")
    with pytest.raises(ValueError):
        Paper("", "ĐẢNG ỦY", "", "", "BIÊN BẢN", "", (), (Signature(), Signature(), Signature()))


# DOCX


def test_the_docx_names_times_new_roman_as_the_document_font(resolution_docx):
    normal = resolution_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    assert fonts.get(qn("w:asciiTheme")) is None


def test_the_docx_page_is_a4_with_margins_of_20_20_30_15_mm(resolution_docx):
    section = resolution_docx.sections[0]
    measured = [section.page_width.mm, section.page_height.mm, section.top_margin.mm, section.bottom_margin.mm,
                section.left_margin.mm, section.right_margin.mm]
    assert measured == pytest.approx([210, 297, 20, 20, 30, 15], abs=0.1)


def test_the_docx_header_table_carries_the_issuer_the_party_name_the_number_and_the_date(resolution_docx):
    left, right = resolution_docx.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ QUẬN LONG BIÊN", "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG", "*",
                                                 "Số 01-NQ/ĐU"]
    superior, issuer = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert (superior.bold, issuer.bold) == (None, True)
    party, date = right.paragraphs[0].runs[0], right.paragraphs[1].runs[0]
    assert (party.text, party.bold, party.underline, party.font.size.pt) == ("ĐẢNG CỘNG SẢN VIỆT NAM", True, True, 15)
    assert (date.text, date.italic) == ("Long Biên, ngày 28 tháng 6 năm 2021", True)


def test_the_docx_title_is_bold_and_every_body_block_follows_in_order(resolution_docx):
    paragraphs = resolution_docx.paragraphs
    title = next(p for p in paragraphs if p.text == "NGHỊ QUYẾT")
    assert all(run.bold for run in title.runs) and title.runs[0].font.size.pt == 16
    texts = [p.text for p in paragraphs]
    positions = [texts.index(block.text) for block in resolution().body]
    assert positions == sorted(positions) and positions[0] > texts.index("NGHỊ QUYẾT")
    first_body = paragraphs[positions[0]]
    assert first_body.paragraph_format.first_line_indent.cm == pytest.approx(1, abs=0.01)


def test_the_docx_ends_with_the_recipients_left_and_the_signature_right(resolution_docx):
    left, right = resolution_docx.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:" and left.paragraphs[0].runs[0].bold
    assert "- Lưu Văn phòng Đảng ủy" in [p.text for p in left.paragraphs]
    signed = [p.text for p in right.paragraphs]
    assert signed[:2] == ["T/M BAN CHẤP HÀNH", "BÍ THƯ"] and signed[-1] == "Nguyễn Văn Hùng"
    assert signed.count("") >= 3  # room for the hand signature


def test_the_docx_minutes_put_both_signatures_in_one_row():
    document = docx.Document(io.BytesIO(render_docx(minutes())))
    secretary, chair = document.tables[-1].rows[0].cells
    assert secretary.paragraphs[0].text == "THƯ KÝ HỘI NGHỊ" and chair.paragraphs[0].text == "CHỦ TRÌ HỘI NGHỊ"


def test_the_docx_core_properties_carry_the_title_and_vietnamese(resolution_docx):
    properties = resolution_docx.core_properties
    assert properties.title == "NGHỊ QUYẾT lãnh đạo thực hiện nhiệm vụ tháng 7/2021"
    assert properties.language == "vi-VN"


# PDF


def test_the_pdf_shows_every_line_of_the_resolution_with_its_diacritics(resolution_pdf):
    (page,) = pdf_pages(resolution_pdf)
    assert flat(page) == flat(" ".join(text_of(resolution())))
    lines = [line.strip() for line in page.splitlines()]
    for expected in ("ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-NQ/ĐU",
                     "Long Biên, ngày 28 tháng 6 năm 2021", "NGHỊ QUYẾT", "T/M BAN CHẤP HÀNH", "Nguyễn Văn Hùng",
                     "Nơi nhận:", "- Quận ủy Long Biên (để báo cáo)"):
        assert expected in lines


def test_the_long_minutes_run_onto_a_second_page_numbered_2(minutes_pdf):
    pages = pdf_pages(minutes_pdf)  # checks the page number too
    assert len(pages) >= 2
    assert flat(" ".join(pages)) == flat(" ".join(text_of(minutes())))
    assert "CHỦ TRÌ HỘI NGHỊ" in pages[-1] and "THƯ KÝ HỘI NGHỊ" in pages[-1]


def test_the_pdf_embeds_only_liberation_serif_in_its_four_faces(resolution_pdf):
    names = {name.split(b"+")[-1] for name in re.findall(rb"/BaseFont\s*/([\w+-]+)", resolution_pdf)}
    assert names == {b"LiberationSerif", b"LiberationSerifBold", b"LiberationSerifItalic",
                     b"LiberationSerifBoldItalic"}


def test_every_character_of_the_papers_has_a_glyph_in_each_liberation_serif_face():
    characters = set("".join(text_of(resolution()) + text_of(minutes())))
    for style, path in FONT_FILES.items():
        cmap = TTFont(path, lazy=True).getBestCmap()
        missing = sorted(c for c in characters if ord(c) not in cmap)
        assert not missing, f"{style or 'Regular'} lacks {missing}"


def test_decomposed_input_is_drawn_composed():
    decomposed = unicodedata.normalize("NFD", "Hội nghị Ban Chấp hành Đảng bộ phường")
    paper = Paper("", "Đảng ủy phường Sài Đồng", "", "", "Biên bản", decomposed, (Block(decomposed),),
                  (Signature(title="THƯ KÝ HỘI NGHỊ"),))
    (page,) = pdf_pages(render_pdf(paper))
    assert page.count("Hội nghị Ban Chấp hành Đảng bộ phường") == 2


def test_the_pdf_carries_its_title_and_the_language_vi(resolution_pdf):
    metadata = pypdfium2.PdfDocument(resolution_pdf).get_metadata_dict()
    assert metadata["Title"] == "NGHỊ QUYẾT lãnh đạo thực hiện nhiệm vụ tháng 7/2021"
    assert b"/Lang (vi)" in resolution_pdf


def test_page_one_renders_with_ink_in_the_header_and_the_body(resolution_pdf, tmp_path):
    image = pypdfium2.PdfDocument(resolution_pdf)[0].render(scale=2).to_pil().convert("L")
    folder = RESULTS if RESULTS.is_dir() else tmp_path
    image.save(folder / "pdf-page1.png")
    mm = image.width / 210

    def dark_pixels(top_mm, bottom_mm, left_mm=0, right_mm=210):
        box = image.crop((round(left_mm * mm), round(top_mm * mm), round(right_mm * mm), round(bottom_mm * mm)))
        return sum(box.histogram()[:128])

    assert dark_pixels(0, 20) == 0  # the top margin
    assert dark_pixels(20, 40, 30, 105) > 200  # issuer, left header column
    assert dark_pixels(20, 40, 105, 195) > 200  # ĐẢNG CỘNG SẢN VIỆT NAM and the date
    assert dark_pixels(90, 150, 30, 195) > 2000  # body
    assert dark_pixels(0, 297) < image.width * image.height * 0.1


# both formats


def test_the_same_paper_renders_the_same_lines_in_docx_and_pdf():
    for paper in (resolution(), minutes()):
        expected = text_of(paper)
        assert docx_lines(docx.Document(io.BytesIO(render_docx(paper)))) == expected
        assert flat(" ".join(pdf_pages(render_pdf(paper)))) == flat(" ".join(expected))
