"""A long member list is exported in the background (issue 15): the request keeps what was asked and answers at once,
the worker (`manage.py db_worker`, django-tasks) writes the file and reports how far it has gone, and the page and
the API follow it and hand the file to the one who asked, while it is kept. A short list is still exported at once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import LogEntry
from conftest import bulk_members
from members import export_jobs, exports
from members.models import ExportStatus, MemberExport
from members.tests.test_import import bearer

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
# The worker ends each task by closing its database connection: the tests that run it commit for real.
worker_test = pytest.mark.django_db(transaction=True)


def work():
    """What the worker does: every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def long_lists(monkeypatch, world):
    """Five members of the clerk's ward; a list of more than two is long, and reports every two rows written."""
    bulk_members([world.cell, world.cell2], NAMES, analyze=False)
    monkeypatch.setattr(export_jobs, "SYNC_MAX_ROWS", 2)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)


def names_in(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_short_list_is_still_exported_at_once(client, world, clerk, monkeypatch):
    bulk_members([world.cell], NAMES[:2], analyze=False)
    client.force_login(clerk)
    response = client.get(reverse("member_export"))
    assert response.status_code == 200 and sorted(names_in(response.content)) == sorted(NAMES[:2])
    assert not MemberExport.objects.exists()


@worker_test
def test_a_long_list_exported_from_the_page_is_followed_until_its_file_is_downloaded(client, world, clerk,
                                                                                      long_lists):
    client.force_login(clerk)
    response = client.get(reverse("member_export"), {"q": "van"})
    job = MemberExport.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ExportStatus.QUEUED and job.created_by == clerk and job.asked["q"] == "van"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Đang chờ xuất" in page and 'hx-trigger="every 2s"' in page
    assert not LogEntry.objects.filter(action="members.members.exported").exists()

    work()
    job.refresh_from_db()
    assert (job.status, job.rows_total, job.rows_done) == (ExportStatus.READY, 3, 3)
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "Đã xuất 3 đảng viên" in fragment and "every 2s" not in fragment
    file = client.get(reverse("member_export_file", args=[job.pk]))
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment;")
    assert sorted(names_in(downloaded(file))) == ["Hoàng Văn Em", "Lê Văn Cường", "Nguyễn Văn An"]
    entry = LogEntry.objects.get(action="members.members.exported")
    assert entry.actor == clerk and entry.data["rows"] == 3 and entry.data["export"] == str(job.pk)


def test_a_long_list_asked_twice_before_it_is_written_is_written_once(client, world, clerk, long_lists):
    client.force_login(clerk)
    first = client.get(reverse("member_export"), {"q": "van"})
    again = client.get(reverse("member_export"), {"q": "van"})
    other = client.get(reverse("member_export"))
    assert first["Location"] == again["Location"] != other["Location"]
    assert MemberExport.objects.count() == 2


@worker_test
def test_the_api_answers_202_and_the_export_is_followed_until_its_file(client, world, clerk, long_lists):
    api = bearer(client, clerk)
    response = client.get("/api/v1/members/export", **api)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "queued" and job["file_url"] is None
    status = client.get(f"/api/v1/members/exports/{job['id']}", **api).json()
    assert status["status"] == "queued"
    work()
    status = client.get(f"/api/v1/members/exports/{job['id']}", **api).json()
    assert (status["status"], status["rows_total"], status["rows_done"]) == ("ready", 5, 5)
    assert status["file_url"] == f"/api/v1/members/exports/{job['id']}/file" and status["kept_until"]
    file = client.get(status["file_url"], **api)
    assert file.status_code == 200 and sorted(names_in(downloaded(file))) == sorted(NAMES)


@worker_test
def test_only_the_one_who_asked_reads_an_export(client, world, clerk, outsider, secretary, long_lists):
    client.force_login(clerk)
    client.get(reverse("member_export"))
    job = MemberExport.objects.get()
    work()
    for other in (outsider, secretary):  # another ward's clerk, and the clerk's own secretary
        client.force_login(other)
        assert client.get(job.get_absolute_url()).status_code == 404
        assert client.get(reverse("member_export_file", args=[job.pk])).status_code == 404
        api = bearer(client, other)
        assert client.get(f"/api/v1/members/exports/{job.pk}", **api).status_code == 404
        assert client.get(f"/api/v1/members/exports/{job.pk}/file", **api).status_code == 404


@worker_test
def test_the_worker_reads_the_list_with_the_rights_the_user_has_when_it_runs(client, world, clerk, long_lists):
    """The ward chosen on the page is out of the clerk's reach when the worker runs (her assignment moved): the export
    fails, saying why, and writes no file."""
    client.force_login(clerk)
    client.get(reverse("member_export"), {"ward": world.ward.pk})
    job = MemberExport.objects.get()
    clerk.assignments.update(organization=world.other_ward)
    work()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.error == export_jobs.GONE and not job.file
    assert export_jobs.GONE in client.get(job.get_absolute_url()).content.decode()


@worker_test
def test_a_file_is_deleted_once_kept_its_time(client, world, clerk, long_lists):
    client.force_login(clerk)
    client.get(reverse("member_export"))
    job = MemberExport.objects.get()
    work()
    job.refresh_from_db()
    stored = job.file.name
    assert job.file.storage.exists(stored)
    MemberExport.objects.filter(pk=job.pk).update(finished=timezone.now() - MemberExport.KEPT_FOR
                                                  - datetime.timedelta(minutes=1))
    assert client.get(reverse("member_export_file", args=[job.pk])).status_code == 404
    assert "đã hết hạn" in client.get(job.get_absolute_url()).content.decode()
    assert export_jobs.delete_expired() == 1
    assert not job.file.storage.exists(stored) and not MemberExport.objects.get(pk=job.pk).file
