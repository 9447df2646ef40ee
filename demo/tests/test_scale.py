"""generate_scale writes a province the pages can read: a valid tree, members in every status, meetings, tasks and
targets, inspection programs; logins for the level above and each ward; a second run is refused."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from inspections.models import Inspection, quarter_of
from members.models import PartyMember
from org.models import Organization
from work.models import Target, Task


def test_a_small_province_is_generated_and_read(client, db, capsys, settings):
    settings.DEMO_MODE = True  # its logins are demo accounts
    call_command("generate_scale", wards=2, cells=3, members=60, years=1)
    assert "Đã tạo 2 phường, xã; 6 chi bộ; 120 đảng viên" in capsys.readouterr().out
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    root = Organization.objects.get(code="scale")
    assert Organization.objects.get_children_count(root) == 2
    assert Organization.objects.get_descendant_count(root) == 2 + 2 * (3 + 2)
    assert PartyMember.objects.values("status").distinct().count() >= 4
    assert Task.objects.exists() and Target.objects.count() == 2 * 5
    items = Inspection.objects.all()
    assert items.count() == 2 * 2 * quarter_of(timezone.localdate())  # two a quarter in each ward, up to now
    assert all(item.full_clean() is None for item in items)  # the rows the services would write
    client.force_login(User.objects.get(username="scale-province"))
    rows = client.get(reverse("dashboard")).context["rows"]
    assert [row["unit"].code for row in rows] == ["scale-1", "scale-2"]
    assert sum(row["members"] for row in rows) == PartyMember.objects.filter(status__in=["official",
                                                                                          "probationary"]).count()
    assert sum(row["inspections_planned"] for row in rows) == items.planned().filter(year=timezone.localdate().year
                                                                                     ).count()
    with pytest.raises(CommandError, match="đã có dữ liệu quy mô"):
        call_command("generate_scale", wards=1, cells=1, members=1)
