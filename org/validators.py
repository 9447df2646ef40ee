"""Checks of Vietnamese identifiers, with messages a clerk understands."""

import re

from django.core.exceptions import ValidationError

# Province codes of the 12-digit citizen ID (Circular 59/2021/TT-BCA, Annex I). Cards issued before the
# 2025 merger of provinces keep their codes, so the 63 codes stay valid.
CCCD_PROVINCE_CODES = frozenset(
    [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]
)
# Fourth digit: sex and century of birth (even = male, odd = female).
CCCD_CENTURY = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}

_PHONE = re.compile(r"^(0|\+84)\d{9}$")


def validate_cccd_format(value: str) -> None:
    if not re.fullmatch(r"\d{12}", value or ""):
        raise ValidationError("Số CCCD phải gồm đúng 12 chữ số.", code="cccd_format")
    if value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            f"Số CCCD không hợp lệ: mã tỉnh “{value[:3]}” (3 chữ số đầu) không tồn tại.", code="cccd_province"
        )


def cccd_consistency_errors(cccd: str, *, gender: str | None, date_of_birth) -> list[str]:
    """Messages for a CCCD whose 4th–6th digits disagree with the person's sex or year of birth."""
    errors = []
    digit = int(cccd[3])
    if gender in {"male", "female"} and (digit % 2 == 0) != (gender == "male"):
        errors.append("Số CCCD không khớp giới tính: chữ số thứ 4 chẵn là nam, lẻ là nữ.")
    if date_of_birth is not None:
        year = CCCD_CENTURY[digit] + int(cccd[4:6])
        if year != date_of_birth.year:
            errors.append(
                f"Số CCCD không khớp năm sinh: các chữ số 4–6 cho năm {year}, "
                f"nhưng ngày sinh là năm {date_of_birth.year}."
            )
    return errors


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(normalize_phone(value)):
        raise ValidationError(
            "Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84 và 9 chữ số).", code="phone"
        )
