"""Pages of Party members: the list with search, a dossier with its lifecycle, and the forms that record it."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.history import history_for
from core.htmx import wants_fragment
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import paginate, submit, uuid_or_404
from members import export_jobs, fees, import_jobs, imports, services
from members.dossier import dossier_queryset, read_dossier, sections
from members.exports import XLSX, export_file, export_members, unit_named
from members.forms import (
    EventForm,
    FeeReliefForm,
    FeeSheetChooser,
    FeeSheetForm,
    ImportForm,
    IntroducerForm,
    MemberForm,
    ReceiveTransferForm,
    RegisterCandidateForm,
)
from members.lifecycle import TRANSITIONS
from members.lists import (
    ALL_FILTER,
    CLERK_LISTS,
    DEFAULT_DAYS,
    ON_ROLL_FILTER,
    badge_occasion,
    empty_text,
    list_title,
    page_status,
    select_members,
)
from members.models import FeePayment, FeeRelief, MemberExport, MemberImport, PartyMember, Status
from members.rules import add_months
from org.models import Kind, Organization, Person
from org.stats import dashboard_units
from org.views.common import ward_scope


def _days(request) -> int:
    try:
        return min(max(int(request.GET.get("days", DEFAULT_DAYS)), 1), 3660)
    except ValueError:
        return DEFAULT_DAYS


def _list_params(request):
    chosen = request.GET.get("list", "")
    chosen = chosen if chosen in CLERK_LISTS else ""
    query = request.GET.get("q", "").strip()
    return query, page_status(request.GET.get("status"), chosen, searching=bool(query)), chosen, timezone.localdate()



@login_required
def member_export(request):
    """The list on screen, with the same filters, as .xlsx (audited)."""
    query, status, chosen, today = _list_params(request)
    wards, ward = ward_scope(request)
    try:
        members = select_members(request.user, today=today, q=query, status=status, key=chosen, days=_days(request),
                                 within=ward)
    except ValidationError:  # a list read a ward at a time, over several: the list's page says so and asks which
        return redirect(f"{reverse('member_list')}?{request.GET.urlencode()}")
    units = dashboard_units(request.user)
    title = list_title(chosen, today, status=status, unit=unit_named(request.user, ward))
    several = wards.several and ward is None
    if export_jobs.is_long(members):  # written by the worker; its page follows it and offers the file
        asked = export_jobs.ListAsked(today=today.isoformat(), q=query, status=status, key=chosen, days=_days(request),
                                      within=str(ward.pk) if ward else None, several=several)
        return redirect(export_jobs.queue_export(asked, title=title, actor=request.user))
    return export_members(members, title=title, actor=request.user, organization=ward or (units[0] if units else None),
                          wards=wards if several else None)


@login_required
@require_GET
def member_export_status(request, pk):
    """How far a long list's export has gone (htmx asks again every two seconds until it is done), and its file."""
    job = get_object_or_404(MemberExport, pk=pk, created_by=request.user)
    template = "members/member_export_status.html" + ("#status" if wants_fragment(request) else "")
    return render(request, template, {"job": job, "kept_hours": int(MemberExport.KEPT_FOR.total_seconds() // 3600)})


@login_required
@require_GET
def member_export_file(request, pk):
    """The file of a long list's export, to the user who asked for it, while it is kept."""
    return export_file(get_object_or_404(MemberExport, pk=pk, created_by=request.user))


@login_required
def member_list(request):
    query, status, chosen, today = _list_params(request)
    wards, ward = ward_scope(request)
    empty = empty_text(chosen, status, query)
    try:
        members = select_members(request.user, today=today, q=query, status=status, key=chosen, days=_days(request),
                                 within=ward)
    except ValidationError as refusal:  # a list read a ward at a time, over several: which ward, the page asks
        members, empty = PartyMember.objects.none(), refusal.messages[0]
    page = paginate(request, members)
    wards.mark(page)
    context = {
        "page": page,
        "wards": wards,
        "ward": ward,
        "query": query,
        "status": status,
        "statuses": [(ON_ROLL_FILTER, "Chỉ đảng viên đang sinh hoạt"), (ALL_FILTER, "Mọi tình trạng"),
                     *Status.choices],
        "status_given": request.GET.get("status", ""),
        "empty": empty,
        "lists": [(key, item.label) for key, item in CLERK_LISTS.items()],
        "chosen": chosen,
        "days": _days(request),
        "today": today,
        "occasion": badge_occasion(today) if chosen == "badges" else None,
        "can_register": has_any_perm(request.user, "members.change"),  # and import
    }
    partial = wants_fragment(request)
    return render(request, "members/member_list.html#results" if partial else "members/member_list.html", context)


@login_required
def member_detail(request, pk):
    today = timezone.localdate()
    payments = FeePayment.objects.filter(month__gte=fees.unpaid_window(today)[0])
    queryset = dossier_queryset().prefetch_related(Prefetch("fee_payments", payments), "fee_reliefs")
    dossier = read_dossier(queryset, request.user, pk, today=today)
    member, lifecycle = dossier.member, dossier.lifecycle
    services.record_dossier_view(member, actor=request.user)
    reliefs = list(member.fee_reliefs.all())
    fee_months = fees.member_fee_months(member, member.fee_payments.all(), today, reliefs)
    context = {
        "member": member,
        "dossier": dossier,
        "lifecycle": lifecycle,
        "fee_months": fee_months,
        "fee_unpaid": fees.unpaid_count(fee_months, today),
        "fee_due": fees.due_for(member, fees.month_start(today), reliefs),
        "fee_reliefs": reliefs,
        "fee_exempt_by_age": member.fee_exempt_by_party_age(fees.month_start(today)),
        "today": today,
        "party_age": dossier.party_age,
        "deadlines": dossier.deadlines,
        "conditions": dossier.conditions,
        "introducers": dossier.introducers,
        "next_badge": dossier.next_badge,
        "can_change": has_perm(request.user, "members.change", member.organization),
        "can_relieve": has_perm(request.user, "members.fees", member.organization),
        "history": history_for(request.user, [member], member.organization),
        "sections": sections(request.user, member),
    }
    return render(request, "members/member_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, pk):
    member = get_object_for_user(
        PartyMember.objects.select_related("person", "organization"), request.user, "members.change", pk=pk
    )
    kinds = TRANSITIONS.get(member.status, {}).keys()
    form = EventForm(request.POST or None, kinds=kinds, initial={"kind": request.GET.get("kind")})
    saved, _ = submit(request, form, services.record_event, member, actor=request.user)
    if saved:
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {
        "form": form, "title": f"Ghi sự kiện — {member.person.full_name} ({member.get_status_display()})",
        "back": member,
    })


@login_required
@require_http_methods(["GET", "POST"])
def introducer_create(request, pk):
    """An introducer of a candidate (Điều lệ Đảng, Điều 4): an official member of the ward, one from elsewhere by
    name, or the union's base committee."""
    member = get_object_for_user(
        PartyMember.objects.select_related("person", "organization"), request.user, "members.change", pk=pk
    )
    officials = (PartyMember.objects.under(member.organization.home_unit()).filter(status=Status.OFFICIAL)
                 .select_related("person", "organization").order_by("person__sort_name"))
    form = IntroducerForm(request.POST or None, members=officials,
                          initial={"introduced_on": timezone.localdate()})
    saved, introducer = submit(request, form, services.add_introducer, member, actor=request.user)
    if saved:
        messages.success(request, f"Đã ghi người giới thiệu: {introducer.name}.")
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {
        "form": form, "title": f"Người giới thiệu vào Đảng — {member.person.full_name}", "back": member,
    })


@login_required
@require_POST
def introducer_remove(request, pk, introducer_pk):
    member = get_object_for_user(PartyMember, request.user, "members.change", pk=pk)
    introducer = get_object_or_404(member.introducers, pk=introducer_pk)
    try:
        services.remove_introducer(introducer, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa người giới thiệu: {introducer.name}.")
    return redirect("member_detail", pk=member.pk)


@login_required
@require_http_methods(["GET", "POST"])
def fee_relief_create(request, pk):
    """The chi bộ's decision to exempt, reduce or defer a member's Party fee (Quy định 01-QĐ/TW, Điều 5)."""
    member = get_object_for_user(
        PartyMember.objects.select_related("person", "organization"), request.user, "members.fees", pk=pk
    )
    form = FeeReliefForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    saved, relief = submit(request, form, services.record_fee_relief, member, actor=request.user)
    if saved:
        messages.success(request, f"Đã ghi: {relief}.")
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {
        "form": form, "title": f"Miễn, giảm, hoãn đảng phí — {member.person.full_name}", "back": member,
    })


def _open_dossier(request, form_class, service, title: str, people_filter=None):
    """A form that opens a person's dossier in a chi bộ (a candidate, a member received by transfer)."""
    cells = Organization.objects.for_user(request.user, "members.change").filter(kind=Kind.CELL)
    people = Person.objects.for_user(request.user, "people.view").filter(**(people_filter or {}))
    form = form_class(request.POST or None, people=people, cells=cells, initial={"person": request.GET.get("person")})
    saved, member = submit(request, form, service, actor=request.user)
    if saved:
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {"form": form, "title": title, "back_url": "member_list"})


@login_required
@require_http_methods(["GET", "POST"])
def member_register(request):
    return _open_dossier(request, RegisterCandidateForm, services.register_candidate, "Lập hồ sơ quần chúng ưu tú")


@login_required
@require_http_methods(["GET", "POST"])
def member_receive(request):
    """Receive a member new to the system by official transfer from elsewhere."""
    return _open_dossier(request, ReceiveTransferForm, services.receive_transfer, "Tiếp nhận đảng viên chuyển đến",
                         people_filter={"party_member__isnull": True})


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request):
    """A member list in from .xlsx: all rows or none, every problem listed (members/imports.py)."""
    imports.require_import_right(request.user)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_jobs.import_or_queue(form.cleaned_data["file"], actor=request.user)
        except imports.ImportRefused as refused:
            errors = refused.lines
        else:
            if isinstance(result, MemberImport):  # a long list: the worker imports it, this page follows
                return redirect(result)
            reused = f" ({result.people_reused} người đã có hồ sơ nhân sự)" if result.people_reused else ""
            messages.success(request, f"Đã nhập {result.imported} đảng viên{reused}.")
            return redirect("member_list")
    return render(request, "members/member_import.html", {
        "form": form, "errors": errors, "refused": imports.REFUSED, "columns": imports.COLUMNS,
        "guidance": imports.GUIDANCE,
    })


@login_required
@require_GET
def member_import_status(request, pk):
    """How far a list sent to the background has gone (htmx asks again every two seconds until it is done)."""
    job = get_object_or_404(MemberImport, pk=pk, created_by=request.user)
    template = "members/member_import_status.html" + ("#status" if wants_fragment(request) else "")
    return render(request, template, {"job": job, "refused": imports.REFUSED})


@login_required
def member_import_template(request):
    """The workbook to fill, with the chi bộ the user may import into."""
    imports.require_import_right(request.user)
    cells = imports.importable_cells(request.user).open_on(timezone.localdate())
    response = HttpResponse(imports.template_xlsx(cells), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-dang-vien.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = get_object_for_user(
        PartyMember.objects.select_related("person", "organization"), request.user, "members.change", pk=pk
    )
    cells = Organization.objects.for_user(request.user, "members.change").filter(kind=Kind.CELL)
    form = MemberForm(request.POST or None, instance=member, cells=cells)
    saved, _ = submit(request, form, services.update_member, member, actor=request.user)
    if saved:
        return redirect("member_detail", pk=member.pk)
    return render(request, "org/form.html", {
        "form": form, "title": f"Sửa hồ sơ đảng viên — {member.person.full_name}", "back": member,
    })


@login_required
@require_http_methods(["GET", "POST"])
def fee_sheet(request):
    """A chi bộ's Party fees for one month: who paid what, and the form to record the month's collection."""
    today = timezone.localdate()
    cells = Organization.objects.for_user(request.user, "members.view_dossier").filter(kind=Kind.CELL)
    cell_id = uuid_or_404(request.GET.get("organization"))
    cell = None
    if cell_id:  # 404 when the chi bộ cannot be seen at all, 403 when its members' dossiers may not be read
        cell = get_object_for_user(Organization.objects.filter(kind=Kind.CELL), request.user,
                                   "members.view_dossier", pk=cell_id)
    month = fees.parse_month(request.GET.get("month", "")) or fees.month_start(today)
    rows = []
    if cell is not None:
        payments = FeePayment.objects.filter(month=month)
        reliefs = FeeRelief.objects.filter(start_month__lte=month, end_month__gte=month)
        members = (
            PartyMember.objects.on_roll().filter(organization=cell).select_related("person")
            .prefetch_related(Prefetch("fee_payments", payments, to_attr="month_payments"),
                              Prefetch("fee_reliefs", reliefs, to_attr="month_reliefs"))
            .order_by("person__sort_name", "id")
        )
        rows = [
            {"member": member, "payment": (member.month_payments or [None])[0],
             "due": fees.due_for(member, month, member.month_reliefs),
             "relief": (member.month_reliefs or [None])[0],
             "owed": member.owes_fee_for(month), "exempt_by_age": member.fee_exempt_by_party_age(month)}
            for member in members
        ]
    can_record = cell is not None and has_perm(request.user, "members.fees", cell)
    if request.method == "POST" and not can_record:
        raise PermissionDenied("Bạn không có quyền ghi đảng phí của chi bộ này.")
    form = FeeSheetForm(request.POST or None, rows=rows, initial={"paid_on": today}) if can_record else None
    if form is not None:
        saved, payments = submit(request, form, services.record_fee_payments, month=month, actor=request.user)
        if saved:
            messages.success(request, f"Đã ghi đảng phí tháng {month:%m/%Y} của {len(payments)} đảng viên.")
            return redirect(f"{request.path}?organization={cell.pk}&month={month:%Y-%m}")
    paid = [row["payment"] for row in rows if row["payment"] is not None]
    return render(request, "members/fee_sheet.html", {
        "chooser": FeeSheetChooser(initial={"organization": cell.pk if cell else None}, cells=cells),
        "cell": cell, "month": month, "rows": rows, "form": form,
        "paid_count": len(paid), "paid_total": sum(payment.amount for payment in paid),
        "due_total": sum(row["due"] or 0 for row in rows if row["owed"]),
        "previous": add_months(month, -1), "next": add_months(month, 1),
    })
