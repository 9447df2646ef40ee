"""The demo's quality grading: Sài Đồng's members and chi bộ graded for 2024 (grades given) and 2025 (scored), one
member flagged; each persona sees what its role allows."""

import pytest

from accounts.models import User
from gradings.models import Grade, Grading
from gradings.services import flagged
from tests.test_scoping_matrix import token_for

SEES_ALL = {"admin", "saidong", "saidong-bithu", "saidong-ubkt", "longbien"}


def test_saidong_is_graded_for_2024_and_2025_with_one_member_flagged(demo):
    gradings = Grading.objects.filter(ward__code="saidong")
    assert gradings.filter(year=2024).of_members().decided().exists()
    assert all(g.score is None for g in gradings.filter(year=2024))  # Quy định 124: graded on criteria
    assert all(g.score is not None for g in gradings.filter(year=2025))  # Quy định 366: scored
    assert gradings.filter(year=2025).of_cells().count() == gradings.filter(year=2024).of_cells().count() > 0
    assert len(list(flagged(gradings, 2025))) == 1
    assert gradings.filter(year=2025, grade=Grade.EXCELLENT).exists()


@pytest.mark.parametrize("username", ["admin", "saidong", "saidong-bithu", "saidong-ubkt", "longbien",
                                      "saidong-chibo1", "saidong-ubnd", "bode"])
def test_each_persona_lists_the_gradings_its_role_allows(client, demo, username):
    user = User.objects.get(username=username)
    listed = client.get("/api/v1/gradings?year=2025&page_size=200", **token_for(client, username)).json()
    saidong = Grading.objects.filter(ward__code="saidong", year=2025)
    expected = saidong.count() if username in SEES_ALL else (
        saidong.filter(unit__code="saidong-cb01").count() if username == "saidong-chibo1" else 0)
    assert listed["count"] == expected == Grading.objects.for_user(user, "gradings.view").filter(year=2025).count()
