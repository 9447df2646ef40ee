"""Accent-insensitive search of people: typed with or without diacritics, đ and d alike, scoped to the user."""

import pytest

from core.search import fold
from org.models import Person


@pytest.mark.parametrize(("text", "folded"), [
    ("Nguyễn Văn Hùng", "nguyen van hung"),
    ("Đặng", "dang"),
    ("đặng thị dung", "dang thi dung"),
    ("  Trần   Văn\tBình ", "tran van binh"),
    ("NGUYỄN", "nguyen"),
    (None, ""),
    ("", ""),
])
def test_it_folds_vietnamese_text_to_plain_lower_case(text, folded):
    assert fold(text) == folded


def names(query):
    return {person.full_name for person in Person.objects.search(query)}


@pytest.mark.parametrize("query", ["nguyen van hung", "Nguyễn Văn Hùng", "NGUYEN  VAN", "hùng", "van hung"])
def test_it_finds_hung_however_his_name_is_typed(world, query):
    assert "Nguyễn Văn Hùng" in names(query)


@pytest.mark.parametrize("query", ["dang", "Đặng", "đặng", "DANG THI"])
def test_it_finds_dang_thi_dung_with_d_or_dj(world, query):
    assert names(query) == {"Đặng Thị Dung"}


def test_it_does_not_match_duong_to_dang(world):
    assert names("duong") == set()


def test_every_word_must_match(world):
    assert names("nguyen dung") == set()


def test_an_empty_query_finds_everyone(world):
    assert Person.objects.search("  ").count() == Person.objects.count() == 3


def test_a_search_never_returns_another_wards_people(world, clerk, outsider):
    Person.objects.create(organization=world.other_ward, full_name="Nguyễn Văn Hùng", search_name="nguyen van hung")
    mine = Person.objects.for_user(clerk, "people.view").search("nguyen van hung")
    theirs = Person.objects.for_user(outsider, "people.view").search("nguyen van hung")
    assert list(mine) == [world.hung]
    assert [p.organization for p in theirs] == [world.other_ward]
    assert not Person.objects.for_user(clerk, "people.view").search("tran van binh").exists()
