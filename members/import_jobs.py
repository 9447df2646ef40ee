"""A member list too large to import within a request goes to the background (issue 12): the request keeps the file
and answers at once; `manage.py db_worker` (django-tasks) runs the same import (members.imports.import_members) and
reports how far it has gone; the clerk's page follows it. A list of up to SYNC_MAX_BYTES (about 1,500 rows, a
second's work) is still imported within the request, its result shown at once."""

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from core.text import clean_input
from members import imports
from members.models import ImportStatus, MemberImport

logger = logging.getLogger(__name__)

SYNC_MAX_BYTES = 100 * 1024
FAILED = ("Hệ thống gặp lỗi khi nhập tệp này; không dòng nào được ghi. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị "
          "hệ thống.")


def runs_in_background(upload) -> bool:
    """Whether `upload` is large enough to be imported by the worker instead of within the request."""
    return upload.size > SYNC_MAX_BYTES


def import_or_queue(upload, *, actor) -> imports.ImportResult | MemberImport:
    """The one entry of the pages and the API: a small list is imported now (ImportResult, or ImportRefused raised);
    a large one is checked for the right and its size, kept and queued (MemberImport)."""
    if not runs_in_background(upload):
        return imports.import_members(upload, actor=actor)
    imports.require_import_right(actor)
    imports.check_size(upload)
    return queue_import(upload, actor=actor)


@transaction.atomic
def queue_import(upload, *, actor) -> MemberImport:
    from members.tasks import import_member_list

    job = MemberImport(created_by=actor, filename=clean_input(upload.name or "tệp .xlsx")[-255:])
    job.file.save(f"{job.pk}.xlsx", File(upload), save=False)
    job.save()
    log_action("members.import.queued", actor=actor, obj=job, data={"file": job.filename, "size": upload.size})
    transaction.on_commit(lambda: import_member_list.enqueue(str(job.pk)))
    return job


def run_import(job_id: str) -> None:
    """The worker's part: import the kept file, report its progress, keep its result and remove the file."""
    job = MemberImport.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return
    job.report(status=ImportStatus.RUNNING)

    if not job.created_by.is_active:  # the sender's account ended while the list waited
        job.file.delete(save=False)
        job.report(file="", status=ImportStatus.REFUSED, finished=timezone.now(), errors=[
            "Tài khoản đã gửi tệp không còn hoạt động: không nhập dòng nào."])
        return

    def progress(stage: str, done: int, total: int | None) -> None:
        job.report(stage=stage, rows_done=done, rows_total=total)

    outcome: dict = {"finished": timezone.now()}
    try:
        with job.file.open("rb") as stored:
            upload = File(stored.file, name=job.filename)  # named as the clerk's file, for the audit and notes
            result = imports.import_members(upload, actor=job.created_by, progress=progress)
    except imports.ImportRefused as refused:
        outcome |= {"status": ImportStatus.REFUSED, "errors": refused.lines}
    except PermissionDenied as refused:  # the right to record dossiers was taken away while the list waited
        outcome |= {"status": ImportStatus.REFUSED, "errors": [str(refused)]}
    except Exception:
        logger.exception("Member import %s failed", job.pk)
        outcome |= {"status": ImportStatus.FAILED, "errors": [FAILED]}
    else:
        outcome |= {"status": ImportStatus.IMPORTED, "imported": result.imported,
                    "people_reused": result.people_reused}
    job.file.delete(save=False)  # the list holds CCCD numbers: not kept once read
    job.report(file="", stage="", **outcome)

