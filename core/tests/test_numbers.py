from decimal import Decimal

import pytest

from core.numbers import parse_vn_number, vn_number


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (Decimal("4000000000"), None, "4.000.000.000"),
    (Decimal("36.2614"), 2, "36,26"),
    (Decimal("138.4615"), 1, "138,5"),
    (Decimal("138.45"), 1, "138,5"),  # half away from zero, not to even
    (Decimal("100.00"), 2, "100"),
    (Decimal("0.5"), 0, "1"),
    (Decimal("999"), None, "999"),
    (Decimal("1000"), None, "1.000"),
    (Decimal("-1234.5"), None, "-1.234,5"),
    (Decimal("0.05"), 2, "0,05"),
    (12, None, "12"),
])
def test_numbers_are_written_the_vietnamese_way(value, decimals, text):
    assert vn_number(value, decimals) == text


@pytest.mark.parametrize(("text", "value"), [
    ("11.031.000.000", Decimal("11031000000")), ("4,5", Decimal("4.5")), ("1.234,5", Decimal("1234.5")),
    ("95", Decimal(95)), ("95.5", Decimal("95.5")), (" 18 ", Decimal(18)), ("1.000", Decimal(1000)),
])
def test_numbers_are_read_as_a_clerk_types_them(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["", "mười", "1,2,3", "NaN", "Infinity"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)
