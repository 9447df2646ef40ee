"""Member search (issue 4): accent-insensitive word prefixes over names; numbers by prefix; indexed on PostgreSQL."""

import datetime

import pytest
from django.db import connection

from members import services
from members.models import PartyMember


@pytest.fixture
def member(world, clerk):
    world.hung.date_of_birth = datetime.date(1960, 5, 1)
    world.hung.save()
    member = services.register_candidate(person=world.hung, organization=world.cell, day=datetime.date(2020, 9, 1),
                                         actor=clerk)
    services.update_member(member, actor=clerk, membership_no="01-469379", card_no="01.797732")
    return member


@pytest.mark.parametrize("query", [
    "nguyen van hung", "Nguyễn Văn Hùng", "ngu va hu", "hung", "van", "NGUYEN", "01-469", "01.79", "0010600",
])
def test_it_finds_a_member_by_word_prefixes_and_number_prefixes(member, query):
    assert list(PartyMember.objects.search(query)) == [member]


@pytest.mark.parametrize("query", ["guyen", "hung van x", "02-469", "uyen van", "0020600"])
def test_it_does_not_match_inside_words_or_other_numbers(member, query):
    assert list(PartyMember.objects.search(query)) == []


def test_on_postgresql_the_name_and_numbers_have_search_indexes(db):
    """The indexes that keep search fast at national scale (bench/member_search.py measures them)."""
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite scans: ward scale only
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename IN ('org_person', 'members_partymember')")
        names = {row[0] for row in cursor.fetchall()}
    assert {"org_person_search_name_trgm", "org_person_cccd_pattern", "members_membership_no_pattern",
            "members_card_no_pattern"} <= names
