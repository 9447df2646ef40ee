"""Numbers and symbols of Party documents (docs/rules.md §2.3, HD 36-HD/VPTW): written and read in every form the seed
articles use."""

import datetime

import pytest

from documents.symbols import format_symbol, number_line, parse_reference, parse_references
from documents.types import CODES, TYPE_OF_CODE, DocumentType


def test_a_symbol_has_two_digits_a_hyphen_and_a_slash_and_no_colon_after_so_domain_2():
    assert format_symbol(5, "CT", "TW") == "05-CT/TW"
    assert format_symbol(127, "QĐ", "TW") == "127-QĐ/TW"
    assert number_line(12, "NQ", "ĐU") == "Số 12-NQ/ĐU"


def test_quyet_dinh_and_quy_dinh_share_the_qd_abbreviation_domain_2():
    assert CODES[DocumentType.DECISION] == CODES[DocumentType.REGULATION] == "QĐ"
    assert TYPE_OF_CODE["QĐ"] is None  # the abbreviation alone does not say which
    assert CODES[DocumentType.OFFICIAL_LETTER] == "CV"  # a Party công văn carries CV


# Every written form of the seed articles (../shared/domain/articles), then the forms of docs/rules.md §2.3.
@pytest.mark.parametrize(("text", "expected"), [
    ("Công văn 339-CV/QU, ngày 25/6/2021 của Quận ủy",
     [("339-CV/QU", DocumentType.OFFICIAL_LETTER, datetime.date(2021, 6, 25), "Quận ủy")]),
    ("Thực hiện Công văn số 139-CV/QU của Quận uỷ ngày 15/12/2020 về việc sơ kết",
     [("139-CV/QU", DocumentType.OFFICIAL_LETTER, datetime.date(2020, 12, 15), "Quận uỷ")]),
    ("Đề án số 15-ĐA/QU của Quận uỷ;", [("15-ĐA/QU", DocumentType.SCHEME, None, "Quận uỷ")]),
    ("cho đề án 15-ĐA/QU của Quận uỷ", [("15-ĐA/QU", DocumentType.SCHEME, None, "Quận uỷ")]),
    ("sau sắp xếp theo Đề án 15 là 10", [("", DocumentType.SCHEME, None, "")]),
    ("quán triệt Đề án số 21-ĐA/TU của Thành ủy và Đề án 15-ĐA/QU của quận ủy về sắp xếp",
     [("21-ĐA/TU", DocumentType.SCHEME, None, "Thành ủy"), ("15-ĐA/QU", DocumentType.SCHEME, None, "quận ủy")]),
    ("trong thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.",
     [("05-CT/TW", DocumentType.DIRECTIVE, None, "Bộ Chính trị")]),
    ("thực hiện Chỉ thị 11, Chỉ thị 19 và Chỉ thị  23. Đồng chí",
     [("", DocumentType.DIRECTIVE, None, "")] * 3),
    ("gắn với thực hiện Quyết định 217, 218 của Bộ chính trị;",
     [("", DocumentType.DECISION, None, "Bộ chính trị")] * 2),
    ("Nghị quyết Trung ương 4 khóa XII và Chỉ thị 05;", [("", DocumentType.DIRECTIVE, None, "")]),
    ("Số 12-NQ/ĐU", [("12-NQ/ĐU", DocumentType.RESOLUTION, None, "")]),
    ("Số: 12-NQ/ĐU", [("12-NQ/ĐU", DocumentType.RESOLUTION, None, "")]),
    ("7619-CV/BTCTW", [("7619-CV/BTCTW", DocumentType.OFFICIAL_LETTER, None, "")]),
    ("Số 24-BS/UBKTTU", [("24-BS/UBKTTU", DocumentType.COPY, None, "")]),
    ("127-QĐ/TW", [("127-QĐ/TW", None, None, "")]),
    ("Quy định 127-QĐ/TW", [("127-QĐ/TW", DocumentType.REGULATION, None, "")]),
    ("08-QĐi/TW", [("08-QĐi/TW", None, None, "")]),
    ("Kế hoạch số 45-KH/ĐU ngày 03 tháng 02 năm 2026",
     [("45-KH/ĐU", DocumentType.PLAN, datetime.date(2026, 2, 3), "")]),
])
def test_it_reads_every_written_form_of_a_citation(text, expected):
    found = [(reference.symbol, reference.doc_type, reference.issued_on, reference.issuer_name)
             for reference in parse_references(text)]
    assert found == expected


@pytest.mark.parametrize("text", [
    "duyệt 02 hồ sơ kết nạp đảng viên mới", "Nghị quyết lãnh đạo công tác tháng 6/2021", "ngày 25/6/2021",
    "Nghị quyết Trung ương 4 khóa XII", "", "1.500 triệu đồng",
])
def test_a_bare_number_or_a_date_is_not_a_citation(text):
    assert parse_references(text) == []


def test_the_numbers_of_a_citation_without_a_symbol_are_read_too():
    assert [r.number for r in parse_references("Quyết định 217, 218 của Bộ chính trị")] == [217, 218]
    assert [r.number for r in parse_references("Chỉ thị 11, Chỉ thị 19 và Chỉ thị 23")] == [11, 19, 23]
    reference = parse_reference("Công văn số 339-CV/QU")
    assert (reference.number, reference.code, reference.issuer_code) == (339, "CV", "QU")


def test_a_text_without_a_citation_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="Không đọc được số, ký hiệu văn bản"):
        parse_reference("công văn của quận")
