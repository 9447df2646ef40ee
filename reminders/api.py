"""The caller's reminders."""

from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict, Field

from core.api import ERRORS, WRITE_ERRORS, ApiPagination
from core.schemas import Input
from org.schemas import OrganizationRef
from reminders.models import Kind, Reminder
from reminders.services import mark_read

router = Router(tags=["Nhắc việc"])


class ReminderOut(Schema):
    id: UUID
    kind: Kind
    kind_label: str
    title: str
    url: str = Field(description="Trang của bản ghi cần xử lý.")
    organization: OrganizationRef
    due_on: str | None
    read: bool

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_due_on(obj):
        return obj.due_on.isoformat() if obj.due_on else None

    @staticmethod
    def resolve_read(obj):
        return obj.read_at is not None


class ReadIn(Input):
    model_config = ConfigDict(extra="forbid")

    ids: list[UUID] | None = Field(None, max_length=1000, description="Các nhắc việc đã đọc; bỏ trống: tất cả.")


class ReadOut(Schema):
    marked: int


@router.get("/reminders", response={200: list[ReminderOut], **ERRORS})
@paginate(ApiPagination)
def list_reminders(request, unread: bool = False):
    """The caller's current reminders (what is due in its scope), unread first."""
    reminders = Reminder.objects.unread() if unread else Reminder.objects.current()
    return (reminders.filter(user=request.user).select_related("organization")
            .order_by("read_at", "due_on", "-created"))


@router.post("/reminders/read", response={200: ReadOut, **WRITE_ERRORS})
def read_reminders(request, payload: ReadIn):
    """Mark the caller's reminders read (those listed, or all)."""
    given = Reminder.objects.filter(pk__in=payload.ids) if payload.ids is not None else None
    return {"marked": mark_read(request.user, given)}
