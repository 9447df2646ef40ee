"""Reminders reach only the users whose scope holds the record and who act on it; collecting twice is once; a
record done leaves the inbox; the digest goes once a day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from audit.models import LogEntry
from conftest import make_user
from members.models import PartyMember, Status
from members.services import register_candidate
from org.models import Person
from org.tests.test_api_people import bearer
from reminders.models import Digest, Kind, Reminder
from reminders.services import collect_reminders, mark_read, send_digests
from work.models import TaskStatus
from work.services import report_progress

D = datetime.date


def holders(key_start: str) -> set[str]:
    return set(Reminder.objects.current().filter(key__startswith=key_start).values_list("user__username", flat=True))


def test_an_overdue_task_reaches_its_unit_and_the_clerk_only(tasks, clerk, reporter, mttq_reporter, secretary,
                                                             superior, outsider, cell_secretary):
    collect_reminders(D(2021, 8, 2))
    assert holders(f"task:{tasks.ubnd.pk}") == {"clerk", "ubnd"}
    assert holders(f"task:{tasks.mttq.pk}") == {"clerk", "mttq"}
    assert holders(f"task:{tasks.own.pk}") == set()  # due 30/09: not within a week yet
    assert holders(f"task:{tasks.other.pk}") == {"outsider", "otherclerk"}
    assert Reminder.objects.get(user=reporter).kind == Kind.TASK_OVERDUE


def test_a_task_due_within_a_week_is_reminded_and_the_reminder_changes_when_it_falls_due(tasks, clerk):
    collect_reminders(D(2021, 7, 25))
    assert Reminder.objects.get(user=clerk, key__startswith=f"task:{tasks.ubnd.pk}").kind == Kind.TASK_DUE
    collect_reminders(D(2021, 8, 1))
    current = Reminder.objects.current().get(user=clerk, key__startswith=f"task:{tasks.ubnd.pk}")
    assert current.kind == Kind.TASK_OVERDUE


def test_collecting_twice_is_once_and_a_done_task_leaves_the_inbox(tasks, clerk, reporter):
    first = collect_reminders(D(2021, 8, 2))
    again = collect_reminders(D(2021, 8, 2))
    assert again["new"] == 0 and again["resolved"] == 0 and first["new"] == Reminder.objects.count()
    report_progress(tasks.ubnd, actor=reporter, note="Xong", status=TaskStatus.DONE)
    assert collect_reminders(D(2021, 8, 2))["resolved"] == 2
    assert holders(f"task:{tasks.ubnd.pk}") == set()


def test_members_reminders_reach_the_clerk_and_the_chi_bos_secretary(world, clerk, cell_secretary, secretary,
                                                                     admin_user):
    today = timezone.localdate()
    person = Person.objects.create(organization=world.cell, full_name="Vũ Minh Khoa", search_name="vu minh khoa",
                                   gender="male")
    member = register_candidate(person=person, organization=world.cell, day=today - datetime.timedelta(days=400),
                                actor=admin_user)
    PartyMember.objects.filter(pk=member.pk).update(status=Status.PROBATIONARY,
                                                    probation_ends_on=today + datetime.timedelta(days=10),
                                                    next_due_on=None)
    collect_reminders(today)
    assert holders(f"probation:{member.pk}") == {"clerk", "cellsec"}
    PartyMember.objects.filter(pk=member.pk).update(probation_ends_on=today + datetime.timedelta(days=31))
    collect_reminders(today)
    assert holders(f"probation:{member.pk}") == set()


@pytest.mark.parametrize(("day", "reminded"), [(D(2026, 11, 19), False), (D(2026, 11, 20), True)])
def test_a_chi_bo_without_this_months_meeting_is_reminded_from_the_20th(world, cell_secretary, clerk, day, reminded):
    collect_reminders(day)
    assert (holders(f"cell:{world.cell.pk}:2026-11") == {"clerk", "cellsec"}) == reminded


def test_the_digest_goes_once_a_day_to_those_with_an_address(tasks, clerk, reporter, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clerk.email = "vanphong@saidong.example"
    clerk.save(update_fields=["email"])
    collect_reminders(D(2021, 8, 2))
    assert send_digests(D(2021, 8, 2), base_url="https://dangvu.example") == 1
    assert send_digests(D(2021, 8, 2)) == 0
    [message] = mail.outbox
    assert message.to == ["vanphong@saidong.example"] and "2 việc cần làm ngày 02/08/2021" in message.subject
    assert f"https://dangvu.example{tasks.ubnd.get_absolute_url()}" in message.body
    assert Digest.objects.get().reminders == 2 and LogEntry.objects.filter(action="reminders.digest.sent").count() == 1
    mark_read(clerk)
    assert send_digests(D(2021, 8, 3)) == 0  # nothing unread
    assert len(mail.outbox) == 1


def test_the_command_collects_and_sends(tasks, clerk, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clerk.email = "vanphong@saidong.example"
    clerk.save(update_fields=["email"])
    call_command("send_reminders", "--day", "2021-08-02")
    call_command("send_reminders", "--day", "2021-08-02")
    out = capsys.readouterr().out
    assert "Đã gửi 1 thư nhắc việc." in out and "Đã gửi 0 thư nhắc việc." in out and len(mail.outbox) == 1


def test_the_inbox_counts_lists_and_marks_read_only_its_owners_reminders(client, tasks, clerk, reporter):
    collect_reminders(D(2021, 8, 2))
    client.force_login(reporter)
    assert client.get(reverse("inbox_count")).content.decode().strip().endswith('data-field="unread">1</span>')
    page = client.get(reverse("inbox")).content.decode()
    assert tasks.ubnd.get_absolute_url() in page and tasks.mttq.get_absolute_url() not in page
    clerks = Reminder.objects.filter(user=clerk).first()
    client.post(reverse("inbox_read"), {"id": clerks.pk})
    assert Reminder.objects.get(pk=clerks.pk).read_at is None  # another user's: untouched
    client.post(reverse("inbox_read"))
    assert not Reminder.objects.unread().filter(user=reporter).exists()
    assert "data-field" not in client.get(reverse("inbox_count")).content.decode()


def test_the_api_lists_the_callers_reminders(client, tasks, clerk, reporter):
    collect_reminders(D(2021, 8, 2))
    body = client.get("/api/v1/reminders", **bearer(client, reporter)).json()
    assert [item["url"] for item in body["items"]] == [tasks.ubnd.get_absolute_url()] and body["count"] == 1
    marked = client.post("/api/v1/reminders/read", {}, content_type="application/json", **bearer(client, reporter))
    assert marked.json() == {"marked": 1}
    assert client.get("/api/v1/reminders?unread=true", **bearer(client, reporter)).json()["count"] == 0
    assert client.get("/api/v1/reminders", **bearer(client, clerk)).json()["count"] == 2


def test_a_deactivated_user_gets_no_reminder(tasks, clerk):
    other = make_user("former", tasks.ubnd.ward, Role.WARD_CLERK, is_active=False)
    collect_reminders(D(2021, 8, 2))
    assert not Reminder.objects.filter(user=other).exists()
