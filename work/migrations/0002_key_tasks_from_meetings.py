"""Every key task a meeting set (meetings.KeyTask) becomes a task of the work program, nothing lost: same text, lead
unit (the body that met when none was named), deadline and order, on the list of its deadline's month, or else of the
month after the meeting (work.meeting_tasks.meeting_task_month), of the ward (the nearest Đảng ủy up the tree) whose
meeting set it. The task keeps no status but "chưa thực hiện": nothing was reported on key tasks before."""

import datetime
import zoneinfo

from django.db import migrations

STEP = 4  # org.Organization.steplen
WARD_KINDS = ("ward_committee", "commune_committee")
ABOVE_KINDS = ("district_committee", "county_committee", "city_committee", "province_committee")


def _month_of(meeting_day: datetime.date, due_on: datetime.date | None) -> datetime.date:
    if due_on is not None:
        return due_on.replace(day=1)
    return (meeting_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def copy_key_tasks(apps, schema_editor):
    KeyTask = apps.get_model("meetings", "KeyTask")
    Organization = apps.get_model("org", "Organization")
    Task = apps.get_model("work", "Task")
    zone = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    homes = {}

    def home_of(unit):
        if unit.pk not in homes:
            prefixes = [unit.path[:end] for end in range(STEP, len(unit.path) + 1, STEP)]
            chain = sorted(Organization.objects.filter(path__in=prefixes), key=lambda org: len(org.path))
            for kinds in (WARD_KINDS, ABOVE_KINDS):
                matches = [org for org in chain if org.kind in kinds]
                if matches:
                    homes[unit.pk] = matches[-1]
                    break
            else:
                homes[unit.pk] = unit
        return homes[unit.pk]

    rows = KeyTask.objects.select_related("meeting__organization").order_by("meeting_id", "order", "id")
    for row in rows.iterator(chunk_size=500):
        meeting = row.meeting
        day = meeting.starts_at.astimezone(zone).date()
        Task.objects.create(
            ward=home_of(meeting.organization), text=row.text, lead_unit_id=row.assignee_id or meeting.organization_id,
            period="month", period_start=_month_of(day, row.due_on), due_on=row.due_on, status="not_started",
            source="meeting", meeting=meeting, order=max(row.order - 1, 0),
        )


def copy_back(apps, schema_editor):
    KeyTask = apps.get_model("meetings", "KeyTask")
    Task = apps.get_model("work", "Task")
    tasks = Task.objects.filter(meeting__isnull=False, carried_from__isnull=True).order_by("meeting_id", "order")
    KeyTask.objects.bulk_create([
        KeyTask(meeting_id=task.meeting_id, text=task.text,
                assignee_id=None if task.lead_unit_id == task.meeting.organization_id else task.lead_unit_id,
                due_on=task.due_on, order=task.order + 1)
        for task in tasks.select_related("meeting")
    ])


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0001_initial"),
        ("meetings", "0005_record_versions"),
        ("org", "0008_accounts_moved"),
    ]

    operations = [migrations.RunPython(copy_key_tasks, copy_back)]
