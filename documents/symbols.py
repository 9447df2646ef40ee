"""Numbers and symbols of Party documents (docs/rules.md §2.3, HD 36-HD/VPTW §II.1.3): "Số 12-NQ/ĐU".

`format_symbol` writes them; `parse_references` reads every form a clerk or a news post writes ("339-CV/QU",
"Công văn số 339-CV/QU", "Công văn 339-CV/QU, ngày 25/6/2021 của Quận ủy", "Quyết định 217, 218", "Chỉ thị 05").
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from documents.types import CODES, TYPE_OF_CODE, DocumentType

# Longest names first, so that "Chương trình hành động" wins over "Chương trình".
_TYPE_NAMES = sorted(((label, value) for value, label in DocumentType.choices), key=lambda item: -len(item[0]))
_TYPE_BY_NAME = {label.casefold(): value for label, value in _TYPE_NAMES}
_TYPE_WORD = "|".join(re.escape(label) for label, _ in _TYPE_NAMES)
_CODE = r"[A-ZĐ][A-Za-zĐđ]*"

REFERENCE = re.compile(
    rf"(?:(?P<word>(?i:{_TYPE_WORD}))\s+)?"  # "Công văn"
    r"(?:(?i:số)\s*:?\s*)?"  # "số", "Số:"
    r"(?<![\d/.-])(?P<number>\d{1,6})"
    rf"(?:\s*-\s*(?P<code>{_CODE})\s*/\s*(?P<issuer>{_CODE}(?:-{_CODE})?))?"  # "-CV/QU"
    r"(?![\d/]|\.\d)"
)
# Further numbers of the same type: "Quyết định 217, 218", "Chỉ thị 11 và 19".
MORE = re.compile(
    rf"\s*(?:,|và)\s*(?P<number>\d{{1,6}})(?:\s*-\s*(?P<code>{_CODE})\s*/\s*(?P<issuer>{_CODE}))?(?![\d/]|\.\d)"
)
DATE = re.compile(
    r"\s*,?\s*(?i:ngày)\s+(?P<day>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<month>\d{1,2})"
    r"\s*(?:/|-|\.|\s+năm\s+)\s*(?P<year>\d{4})"
)
# The issuing body, as news posts and clerks name it: "của Quận ủy", "của Bộ Chính trị", "của Thành ủy Hà Nội", and
# the bodies of a committee: "của Ban Tổ chức Trung ương", "của Ban Thường vụ Quận ủy", "của Ủy ban Kiểm tra Tỉnh ủy",
# "của Văn phòng Trung ương Đảng".
_COMMITTEE = r"(?:quận|huyện|thành|tỉnh|thị|đảng)\s+[uủ][ỷy]"
_BODY = (r"(?:ban\s+(?:thường\s+vụ|tổ\s+chức|tuyên\s+giáo(?:\s+và\s+dân\s+vận)?|dân\s+vận|nội\s+chính|kinh\s+tế"
         r"|chính\s+sách,\s+chiến\s+lược|đối\s+ngoại|xây\s+dựng\s+đảng)|văn\s+phòng|[uủ][ỷy]\s+ban\s+kiểm\s+tra"
         r"|đảng\s+ủy\s+[A-ZĐ][\wÀ-ỹ]*)\s+")
ISSUER = re.compile(
    rf"\s*,?\s*(?i:của)\s+(?P<name>(?i:bộ chính trị|ban bí thư|ban chấp hành trung ương"
    rf"|(?:{_BODY})?(?:trung\s+ương(?:\s+đảng)?|{_COMMITTEE}))(?:\s+[A-ZĐ][\wÀ-ỹ]*)*)"
)


@dataclass(frozen=True)
class Reference:
    """A document as a text cites it. `code` and `issuer_code` are "" when the text does not write the symbol;
    `doc_type` is None when neither a word nor the abbreviation says it (QĐ is Quyết định or Quy định)."""

    number: int
    code: str
    issuer_code: str
    doc_type: str | None
    issued_on: datetime.date | None = None
    issuer_name: str = ""

    @property
    def symbol(self) -> str:
        return format_symbol(self.number, self.code, self.issuer_code) if self.code and self.issuer_code else ""

    def __str__(self):
        label = DocumentType(self.doc_type).label if self.doc_type else "Văn bản"
        return f"{label} {self.symbol or f'số {self.number:02d}'}"


def format_symbol(number: int, code: str, issuer_code: str) -> str:
    """ "12-NQ/ĐU": at least two digits, a hyphen, the type, a slash, the issuing body (HD 36)."""
    return f"{number:02d}-{code}/{issuer_code}"


def number_line(number: int, code: str, issuer_code: str) -> str:
    """The number line of a document: "Số 12-NQ/ĐU" (no colon after "Số", HD 36)."""
    return f"Số {format_symbol(number, code, issuer_code)}"


def _normal(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", unicodedata.normalize("NFC", text or ""))


def _tail(text: str, position: int) -> tuple[datetime.date | None, str]:
    """The date and the issuing body written after a citation, in either order."""
    issued_on, issuer_name = None, ""
    for _ in range(2):
        date = DATE.match(text, position)
        if date and issued_on is None:
            try:
                issued_on = datetime.date(int(date["year"]), int(date["month"]), int(date["day"]))
            except ValueError:
                break
            position = date.end()
            continue
        issuer = ISSUER.match(text, position)
        if issuer and not issuer_name:
            issuer_name, position = issuer["name"], issuer.end()
            continue
        break
    return issued_on, issuer_name


def _reference(number, code, issuer_code, word_type, issued_on, issuer_name) -> Reference:
    doc_type = word_type or (TYPE_OF_CODE.get(code) if code else None)
    if not code and doc_type:
        code = CODES[doc_type]
    return Reference(int(number), code or "", issuer_code or "", doc_type, issued_on, issuer_name)


def parse_references(text: str) -> list[Reference]:
    """Every document `text` cites with a number: a symbol ("15-ĐA/QU"), or a type name and a number ("Chỉ thị
    05"). A bare number is not a citation ("02 hồ sơ")."""
    text = _normal(text)
    found: list[Reference] = []
    position = 0
    while match := REFERENCE.search(text, position):
        position = match.end()
        word_type = _TYPE_BY_NAME.get(match["word"].casefold()) if match["word"] else None
        if not word_type and not match["code"]:
            continue
        group = [(match["number"], match["code"], match["issuer"])]
        while more := MORE.match(text, position):
            group.append((more["number"], more["code"] or match["code"], more["issuer"] or match["issuer"]))
            position = more.end()
        issued_on, issuer_name = _tail(text, position)
        found += [_reference(number, code, issuer, word_type, issued_on, issuer_name)
                  for number, code, issuer in group]
    return found


def parse_reference(text: str) -> Reference:
    """The one document `text` names ("Công văn số 339-CV/QU", "339-CV/QU", "Quyết định 217"); ValueError with a
    Vietnamese message when it names none."""
    found = parse_references(text)
    if not found:
        raise ValueError(
            "Không đọc được số, ký hiệu văn bản: hãy viết như “339-CV/QU”, “Công văn số 339-CV/QU” hoặc "
            "“Quyết định 217”."
        )
    return found[0]
