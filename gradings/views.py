"""The pages of the quality grading: a year's results by chi bộ with the year before beside them, the members flagged
(two years "không hoàn thành"), a chi bộ's table to enter the self-assessments, the proposals or the Đảng ủy's
decision, and the results as .xlsx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.http import download
from core.scoping import get_object_for_user, has_any_perm, has_perm
from core.views import uuid_or_404
from gradings import services
from gradings.exports import export_results
from gradings.forms import DecisionDayForm, GradingRowForm
from gradings.models import GRADES, Grade, Grading, GradingStage
from gradings.results import previous_term, results
from gradings.rules import grading_rules_on
from members.models import ON_ROLL, PartyMember
from org.models import Kind, Organization, Term
from org.views.common import ward_scope


def _year(request) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year


def _term(request, ward) -> Term | None:
    """?term=: a term of the Đảng bộ shown (404 otherwise); none: the year's."""
    key = uuid_or_404(request.GET.get("term", ""))
    if key is None:
        return None
    term = Term.objects.filter(pk=key, organization=ward).first() if ward else None
    if term is None:
        raise Http404("Không tìm thấy.")
    return term


def _ward(request):
    """The Đảng bộ whose grading is shown: the one chosen, or the user's one unit's (a chi bộ's secretary: her chi
    bộ's ward, of which she reads her chi bộ only)."""
    wards, ward = ward_scope(request)
    if ward is None and len(wards.units) == 1:
        ward = next(iter(wards))
    if ward is not None and ward.kind == Kind.CELL:
        ward = ward.home_unit()
    return wards, ward


@login_required
@require_GET
def grading_list(request):
    if not has_any_perm(request.user, "gradings.view"):
        raise PermissionDenied("Bạn không có quyền xem kết quả xếp loại chất lượng.")
    wards, ward = _ward(request)
    year = _year(request)
    term = _term(request, ward)
    gradings = Grading.objects.for_user(request.user, "gradings.view")
    context = {"wards": wards, "ward": ward, "year": year, "previous": year - 1, "term": term,
               "grades": [(grade, Grade(grade).label) for grade in GRADES],
               "terms": list(Term.objects.filter(organization=ward).order_by("-start_date")) if ward else []}
    if ward is not None:
        cells = Organization.objects.for_user(request.user, "gradings.view")
        context |= {"rows": results(gradings, ward, year, cells, term=term),
                    "flagged": list(services.flagged(gradings.filter(ward=ward), year)[:50]),
                    "can_decide": has_perm(request.user, "gradings.decide", ward),
                    "can_propose": has_any_perm(request.user, "gradings.propose")}
    return render(request, "gradings/grading_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def grading_enter(request, pk, year, stage):
    """A chi bộ's table: its members' self-assessments or proposals (stage self, proposed), or the Đảng ủy's
    decision on them (decided); `pk` the chi bộ. With ?cells=1 on the ward: the chi bộ's own grades."""
    if stage not in GradingStage.values or not 2000 <= year <= 2100:
        raise Http404("Không tìm thấy.")
    unit = get_object_for_user(Organization, request.user, "gradings.view", pk=pk)
    ward = unit.home_unit()
    cells = unit.kind != Kind.CELL
    if unit.kind != Kind.CELL and unit.pk != ward.pk:
        raise Http404("Không tìm thấy.")
    term = _term(request, ward)
    perm = "gradings.decide" if stage == GradingStage.DECIDED else "gradings.propose"
    if not has_perm(request.user, perm, ward if stage == GradingStage.DECIDED else unit):
        raise PermissionDenied("Bạn không có quyền ghi bước xếp loại này.")
    subjects = (list(Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL).order_by("path"))
                if cells else list(PartyMember.objects.filter(organization=unit, status__in=ON_ROLL)
                                   .select_related("person").order_by("person__sort_name", "pk")))
    existing = {(g.cell_id if cells else g.member_id): g for g in Grading.objects.of_period(year, term).filter(
        **({"cell__in": subjects} if cells else {"member__in": subjects}))}
    prefix = {"self": "self", "proposed": "proposed", "decided": ""}[stage]
    rows = []
    for subject in subjects:
        grading = existing.get(subject.pk)
        initial = {}
        if grading is not None:
            initial = {"score": getattr(grading, f"{prefix}_score" if prefix else "score"),
                       "grade": getattr(grading, f"{prefix}_grade" if prefix else "grade"),
                       "exceeded_share": grading.exceeded_share, "all_on_time": grading.all_on_time,
                       "breach": grading.breach, "late_share": grading.late_share,
                       "disciplined": grading.disciplined}
        rows.append((subject, GradingRowForm(request.POST or None, prefix=str(subject.pk), initial=initial,
                                             collective=cells)))
    day_form = DecisionDayForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and all(form.is_valid() for _subject, form in rows) and (
            stage != GradingStage.DECIDED or day_form.is_valid()):
        entries = [{("cell" if cells else "member"): subject, **form.service_row()}
                   for subject, form in rows if form.has_entry()]
        try:
            if stage == GradingStage.DECIDED:
                services.decide_gradings(ward=ward, actor=request.user, year=year, term=term,
                                         decided_on=day_form.cleaned_data["decided_on"], decisions=entries)
            else:
                services.assess_all(ward=ward, actor=request.user, year=year, stage=stage, rows=entries,
                                    term=term)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Đã ghi {len(entries)} kết quả.")
            return redirect(f"{reverse('grading_list')}?ward={ward.pk}&year={year}"
                            + (f"&term={term.pk}" if term else ""))
    return render(request, "gradings/grading_enter.html", {
        "unit": unit, "ward": ward, "year": year, "term": term, "stage": GradingStage(stage), "rows": rows,
        "cells": cells,
        "day_form": day_form if stage == GradingStage.DECIDED else None,
        "rules": grading_rules_on(timezone.localdate()),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def grading_export(request):
    if not has_any_perm(request.user, "gradings.view"):
        raise PermissionDenied("Bạn không có quyền xem kết quả xếp loại chất lượng.")
    _wards, ward = _ward(request)
    if ward is None:
        messages.error(request, "Hãy chọn một phường, xã rồi xuất lại.")
        return redirect("grading_list")
    year = _year(request)
    term = _term(request, ward)
    gradings = Grading.objects.for_user(request.user, "gradings.view")
    mine = gradings.filter(ward=ward).of_members().select_related("member__person", "unit")
    before = previous_term(term)
    current = list(mine.of_period(year, term).order_by("unit__path", "member__person__sort_name"))
    previous = mine.of_period(year - 1) if term is None else mine.filter(term=before) if before else mine.none()
    cells = Organization.objects.for_user(request.user, "gradings.view")
    filename, content_type, content = export_results(
        ward, year, results(gradings, ward, year, cells, term=term), current,
        {grading.member_id: grading for grading in previous}, actor=request.user, term=term)
    return download(content, content_type=content_type, filename=filename)
