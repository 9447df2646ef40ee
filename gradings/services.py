"""Changes to the quality grading: a self-assessment or a chi bộ's proposal recorded, and the Đảng ủy's decision on a
year's gradings, all at once, refused as a whole (nothing kept) when it breaks the quota. Audited."""

import datetime
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import log_action
from core.scoping import require_perm
from gradings.models import Grade, Grading, GradingStage
from gradings.rules import CELLS_ARE_GRASSROOTS_FROM, excellent_allowed, grade_for, grading_rules_on
from org.models import WARD_KINDS, Kind, Organization

CONDITIONS = ("all_on_time", "exceeded_share", "late_share", "disciplined", "breach")


def _subject(ward: Organization, member, cell) -> tuple[dict, Organization]:
    """({member: …} or {cell: …}, the row's unit), checked: one subject, within the ward."""
    if (member is None) == (cell is None):
        raise ValidationError({"member": "Hãy chọn một đảng viên hoặc một chi bộ."})
    if cell is not None:
        if cell.kind != Kind.CELL or not ward.contains(cell):
            raise ValidationError({"cell": f"“{cell.name}” không phải chi bộ của {ward.name}."})
        return {"cell": cell}, cell
    if not ward.contains(member.organization):
        raise ValidationError({"member": f"Đảng viên {member.person.full_name} không sinh hoạt ở {ward.name}."})
    return {"member": member}, member.organization


def _score(value) -> Decimal | None:
    if value is None:
        return None
    score = Decimal(str(value))
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": "Điểm phải từ 0 đến 100."})
    return score


def _graded(rules, score, grade: str, *, collective: bool, conditions: dict, field: str) -> str:
    """The grade: by the score where the rules use one (a grade given must agree), else the one given."""
    if rules.scored:
        if score is None:
            raise ValidationError({field: f"Hãy ghi điểm (thang 100, {rules.source})."})
        earned = grade_for(score, rules=rules, collective=collective, **conditions)
        if grade and grade != earned:
            raise ValidationError({field: f"Với {score} điểm và các điều kiện đã ghi, mức xếp loại là "
                                          f"“{Grade(earned).label}” ({rules.source}), không phải "
                                          f"“{Grade(grade).label}”."})
        return earned
    if grade not in Grade.values:
        raise ValidationError({field: f"Hãy chọn mức xếp loại ({rules.source} không chấm điểm)."})
    return grade


@transaction.atomic
def assess(*, ward: Organization, actor, year: int, stage: str, member=None, cell=None, score=None, grade: str = "",
           day: datetime.date | None = None, term=None, **conditions) -> Grading:
    """A self-assessment, or a chi bộ's proposal for one of its members (stage "self" or "proposed"), for a year or
    for a term of the Đảng bộ."""
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Kết quả xếp loại được ghi ở Đảng bộ phường, xã."})
    _check_year(year)
    _check_term(ward, term)
    subject, unit = _subject(ward, member, cell)
    require_perm(actor, "gradings.propose", unit)
    if stage not in (GradingStage.SELF, GradingStage.PROPOSED):
        raise ValidationError({"stage": "Hãy chọn tự đánh giá hoặc chi bộ đề xuất."})
    if stage == GradingStage.PROPOSED and cell is not None:
        raise ValidationError({"stage": "Chi bộ tự đánh giá; Đảng ủy xếp loại chi bộ."})
    rules = grading_rules_on(day or timezone.localdate())
    score = _score(score)
    grade = _graded(rules, score, grade, collective=cell is not None, conditions=_conditions(conditions),
                    field="score" if rules.scored else "grade")
    grading = _row(ward, subject, unit, year, term)
    prefix = "self" if stage == GradingStage.SELF else "proposed"
    setattr(grading, f"{prefix}_score", score)
    setattr(grading, f"{prefix}_grade", grade)
    grading.save()
    log_action("gradings.grading.assessed", actor=actor, obj=grading, organization=unit, data={
        "stage": stage, "year": year, "term": term.name if term else None,
        "score": str(score) if score is not None else None, "grade": grade})
    return grading


def _conditions(given: dict) -> dict:
    unknown = set(given) - set(CONDITIONS)
    if unknown:
        raise ValidationError(f"Không ghi được: {', '.join(sorted(unknown))}.")
    return {name: given[name] for name in CONDITIONS if name in given}


def _row(ward, subject: dict, unit, year: int, term=None) -> Grading:
    grading = (Grading.objects.select_for_update(of=("self",)).of_period(year, term).filter(**subject)
               .select_related("ward").first())
    if grading is None:
        return Grading(ward=ward, year=year, unit=unit, term=term, **subject)
    if grading.ward_id != ward.pk:  # e.g. a member who moved ward during the year
        raise ValidationError({"member": f"Đã được đánh giá, xếp loại ở {grading.ward.name} cho kỳ này."})
    return grading


def _check_year(year: int) -> None:
    if year > timezone.localdate().year:
        raise ValidationError({"year": "Năm đánh giá, xếp loại không được sau năm nay."})


def _check_term(ward: Organization, term) -> None:
    if term is not None and term.organization_id != ward.pk:
        raise ValidationError({"term": f"Nhiệm kỳ {term.name} không phải của {ward.name}."})


def quota_unit(grading: Grading, day: datetime.date) -> str:
    """Which grassroots organisation a grading's quota is counted in (gradings.rules [U]): the ward until 30/6/2025;
    from 01/7/2025 a member's chi bộ, and the ward for its chi bộ."""
    if grading.cell_id or day < CELLS_ARE_GRASSROOTS_FROM:
        return f"{grading.ward_id}:{'cells' if grading.cell_id else 'members'}"
    return f"{grading.unit_id}:members"


@transaction.atomic
def decide_gradings(*, ward: Organization, actor, year: int, decided_on: datetime.date,
                    decisions: list[dict], term=None) -> list[Grading]:
    """The Đảng ủy's grades of a year (or of a term of the Đảng bộ), for its members and chi bộ (each decision:
    member or cell, score, grade, conditions). The quota is checked over the whole year's (term's) decided grades of
    each grassroots organisation; over it, nothing is kept and the refusal names the rule."""
    require_perm(actor, "gradings.decide", ward)
    _check_year(year)
    _check_term(ward, term)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Đảng ủy phường, xã quyết định xếp loại."})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày quyết định không được sau hôm nay."})
    if not decisions:
        raise ValidationError("Hãy ghi ít nhất một kết quả xếp loại.")
    rules = grading_rules_on(decided_on)
    decided = []
    for number, decision in enumerate(decisions, start=1):
        decision = dict(decision)
        subject, unit = _subject(ward, decision.pop("member", None), decision.pop("cell", None))
        score, grade = _score(decision.pop("score", None)), decision.pop("grade", "") or ""
        conditions = _conditions(decision)
        try:
            grade = _graded(rules, score, grade, collective="cell" in subject, conditions=conditions, field="grade")
        except ValidationError as error:
            name = subject.get("cell").name if "cell" in subject else subject["member"].person.full_name
            raise ValidationError(f"Dòng {number} ({name}): {' '.join(error.messages)}") from None
        grading = _row(ward, subject, unit, year, term)
        grading.score, grading.grade, grading.decided_on = score, grade, decided_on
        for name, value in conditions.items():
            setattr(grading, name, value)
        grading.save()
        decided.append(grading)
    _check_quota(ward, year, decided_on, rules, term)
    log_action("gradings.gradings.decided", actor=actor, obj=ward, organization=ward, data={
        "year": year, "term": term.name if term else None, "decided_on": str(decided_on), "rules": rules.source,
        "grades": [{"subject": g.subject_name, "score": str(g.score) if g.score is not None else None,
                    "grade": g.grade} for g in decided]})
    return decided


def _check_quota(ward: Organization, year: int, day: datetime.date, rules, term=None) -> None:
    gradings = list(Grading.objects.filter(ward=ward).of_period(year, term).decided().select_related("unit", "cell"))
    excellent, good_or_better, names = Counter(), Counter(), {}
    for grading in gradings:
        unit = quota_unit(grading, day)
        names[unit] = ward.name if unit.startswith(str(ward.pk)) else grading.unit.name
        if grading.grade in (Grade.EXCELLENT, Grade.GOOD):
            good_or_better[unit] += 1
        if grading.grade == Grade.EXCELLENT:
            excellent[unit] += 1
    for unit, count in excellent.items():
        allowed = excellent_allowed(good_or_better[unit], rules)
        if count > allowed:
            whom = "chi bộ" if unit.endswith("cells") else "đảng viên"
            raise ValidationError(
                f"Vượt tỷ lệ {whom} “Hoàn thành xuất sắc nhiệm vụ” ở {names[unit]}: {count} trong "
                f"{good_or_better[unit]} {whom} được xếp loại “Hoàn thành tốt nhiệm vụ” trở lên, tối đa {allowed} "
                f"({rules.excellent_quota}% — Hướng dẫn 21-HD/BTCTW, Quy định 124-QĐ/TW; {rules.source}). Chưa lưu "
                f"kết quả nào.")


def flagged(gradings_queryset, year: int):
    """Members graded "không hoàn thành nhiệm vụ" in `year` and the year before: to be reviewed."""
    before = gradings_queryset.of_period(year - 1).filter(grade=Grade.NOT_COMPLETED).values("member")
    return (gradings_queryset.of_members().of_period(year).filter(grade=Grade.NOT_COMPLETED, member__in=before)
            .select_related("member__person", "member__organization"))


@transaction.atomic
def assess_all(*, ward: Organization, actor, year: int, stage: str, rows: list[dict],
               day: datetime.date | None = None, term=None) -> list[Grading]:
    """Several self-assessments or proposals at once (a chi bộ's table): all or none, a refusal naming the row."""
    saved = []
    for number, row in enumerate(rows, start=1):
        row = dict(row)
        try:
            saved.append(assess(ward=ward, actor=actor, year=year, stage=stage, day=day, term=term, **row))
        except ValidationError as error:
            subject = row.get("cell") or row.get("member")
            name = getattr(subject, "name", None) or subject.person.full_name if subject else ""
            raise ValidationError(f"Dòng {number} ({name}): {' '.join(error.messages)}") from None
    return saved
