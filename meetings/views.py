"""Pages of meetings: the list, one form that enters a whole meeting with the decisions it voted, a meeting with its
documents to download, and the checklist of the chi bộ meetings held."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from core.forms import add_service_errors
from core.htmx import wants_fragment
from core.http import download
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, uuid_or_404
from documents.models import Document
from meetings import services
from meetings.checklist import cell_checklist
from meetings.exports import papers_of, render_export
from meetings.forms import MEETING_BODIES, DecisionForm, MeetingCorrectionForm, MeetingForm, Setting, read_setting
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import Decision, DecisionKind, Meeting, MeetingKind, attendance_warning_share
from org.models import Committee, Kind, Organization
from org.views.common import ward_scope

EXPORTS = (("meeting_minutes", "Biên bản"), ("meeting_resolution", "Nghị quyết"),
           ("meeting_conclusion", "Thông báo kết luận"),
           ("meeting_conclusion_office", "Thông báo kết luận (Chánh Văn phòng ký thừa lệnh)"))
EXPORT_FORMATS = ("docx", "pdf")


def _year(text) -> int | None:
    """A year from a query parameter, or None (not a number, or outside 1900–2100)."""
    try:
        year = int(text)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


# The list ------------------------------------------------------------------------------------------------------


def _years(meetings) -> list[int]:
    """The years of the filter, newest first: from the first to the last meeting the user sees (two rows read from
    the index of times, where listing the distinct years reads every meeting of the scope)."""
    bounds = meetings.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    if bounds["first"] is None:
        return []
    first, last = (timezone.localtime(bounds[key]).year for key in ("first", "last"))
    return list(range(last, first - 1, -1))


@login_required
def meeting_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    year = _year(request.GET.get("year"))
    visible = Meeting.objects.for_user(request.user, "meetings.view")
    wards, ward = ward_scope(request)
    # The decisions counted for the page's rows only (a subquery each), not grouped over the whole scope first.
    decisions = Decision.objects.filter(meeting=OuterRef("pk")).values("meeting").annotate(n=Count("id")).values("n")
    meetings = (visible.listing(kind=kind, year=year, within=ward).select_related("organization", "committee")
                .prefetch_related("attendance").annotate(decision_count=Coalesce(Subquery(decisions), 0)))
    page = paginate(request, meetings)
    wards.mark(page)
    context = {
        "page": page,
        "wards": wards,
        "ward": ward,
        "rows": [(meeting, services.attendance_summary(meeting, meeting.attendance.all())) for meeting in page],
        "kind": kind,
        "kinds": MeetingKind.choices,
        "year": year,
        "years": _years(visible),
        "can_change": has_any_perm(request.user, "meetings.change"),
    }
    partial = wants_fragment(request)
    return render(request, "meetings/meeting_list.html#results" if partial else "meetings/meeting_list.html", context)


# The one form of a meeting --------------------------------------------------------------------------------------


def _bodies(user):
    """The ward committees and chi bộ whose meetings the user may enter (403 if none)."""
    organizations = Organization.objects.for_user(user, "meetings.change").filter(kind__in=MEETING_BODIES)
    if not has_any_perm(user, "meetings.change") or not organizations.exists():
        raise PermissionDenied("Bạn không có quyền ghi cuộc họp.")
    return organizations


def _drafts(user, organization):
    """The organisation's outgoing drafts a meeting may pass."""
    return Document.objects.for_user(user, "documents.change").adoptable(organization)


def _dossiers(meeting: Meeting) -> list:
    return [(kind, member) for kind in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION)
            for member in services.awaiting(meeting, kind)]


def _meeting_form(request, setting: Setting, organizations, values, data=None) -> MeetingForm:
    """The form for what `setting` gives: its roster, the dossiers awaiting a decision on its day, its drafts."""
    organization, committee = setting.organization, setting.committee
    default_kind = MeetingKind.CELL_MONTHLY if organization.kind == Kind.CELL else MeetingKind.REGULAR
    initial = {"kind": default_kind, **values.dict(), "organization": organization.pk,
               "committee": committee.pk if committee else "", "day": setting.day}
    unsaved = Meeting(organization=organization, committee=committee, starts_at=setting.noon())
    ward = organization.ward() or organization
    return MeetingForm(
        data, initial=initial, organizations=organizations, refresh_url=reverse("meeting_roster"),
        committees=(Committee.objects.none() if organization.kind == Kind.CELL
                    else Committee.objects.filter(organization=organization).select_related("term")),
        roster=services.roster(organization, committee, setting.day), dossiers=_dossiers(unsaved),
        drafts=_drafts(request.user, organization),
        units=Organization.objects.for_user(request.user, "org.view").filter(path__startswith=ward.path),
        numbered_by_registry=services.numbered_by_registry(organization, setting.day),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    """Enter a whole meeting on one form. "Tải thành phần" (or a changed organisation, committee or day) reloads
    the roster and the dossiers, keeping what was typed; saving keeps all of it or, when anything is refused,
    nothing."""
    organizations = _bodies(request.user)
    posted = request.method == "POST"
    values = request.POST if posted else request.GET
    setting = read_setting(values, organizations)
    reloaded = posted and "reload" not in request.POST and request.POST.get("roster_key") != setting.key
    submitted = posted and "reload" not in request.POST and not reloaded
    form = _meeting_form(request, setting, organizations, values, data=request.POST if submitted else None)
    if submitted and form.is_valid():
        meeting, decisions = _enter(form, actor=request.user)
        if meeting is not None:
            messages.success(request, f"Đã ghi cuộc họp: {meeting.title} ngày {meeting.day:%d/%m/%Y}.")
            for decision in decisions:
                messages.success(request, _moved(decision))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "setting": setting, "reloaded": reloaded})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_roster(request):
    """The part of the form that follows the organisation, committee and day (htmx): the committee, the roster
    with its presence, chair and secretary, and out of band the dossiers and drafts to vote on."""
    organizations = _bodies(request.user)
    values = request.POST if request.method == "POST" else request.GET
    if not request.htmx:
        return redirect(f"{reverse('meeting_create')}?{values.urlencode()}")
    setting = read_setting(values, organizations)
    form = _meeting_form(request, setting, organizations, values)
    return render(request, "meetings/meeting_form.html#refresh", {"form": form, "setting": setting})


def _enter(form: MeetingForm, *, actor):
    """The meeting and each decision ticked, all or nothing (meetings.services.enter_meeting, as the API):
    (meeting, decisions), or (None, []) with the refusal shown on the form, on its row for a decision."""
    ticked = form.ticked()
    try:
        return services.enter_meeting(services.MeetingRecord(**form.meeting_data()),
                                      [fields for _row, fields in ticked], actor=actor)
    except services.DecisionRefused as refused:
        form.add_row_error(ticked[refused.index][0], refused.error)
    except ValidationError as error:
        form.add_service_error(error)
    return None, []


def _moved(decision) -> str:
    """What a decision moved, for the clerk: "Đã ghi Nghị quyết Đảng ủy đề nghị kết nạp cho Vũ Minh Khoa."."""
    if not decision.passed:
        then = f"; đã ghi vào hồ sơ {decision.member.person.full_name}" if decision.event is not None else ""
        return f"Đã ghi kết quả không thông qua: {decision.title}{then}."
    if decision.event is not None:
        number = f" (số {decision.event.decision_no}, vào sổ văn bản đi)" if decision.document_id else ""
        return f"Đã ghi {decision.event.get_kind_display()} cho {decision.member.person.full_name}{number}."
    if decision.document_id:
        document = Document.objects.get(pk=decision.document_id)  # as issued, with its number
        return f"Đã thông qua và ban hành {document}."
    return f"Đã ghi quyết nghị: {decision.title}."


# A meeting -----------------------------------------------------------------------------------------------------


def _meeting(request, pk, perm="meetings.view") -> Meeting:
    return get_object_for_user(
        Meeting.objects.select_related("organization", "committee", "committee__term", "chair", "secretary"),
        request.user, perm, pk=pk,
    )


def _decision_form(request, meeting: Meeting, data=None) -> DecisionForm:
    return DecisionForm(data, dossiers=_dossiers(meeting), drafts=_drafts(request.user, meeting.organization),
                        initial={"votes_against": 0, "votes_abstained": 0})


def _detail(request, meeting: Meeting, decision_form=None, status=200):
    attendance = list(meeting.attendance.select_related("person"))
    can_change = has_perm(request.user, "meetings.change", meeting.organization)
    if can_change and decision_form is None:
        decision_form = _decision_form(request, meeting)
    share = attendance_warning_share()
    decisions = meeting.decisions.select_related("member__person", "member__organization", "document", "event")
    papers = papers_of(meeting)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "attendance": attendance,
        "summary": services.attendance_summary(meeting, attendance),
        "seats": "ủy viên" if meeting.committee_id else "đảng viên",
        "voters": services.whom(meeting),
        "warning_share": f"{share.numerator}/{share.denominator}",
        "guests": meeting.guests.all(),
        "agenda": meeting.agenda.all(),
        "speeches": list(meeting.speeches.all()),
        "key_tasks": key_task_keeper().tasks_of(meeting),
        "decisions": decisions,
        "cited_documents": meeting.cited_documents.all(),
        "exports": [(name, label, [(fmt, f"{reverse(name, args=[meeting.pk])}?format={fmt}")
                                   for fmt in EXPORT_FORMATS])
                    for name, label in EXPORTS if name.removeprefix("meeting_") in papers],
        "decision_form": decision_form if can_change else None,
        "history": history_for(request.user, [meeting], meeting.organization),
    }, status=status)


@login_required
def meeting_detail(request, pk):
    return _detail(request, _meeting(request, pk))


@login_required
@require_POST
def meeting_decide(request, pk):
    """Record one more decision of a meeting already entered; a refusal is shown on the page's form."""
    meeting = _meeting(request, pk, "meetings.change")
    form = _decision_form(request, meeting, request.POST)
    if form.is_valid():
        try:
            decision = services.record_decision(meeting, **form.decision_data(), actor=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _moved(decision))
            return redirect(meeting)
    return _detail(request, meeting, decision_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_correct(request, pk):
    """Correct a meeting's record after entry, with the reason (audited); its decisions stand."""
    meeting = get_object_for_user(
        Meeting.objects.with_record(), request.user, "meetings.change", pk=pk)
    ward = meeting.organization.ward() or meeting.organization
    form = MeetingCorrectionForm(request.POST or None, meeting=meeting, units=Organization.objects.for_user(
        request.user, "org.view").filter(path__startswith=ward.path))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.correct_meeting(meeting, **form.correction_data(), actor=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                fields = {"starts_at": "starts", "ends_at": "ends"}
                error = ValidationError({fields.get(key, key): value for key, value in error.message_dict.items()})
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã sửa biên bản cuộc họp." if changed else "Không có gì thay đổi.")
            return redirect(meeting)
    return render(request, "meetings/meeting_correct.html", {"form": form, "meeting": meeting})


def _export(request, pk, which: str):
    fmt = request.GET.get("format", "docx")
    if fmt not in EXPORT_FORMATS:
        raise Http404("Không có định dạng này.")
    meeting = get_object_for_user(Meeting.objects.for_papers(), request.user, "meetings.view", pk=pk)
    filename, content_type, content = render_export(meeting, which, fmt, actor=request.user)
    return download(content, content_type=content_type, filename=filename)


@login_required
@require_GET
def meeting_minutes(request, pk):
    return _export(request, pk, "minutes")


@login_required
@require_GET
def meeting_resolution(request, pk):
    return _export(request, pk, "resolution")


@login_required
@require_GET
def meeting_conclusion(request, pk):
    return _export(request, pk, "conclusion")


@login_required
@require_GET
def meeting_conclusion_office(request, pk):
    return _export(request, pk, "conclusion_office")


# The chi bộ meeting checklist ----------------------------------------------------------------------------------


def _period(request, today: datetime.date) -> tuple[datetime.date, datetime.date, str, str]:
    """The month (?month=2026-10) or quarter (?quarter=2026-Q3) asked, else the current quarter: (start, end,
    label, the month asked or "")."""
    month = request.GET.get("month", "")
    try:
        start = datetime.datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        pass
    else:
        if _year(start.year) is not None:
            return start, _month_end(start), f"tháng {start:%m/%Y}", f"{start:%Y-%m}"
    try:
        year, quarter = request.GET.get("quarter", "").upper().split("-Q")
        year, quarter = int(year), int(quarter)
        if not 1 <= quarter <= 4 or _year(year) is None:
            raise ValueError
    except ValueError:
        year, quarter = today.year, (today.month - 1) // 3 + 1
    start = datetime.date(year, 3 * quarter - 2, 1)
    return start, _month_end(datetime.date(year, 3 * quarter, 1)), f"quý {quarter}/{year}", ""


def _month_end(first: datetime.date) -> datetime.date:
    following = datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _quarters(today: datetime.date) -> list[tuple[str, str]]:
    """The quarters of this year and the last, newest first, as (value, label)."""
    return [(f"{year}-Q{quarter}", f"Quý {quarter}/{year}") for year in (today.year, today.year - 1)
            for quarter in (4, 3, 2, 1) if (year, quarter) <= (today.year, (today.month - 1) // 3 + 1)]


@login_required
def meeting_checklist(request):
    """For a ward and a period: which chi bộ held their monthly meeting each month and a themed one each quarter.
    Months after today are not yet due and are left out."""
    today = timezone.localdate()
    wards = Organization.objects.for_user(request.user, "meetings.view").wards()
    ward_id = uuid_or_404(request.GET.get("ward"))
    if ward_id:
        ward = get_object_for_user(Organization.objects.wards(), request.user, "meetings.view", pk=ward_id)
    else:
        ward = wards.first()
    start, end, label, month = _period(request, today)
    checklist = cell_checklist(ward, start, min(end, today)) if ward is not None and start <= today else None
    return render(request, "meetings/meeting_checklist.html", {
        "wards": wards, "ward": ward, "checklist": checklist, "label": label,
        "month": month,
        "quarter": f"{start.year}-Q{(start.month - 1) // 3 + 1}", "quarters": _quarters(today),
    })
