"""Party document types and the abbreviations of their numbers (docs/rules.md §2.1, QĐ 399 and HD 36-HD/VPTW).

One table: a type's Vietnamese name and the abbreviation its number carries ("12-NQ/ĐU"). Where docs/rules.md §2.1 marks
an abbreviation as seen in real numbers it is [C]; the usual ones are [S]; the rest follow the pattern of HD 36's
list and are marked [U] here (docs/rules.md §2.1: not confirmed), so a clerk may type another one on an incoming paper.
"""

from django.db import models


class DocumentType(models.TextChoices):
    RESOLUTION = "resolution", "Nghị quyết"
    DECISION = "decision", "Quyết định"
    REGULATION = "regulation", "Quy định"
    DIRECTIVE = "directive", "Chỉ thị"
    CONCLUSION = "conclusion", "Kết luận"
    RULES = "rules", "Quy chế"
    CIRCULAR = "circular", "Thông tri"
    GUIDANCE = "guidance", "Hướng dẫn"
    NOTICE = "notice", "Thông báo"
    COMMUNIQUE = "communique", "Thông cáo"
    DECLARATION = "declaration", "Tuyên bố"
    APPEAL = "appeal", "Lời kêu gọi"
    REPORT = "report", "Báo cáo"
    PLAN = "plan", "Kế hoạch"
    MASTER_PLAN = "master_plan", "Quy hoạch"
    PROGRAMME = "programme", "Chương trình"
    ACTION_PROGRAMME = "action_programme", "Chương trình hành động"
    SCHEME = "scheme", "Đề án"
    OPTION = "option", "Phương án"
    PROJECT = "project", "Dự án"
    SUBMISSION = "submission", "Tờ trình"
    OFFICIAL_LETTER = "official_letter", "Công văn"
    MINUTES = "minutes", "Biên bản"
    COPY = "copy", "Bản sao"


# type → abbreviation in the number. Quyết định and Quy định share "QĐ", and so one sequence (docs/rules.md §2.4).
CODES: dict[str, str] = {
    DocumentType.RESOLUTION: "NQ",  # [C]
    DocumentType.DECISION: "QĐ",  # [C]
    DocumentType.REGULATION: "QĐ",  # [C]
    DocumentType.DIRECTIVE: "CT",  # [C]
    DocumentType.CONCLUSION: "KL",  # [C]
    DocumentType.RULES: "QC",  # [C]
    DocumentType.CIRCULAR: "TT",  # [S]
    DocumentType.GUIDANCE: "HD",  # [C]
    DocumentType.NOTICE: "TB",  # [S]
    DocumentType.COMMUNIQUE: "TC",  # [U]
    DocumentType.DECLARATION: "TBo",  # [U]
    DocumentType.APPEAL: "LKG",  # [U]
    DocumentType.REPORT: "BC",  # [S]
    DocumentType.PLAN: "KH",  # [C]
    DocumentType.MASTER_PLAN: "QH",  # [U]
    DocumentType.PROGRAMME: "CTr",  # [U]
    DocumentType.ACTION_PROGRAMME: "CTHĐ",  # [C]
    DocumentType.SCHEME: "ĐA",  # [S]
    DocumentType.OPTION: "PA",  # [U]
    DocumentType.PROJECT: "DA",  # [U]
    DocumentType.SUBMISSION: "TTr",  # [S]
    DocumentType.OFFICIAL_LETTER: "CV",  # [C]: a Party công văn carries CV, a state one none
    DocumentType.MINUTES: "BB",  # [S]
    DocumentType.COPY: "BS",  # [C]
}

# abbreviation → the type it names when it names only one ("QĐ" names two: the text must say which).
TYPE_OF_CODE: dict[str, str] = {}
for _type, _code in CODES.items():
    TYPE_OF_CODE[_code] = None if _code in TYPE_OF_CODE else _type
TYPE_OF_CODE["QĐi"] = None  # 08-QĐi/TW (2018): the rule is unclear [U]

# The issuing body's abbreviation after the slash, by the kind of Party organisation (docs/rules.md §2.2 [C]; chi bộ
# [S]). The issuing bodies of a ward's register (docs/rules.md §2.2): the Đảng ủy's own documents (…/ĐU), and those of
# its inspection committee, signed "T/M ỦY BAN KIỂM TRA" with their own sequence and symbol (…/UBKTĐU).
class IssuingBody(models.TextChoices):
    COMMITTEE = "committee", "Đảng ủy, chi bộ"
    INSPECTION = "inspection", "Ủy ban Kiểm tra"


INSPECTION_PREFIX = "UBKT"  # "UBKT" + the committee's code: "UBKTĐU"


def issuing_body_of(issuer_code: str) -> str:
    return IssuingBody.INSPECTION if issuer_code.startswith(INSPECTION_PREFIX) else IssuingBody.COMMITTEE


ISSUER_CODES: dict[str, str] = {
    "city_committee": "TU",
    "province_committee": "TU",
    "district_committee": "QU",
    "county_committee": "HU",
    "ward_committee": "ĐU",
    "commune_committee": "ĐU",
    "cell": "CB",
}
