"""A member list too long to export within a request goes to the background (issue 15): a city committee's list of
442,000 members is minutes of work and gigabytes of a sheet built in memory. The request keeps what was asked and
answers at once; `manage.py db_worker` (django-tasks) reads the list with the user's rights, writes it row by row
(core.xlsx, write-only) to a file in the storage every app server shares, and reports how far it has gone; the user's
page follows it and offers the file. A list of up to SYNC_MAX_ROWS is still exported within the request."""

import datetime
import logging
import tempfile
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from audit.services import log_action
from core.scoping import get_object_for_user
from members.exports import export_filename, members_xlsx
from members.lists import select_members
from members.models import ExportStatus, MemberExport
from org.models import Organization
from org.stats import WardIndex, dashboard_units

logger = logging.getLogger(__name__)

# The longest list exported within the request: about a second's work.
SYNC_MAX_ROWS = 5_000
FAILED = "Hệ thống gặp lỗi khi xuất danh sách này. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
GONE = "Đơn vị đã chọn không còn, hoặc bạn không còn quyền xem: danh sách không được xuất."
INACTIVE = "Tài khoản đã yêu cầu xuất không còn hoạt động: danh sách không được xuất."


@dataclass(frozen=True)
class ListAsked:
    """A member list as a page or the API asks for it (members.lists.select_members' arguments): kept with the export
    and read again by the worker."""

    today: str  # ISO date: the lists of what falls due are read as of the day asked
    q: str = ""
    status: str = ""
    key: str = ""
    days: int = 0
    within: str | None = None  # the unit asked for (its id), else the user's whole scope
    several: bool = False  # a list of several wards: each row names its ward

    def members(self, user):
        """The list, read with `user`'s rights as they stand."""
        try:
            within = get_object_for_user(Organization, user, "org.view", pk=self.within) if self.within else None
        except Http404:
            raise ValidationError(GONE) from None
        return select_members(user, today=datetime.date.fromisoformat(self.today), q=self.q, status=self.status,
                              key=self.key, days=self.days, within=within)


def is_long(members) -> bool:
    """Whether the list `members` is exported in the background (more than SYNC_MAX_ROWS; read no further)."""
    return members[:SYNC_MAX_ROWS + 1].count() > SYNC_MAX_ROWS


@transaction.atomic
def queue_export(asked: ListAsked, *, title: str, actor) -> MemberExport:
    """The export of the list `asked`, queued; or the same list's export that `actor` queued already and that has not
    finished (a link clicked twice, a page reloaded): one file is written, not two."""
    from members.tasks import export_member_list

    waiting = (MemberExport.objects.select_for_update().filter(created_by=actor, asked=asdict(asked), title=title[:500])
               .exclude(status__in=MemberExport.FINISHED).first())
    if waiting is not None and not waiting.is_stalled:
        return waiting
    job = MemberExport.objects.create(created_by=actor, title=title[:500], asked=asdict(asked))
    log_action("members.export.queued", actor=actor, obj=job, data={"title": title})
    transaction.on_commit(lambda: export_member_list.enqueue(str(job.pk)))
    return job


def run_export(job_id: str) -> None:
    """The worker's part: read the list, write it to a file kept in the storage, report its progress; then delete the
    files kept past MemberExport.KEPT_FOR."""
    job = MemberExport.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return
    user = job.created_by
    job.report(status=ExportStatus.RUNNING)
    if not user.is_active:
        job.report(status=ExportStatus.FAILED, error=INACTIVE, finished=timezone.now())
        return
    try:
        asked = ListAsked(**job.asked)
        members = asked.members(user)
        job.report(rows_total=members.count())
        wards = WardIndex(dashboard_units(user)) if asked.several else None
        with tempfile.TemporaryFile() as out:
            members_xlsx(members.iterator(chunk_size=2000), title=job.title, wards=wards, out=out,
                         progress=lambda rows: job.report(rows_done=rows))
            out.seek(0)
            job.file.save(f"{job.pk}/{export_filename(job.title)}", File(out), save=False)
        with transaction.atomic():
            log_action("members.members.exported", actor=user, obj=user,
                       organization=Organization.objects.filter(pk=asked.within).first() if asked.within else None,
                       data={"title": job.title, "rows": job.rows_total, "export": str(job.pk)})
        job.report(status=ExportStatus.READY, file=job.file.name, rows_done=job.rows_total,
                finished=timezone.now())
    except ValidationError as refused:  # the list is no longer readable so (a right taken away, a unit gone)
        job.report(status=ExportStatus.FAILED, error=" ".join(refused.messages)[:500], finished=timezone.now())
    except Exception:
        logger.exception("Member export %s failed", job.pk)
        job.report(status=ExportStatus.FAILED, error=FAILED, finished=timezone.now())
    delete_expired()


def delete_expired(now: datetime.datetime | None = None) -> int:
    """Delete the files of the exports finished more than MemberExport.KEPT_FOR ago (their rows stay, saying so)."""
    now = now or timezone.now()
    expired = MemberExport.objects.filter(finished__lt=now - MemberExport.KEPT_FOR).exclude(file="")
    count = 0
    for job in expired:
        job.file.delete(save=False)
        MemberExport.objects.filter(pk=job.pk).update(file="")
        count += 1
    return count

