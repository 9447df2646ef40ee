"""CCCD and phone numbers: format, province code, agreement with sex and year of birth, normalisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from org.models import Person
from org.validators import cccd_consistency_errors, normalize_phone, validate_cccd_format, validate_phone


def message(check, value):
    with pytest.raises(ValidationError) as exc:
        check(value)
    return " ".join(exc.value.messages)


@pytest.mark.parametrize("value", ["12ab", "00106000012", "0010600001234", "00106000012a", "001 060 000 123", ""])
def test_it_refuses_a_cccd_that_is_not_twelve_digits(value):
    assert message(validate_cccd_format, value) == "Số CCCD phải gồm đúng 12 chữ số."


@pytest.mark.parametrize("value", ["000060000123", "003060000123", "099060000123"])
def test_it_refuses_a_cccd_with_an_unknown_province_code(value):
    assert f"mã tỉnh “{value[:3]}”" in message(validate_cccd_format, value)


@pytest.mark.parametrize("value", ["001060000123", "079301012345", "096185000001"])
def test_it_accepts_a_well_formed_cccd(value):
    validate_cccd_format(value)


def test_it_accepts_a_cccd_agreeing_with_sex_and_year_of_birth():
    assert cccd_consistency_errors("001060000123", gender="male", date_of_birth=datetime.date(1960, 5, 1)) == []
    assert cccd_consistency_errors("001301012345", gender="female", date_of_birth=datetime.date(2001, 3, 4)) == []
    assert cccd_consistency_errors("001160000123", gender="female", date_of_birth=datetime.date(1960, 5, 1)) == []
    assert cccd_consistency_errors("001200000123", gender="male", date_of_birth=datetime.date(2000, 1, 1)) == []


def test_it_checks_nothing_it_does_not_know():
    assert cccd_consistency_errors("001301012345", gender="", date_of_birth=None) == []


def test_it_refuses_a_cccd_whose_fourth_digit_disagrees_with_sex():
    (error,) = cccd_consistency_errors("001001012345", gender="female", date_of_birth=None)
    assert "không khớp giới tính" in error
    (error,) = cccd_consistency_errors("001301012345", gender="male", date_of_birth=None)
    assert "không khớp giới tính" in error


def test_it_refuses_a_cccd_whose_century_and_year_digits_disagree_with_the_year_of_birth():
    (error,) = cccd_consistency_errors("001101012345", gender="female", date_of_birth=datetime.date(2001, 3, 4))
    assert "cho năm 1901" in error and "năm 2001" in error
    (error,) = cccd_consistency_errors("001302012345", gender="female", date_of_birth=datetime.date(2001, 3, 4))
    assert "cho năm 2002" in error


@pytest.mark.parametrize(("raw", "normal"), [
    ("091 234 5678", "0912345678"), ("091.234.5678", "0912345678"), ("(091) 234-5678", "0912345678"),
    ("+84912345678", "+84912345678"), ("", ""), (None, ""),
])
def test_it_normalises_phone_numbers(raw, normal):
    assert normalize_phone(raw) == normal
    validate_phone(raw)


@pytest.mark.parametrize("value", ["12345", "091234567", "09123456789", "1912345678", "+8491234567", "09123abcde"])
def test_it_refuses_a_malformed_phone_number(value):
    assert message(validate_phone, value).startswith("Số điện thoại phải có 10 chữ số")


def test_a_person_record_refuses_a_cccd_disagreeing_with_its_sex_and_birth(world):
    person = Person(organization=world.ward, full_name="Lê Thị Hoa", gender="female",
                    date_of_birth=datetime.date(2001, 3, 4), cccd="001001012345")
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert exc.value.message_dict["cccd"] == [
        "Số CCCD không khớp giới tính: chữ số thứ 4 chẵn là nam, lẻ là nữ.",
        "Số CCCD không khớp năm sinh: các chữ số 4–6 cho năm 1901, nhưng ngày sinh là năm 2001.",
    ]
