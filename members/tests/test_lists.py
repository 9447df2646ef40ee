"""The clerk's lists: probation ending soon, overdue steps, badge candidates, members away (issue 4)."""

import datetime

import pytest
from django.urls import reverse

from conftest import PASSWORD, decide_admission
from members import services
from members.lists import apply_list
from members.models import EventKind, PartyMember
from org.models import Person

D = datetime.date
K = EventKind


BORN = D(1990, 1, 1)


def admitted(world, clerk, name, *, decision, ceremony=None):
    person = Person.objects.create(organization=world.cell, full_name=name, search_name=name.lower(),
                                   date_of_birth=BORN)
    start = decision - datetime.timedelta(days=200)
    member = services.register_candidate(person=person, organization=world.cell, day=start, actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=start + datetime.timedelta(days=10), actor=clerk)
    decide_admission(member, cell_day=start + datetime.timedelta(days=20), decision=decision, actor=clerk)
    if ceremony:
        services.record_event(member, kind=K.CEREMONY, day=ceremony, actor=clerk)
    return PartyMember.objects.get(pk=member.pk)


@pytest.fixture
def members(world, clerk):
    return {
        # probation ends 15/12/2026: within 30 days of 24/11/2026
        "soon": admitted(world, clerk, "Lê Sắp Hết", decision=D(2025, 12, 1), ceremony=D(2025, 12, 15)),
        # probation ended 10/03/2026, no chi bộ recognition within 30 working days: overdue
        "late": admitted(world, clerk, "Trần Quá Hạn", decision=D(2025, 2, 20), ceremony=D(2025, 3, 10)),
    }


def keys(queryset):
    return {member.person.full_name for member in queryset}


def test_probation_ending_lists_those_whose_twelve_months_end_within_the_days(members):
    """docs/rules.md §1.11: probation ends 12 months after the ceremony."""
    today = D(2026, 11, 24)
    assert keys(apply_list(PartyMember.objects.all(), "probation", today=today, days=30)) == {"Lê Sắp Hết"}
    assert keys(apply_list(PartyMember.objects.all(), "probation", today=today, days=10)) == set()


def test_overdue_lists_steps_past_their_working_day_deadline(members):
    """docs/rules.md §1.12: the chi bộ acts within 30 working days after the 12 months end."""
    member = members["late"]
    assert member.next_due_label.startswith("Chi bộ xét công nhận chính thức")
    assert keys(apply_list(PartyMember.objects.all(), "overdue", today=D(2026, 11, 24))) == {"Trần Quá Hạn"}


def test_badge_candidates_reach_a_milestone_by_the_next_occasion(world, clerk):
    """docs/rules.md §5.2: 30 years of Party age reached between the last occasion and the next one."""
    member = admitted(world, clerk, "Phạm Huy Hiệu", decision=D(2015, 1, 5), ceremony=D(2015, 1, 20))
    assert member.age_base_on == D(2015, 1, 5)
    # 10 years is no milestone; with milestones (10,) the list would take him: check the window arithmetic
    chosen = PartyMember.objects.badge_candidates(D(2024, 11, 7), D(2025, 2, 3), (10,))
    assert keys(chosen) == {"Phạm Huy Hiệu"}
    assert keys(PartyMember.objects.badge_candidates(D(2025, 2, 3), D(2025, 5, 19), (10,))) == set()


def test_the_list_page_and_the_api_offer_the_same_lists(client, members, clerk):
    assert client.login(username=clerk.username, password=PASSWORD)
    page = client.get(reverse("member_list"), {"list": "overdue"})
    assert keys(page.context["page"]) == {"Trần Quá Hạn"}
    token = client.post("/api/v1/auth/token", {"username": clerk.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    response = client.get("/api/v1/members?list=overdue", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [item["full_name"] for item in response.json()["items"]] == ["Trần Quá Hạn"]
    assert response.json()["items"][0]["next_due_on"]
    bad = client.get("/api/v1/members?list=everyone", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bad.status_code == 422 and bad.json()["detail"].startswith("list:")


def test_a_list_exports_to_xlsx_with_vietnamese_headers_and_dates_and_is_audited(client, members, clerk):
    import io

    from openpyxl import load_workbook

    from audit.models import LogEntry

    assert client.login(username=clerk.username, password=PASSWORD)
    response = client.get(reverse("member_export"), {"list": "overdue"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bước-quá-hạn" not in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith(
        "attachment; filename*=UTF-8''buoc-qua-han-dang-uy-phuong-sai-dong-ngay-")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("Bước quá hạn — Đảng ủy phường Sài Đồng (ngày ")
    assert [cell.value for cell in sheet[2]][:5] == ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ"]
    assert (sheet["A3"].value, sheet["B3"].value) == (1, "Trần Quá Hạn")
    assert sheet["L3"].number_format == "DD/MM/YYYY" and sheet["L3"].value.date() == D(2026, 3, 10)
    assert sheet.max_row == 3
    entry = LogEntry.objects.get(action="members.members.exported")
    assert entry.data["rows"] == 1 and entry.organization is not None

    token = client.post("/api/v1/auth/token", {"username": clerk.username, "password": PASSWORD},
                        content_type="application/json").json()["token"]
    api = client.get("/api/v1/members/export?list=probation&days=3660", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200
    sheet = load_workbook(io.BytesIO(api.content)).active
    assert sheet.max_row == 3 and sheet["B3"].value == "Lê Sắp Hết"  # title, headers, the one ending ahead
