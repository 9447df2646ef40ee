"""Changes to the inspection programs: an item planned, corrected, started or cancelled, its conclusion recorded, what
the subject must fix and when it did, and the conclusion issued through the registry. Each is atomic and audited.

Who may write an item depends on its program (models.CHANGE_PERMISSION): the office writes both programs, the
Ủy ban Kiểm tra its own."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import log_action, log_creation, snapshot
from core.scoping import require_perm
from core.versions import require_version
from documents.models import Direction, Document
from documents.services import draft_document
from documents.types import DocumentType, IssuingBody
from inspections.models import (
    CHANGE_PERMISSION,
    CONCLUDABLE,
    QUARTERS,
    TRANSITIONS,
    FollowUp,
    Inspection,
    InspectionKind,
    InspectionMode,
    InspectionProgram,
    InspectionStatus,
)
from org.models import WARD_KINDS, Organization, Person

FIELDS = ("program", "year", "quarter", "kind", "mode", "subject_organization", "subject_member", "content",
          "period_covered", "team_lead", "started_on", "ended_on")
EDITABLE = ("quarter", "kind", "mode", "subject_organization", "subject_member", "content", "period_covered",
            "team_lead", "started_on", "ended_on", "conclusion", "concluded_on")
FIRST_YEAR = 2000


def _require_writer(actor, program: str, ward: Organization) -> None:
    if program not in CHANGE_PERMISSION:
        raise ValidationError({"program": "Hãy chọn chương trình của Đảng ủy hoặc của Ủy ban Kiểm tra."})
    require_perm(actor, CHANGE_PERMISSION[program], ward)


def _check_team(ward: Organization, team_lead: Person | None, team: Iterable[Person]) -> list[Person]:
    team = list(dict.fromkeys(team))
    strangers = [person.full_name for person in [*team, *([team_lead] if team_lead else [])]
                 if not ward.contains(person.organization)]
    if strangers:
        raise ValidationError({"team": f"Không thuộc {ward.name}: {', '.join(dict.fromkeys(strangers))}."})
    return team


def _check_period(year: int, quarter: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": f"Năm phải từ {FIRST_YEAR} đến {timezone.localdate().year + 1}."})
    if quarter not in QUARTERS:
        raise ValidationError({"quarter": "Quý phải là I, II, III hoặc IV."})


@transaction.atomic
def plan_inspection(*, ward: Organization, actor, program: str, year: int, quarter: int, content: str,
                    kind: str = InspectionKind.INSPECTION, mode: str = InspectionMode.THEMATIC,
                    subject_organization: Organization | None = None, subject_member=None,
                    period_covered: str = "", team_lead: Person | None = None, team: Iterable[Person] = (),
                    started_on: datetime.date | None = None, ended_on: datetime.date | None = None,
                    order: int = 0) -> Inspection:
    """An inspection or supervision on `ward`'s program (the Đảng ủy's or its UBKT's) for a quarter of `year`, of one
    subject: a Party organisation of the ward or one of its members."""
    _require_writer(actor, program, ward)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Chương trình kiểm tra, giám sát là của Đảng ủy phường, xã."})
    _check_period(year, quarter)
    if not (content or "").strip():
        raise ValidationError({"content": "Hãy ghi nội dung kiểm tra, giám sát."})
    if (subject_organization is None) == (subject_member is None):
        raise ValidationError({"subject_organization": "Hãy chọn một đối tượng: một tổ chức đảng hoặc một đảng viên."})
    team = _check_team(ward, team_lead, team)
    inspection = Inspection(
        ward=ward, program=program, year=year, quarter=quarter, kind=kind, mode=mode, content=content.strip(),
        subject_organization=subject_organization, subject_member=subject_member, period_covered=period_covered,
        team_lead=team_lead, started_on=started_on, ended_on=ended_on, order=order,
    )
    inspection.full_clean()
    inspection.save(force_insert=True)
    if team:
        inspection.team.set(team)
    fields = [name for name in FIELDS if getattr(inspection, name) not in (None, "")]
    log_creation("inspections.inspection.created", actor=actor, obj=inspection, organization=ward, fields=fields)
    return inspection


def _locked(inspection: Inspection) -> Inspection:
    return (Inspection.objects.select_for_update(of=("self",))
            .select_related("ward", "subject_organization", "subject_member__person").get(pk=inspection.pk))


def _team_names(inspection: Inspection) -> list[str]:
    return sorted(person.full_name for person in inspection.team.all())


@transaction.atomic
def update_inspection(inspection: Inspection, *, actor, version: int | None = None,
                      team: Iterable[Person] | None = None, **changes) -> dict:
    """Correct an item (its quarter, subject, content, team, dates; a recorded conclusion's text or date). Its
    status moves by move_inspection and conclude_inspection. Returns what changed."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    require_version(inspection, version)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if {"conclusion", "concluded_on"} & set(changes) and inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError({"conclusion": "Kết luận được ghi khi kết thúc cuộc kiểm tra, giám sát."})
    if "quarter" in changes:
        _check_period(inspection.year, changes["quarter"])
    before = snapshot(inspection, changes)
    for name, value in changes.items():
        setattr(inspection, name, value.strip() if isinstance(value, str) else value)
    if not inspection.content:
        raise ValidationError({"content": "Hãy ghi nội dung kiểm tra, giám sát."})
    if (inspection.subject_organization_id is None) == (inspection.subject_member_id is None):
        raise ValidationError({"subject_organization": "Hãy chọn một đối tượng: một tổ chức đảng hoặc một đảng viên."})
    if inspection.status == InspectionStatus.CONCLUDED:
        _check_conclusion(inspection, inspection.conclusion, inspection.concluded_on)
    inspection.full_clean()
    after = snapshot(inspection, changes)
    diff = {name: {"old": before[name], "new": after[name]} for name in changes if before[name] != after[name]}
    if team is not None:
        old = _team_names(inspection)
        members = _check_team(inspection.ward, inspection.team_lead, team)
        if sorted(person.full_name for person in members) != old or len(members) != len(old):
            inspection.team.set(members)
            diff["team"] = {"old": old, "new": sorted(person.full_name for person in members)}
    elif "team_lead" in changes:
        _check_team(inspection.ward, inspection.team_lead, ())
    if diff:
        inspection.save(update_fields=[name for name in diff if name != "team"] + ["updated"])
        log_action("inspections.inspection.updated", actor=actor, obj=inspection, organization=inspection.ward,
                   data={"changes": diff})
    return diff


@transaction.atomic
def move_inspection(inspection: Inspection, *, status: str, actor, version: int | None = None,
                    day: datetime.date | None = None) -> Inspection:
    """Start an item (its first day, today unless given), put it back to planned, cancel it or plan it again."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    require_version(inspection, version)
    if status == InspectionStatus.CONCLUDED:
        raise ValidationError({"status": "Hãy ghi kết luận để kết thúc cuộc kiểm tra, giám sát."})
    if status not in TRANSITIONS.get(inspection.status, set()):
        wanted = InspectionStatus(status).label if status in InspectionStatus.values else status
        raise ValidationError({"status": f"Không chuyển được từ “{inspection.get_status_display()}” sang "
                                         f"“{wanted}”."})
    old = inspection.status
    inspection.status = status
    fields = ["status"]
    if status == InspectionStatus.IN_PROGRESS and inspection.started_on is None:
        inspection.started_on = day or timezone.localdate()
        fields.append("started_on")
    elif status == InspectionStatus.PLANNED and inspection.started_on is not None:  # put back: it has not started
        inspection.started_on = None
        fields.append("started_on")
    inspection.save(update_fields=[*fields, "updated"])
    log_action("inspections.inspection.status", actor=actor, obj=inspection, organization=inspection.ward,
               data={"status": {"old": old, "new": status},
                     **({"started_on": inspection.started_on and str(inspection.started_on)}
                        if "started_on" in fields else {})})
    return inspection


def _check_conclusion(inspection: Inspection, conclusion: str, concluded_on: datetime.date | None) -> None:
    if not (conclusion or "").strip():
        raise ValidationError({"conclusion": "Hãy ghi nội dung kết luận."})
    if concluded_on is None:
        raise ValidationError({"concluded_on": "Hãy ghi ngày kết luận."})
    if concluded_on > timezone.localdate():
        raise ValidationError({"concluded_on": "Ngày kết luận không được sau hôm nay."})
    if inspection.started_on and concluded_on < inspection.started_on:
        raise ValidationError({"concluded_on": "Ngày kết luận không được trước ngày bắt đầu "
                                               f"({inspection.started_on:%d/%m/%Y})."})


@transaction.atomic
def conclude_inspection(inspection: Inspection, *, conclusion: str, concluded_on: datetime.date, actor,
                        version: int | None = None,
                        follow_ups: Iterable[tuple[str, datetime.date]] = ()) -> Inspection:
    """Record what an inspection or supervision concluded, on the day it did, and what the subject must fix by when:
    the item is done (its quarter counts it)."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    require_version(inspection, version)
    if inspection.status not in CONCLUDABLE:
        raise ValidationError({"status": f"Cuộc kiểm tra, giám sát đang “{inspection.get_status_display()}”: không "
                                         f"ghi kết luận được."})
    _check_conclusion(inspection, conclusion, concluded_on)
    old = inspection.status
    inspection.status, inspection.concluded_on = InspectionStatus.CONCLUDED, concluded_on
    inspection.conclusion = conclusion.strip()
    inspection.ended_on = inspection.ended_on or concluded_on
    inspection.save(update_fields=["status", "conclusion", "concluded_on", "ended_on", "updated"])
    log_action("inspections.inspection.concluded", actor=actor, obj=inspection, organization=inspection.ward,
               data={"status": {"old": old, "new": InspectionStatus.CONCLUDED}, "concluded_on": str(concluded_on),
                     "conclusion": inspection.conclusion})
    for text, due_on in follow_ups:
        _new_follow_up(inspection, text=text, due_on=due_on, actor=actor)
    return inspection


def _new_follow_up(inspection: Inspection, *, text: str, due_on: datetime.date | None, actor) -> FollowUp:
    if not (text or "").strip():
        raise ValidationError({"text": "Hãy ghi việc đối tượng phải khắc phục."})
    if due_on is None:
        raise ValidationError({"due_on": "Hãy ghi thời hạn khắc phục."})
    if inspection.concluded_on and due_on < inspection.concluded_on:
        raise ValidationError({"due_on": f"Thời hạn khắc phục không được trước ngày kết luận "
                                         f"({inspection.concluded_on:%d/%m/%Y})."})
    follow_up = FollowUp(inspection=inspection, text=text.strip(), due_on=due_on)
    follow_up.full_clean()
    follow_up.save(force_insert=True)
    log_creation("inspections.follow_up.created", actor=actor, obj=follow_up, organization=inspection.ward,
                 fields=["text", "due_on"])
    return follow_up


@transaction.atomic
def add_follow_up(inspection: Inspection, *, text: str, due_on: datetime.date | None, actor) -> FollowUp:
    """What the conclusion requires of its subject, by when."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError("Yêu cầu khắc phục được ghi sau khi có kết luận.")
    return _new_follow_up(inspection, text=text, due_on=due_on, actor=actor)


@transaction.atomic
def complete_follow_up(follow_up: FollowUp, *, done_on: datetime.date | None, result: str = "", actor) -> FollowUp:
    """The subject fixed what it was asked to, on `done_on`."""
    follow_up = (FollowUp.objects.select_for_update(of=("self",)).select_related("inspection__ward")
                 .get(pk=follow_up.pk))
    inspection = follow_up.inspection
    _require_writer(actor, inspection.program, inspection.ward)
    if follow_up.done_on is not None:
        raise ValidationError(f"Đã ghi hoàn thành ngày {follow_up.done_on:%d/%m/%Y}.")
    if done_on is None:
        raise ValidationError({"done_on": "Hãy ghi ngày hoàn thành."})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "Ngày hoàn thành không được sau hôm nay."})
    if inspection.concluded_on and done_on < inspection.concluded_on:
        raise ValidationError({"done_on": f"Ngày hoàn thành không được trước ngày kết luận "
                                          f"({inspection.concluded_on:%d/%m/%Y})."})
    follow_up.done_on, follow_up.result = done_on, (result or "").strip()
    follow_up.save(update_fields=["done_on", "result"])
    log_action("inspections.follow_up.done", actor=actor, obj=follow_up, organization=inspection.ward,
               data={"done_on": str(done_on), "result": follow_up.result,
                     "late": done_on > follow_up.due_on})
    return follow_up


def _conclusion_summary(inspection: Inspection) -> str:
    return f"Kết luận {inspection.title.lower()} đối với {inspection.subject_name}: {inspection.content}"[:500]


@transaction.atomic
def draft_conclusion(inspection: Inspection, *, actor, signer: str = "") -> Document:
    """Start the conclusion as an outgoing document of the registry (thể loại Kết luận), numbered in its program's
    register when issued: "…-KL/UBKTĐU" for the UBKT's, "…-KL/ĐU" for the Đảng ủy's. The registry's approval and
    issuing follow as for any document."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError("Hãy ghi kết luận trước khi lập văn bản kết luận.")
    if inspection.conclusion_document_id:
        raise ValidationError("Cuộc kiểm tra, giám sát này đã có văn bản kết luận.")
    body = IssuingBody.INSPECTION if inspection.program == InspectionProgram.INSPECTION else IssuingBody.COMMITTEE
    document = draft_document(organization=inspection.ward, doc_type=DocumentType.CONCLUSION,
                              summary=_conclusion_summary(inspection), signer=signer, body=body, actor=actor)
    return _link(inspection, document, actor=actor)


def _link(inspection: Inspection, document: Document, *, actor) -> Document:
    inspection.conclusion_document = document
    inspection.save(update_fields=["conclusion_document", "updated"])
    log_action("inspections.inspection.document", actor=actor, obj=inspection, organization=inspection.ward,
               data={"document": str(document.pk), "symbol": document.symbol})
    return document


@transaction.atomic
def link_conclusion(inspection: Inspection, *, document: Document, actor) -> Document:
    """Name the registry's document that carries the conclusion (one already in the register): a conclusion the
    ward issued."""
    inspection = _locked(inspection)
    _require_writer(actor, inspection.program, inspection.ward)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError("Hãy ghi kết luận trước khi gắn văn bản kết luận.")
    if inspection.conclusion_document_id and inspection.conclusion_document_id != document.pk:
        raise ValidationError({"conclusion_document": "Cuộc kiểm tra, giám sát này đã có văn bản kết luận."})
    if Inspection.objects.filter(conclusion_document=document).exclude(pk=inspection.pk).exists():
        raise ValidationError({"conclusion_document": "Văn bản này đã là kết luận của một cuộc kiểm tra, giám sát "
                                                      "khác."})
    if (document.doc_type != DocumentType.CONCLUSION or document.direction != Direction.OUTGOING
            or document.organization_id != inspection.ward_id):
        raise ValidationError({"conclusion_document": f"Văn bản kết luận phải là văn bản đi thể loại Kết luận của "
                                                      f"{inspection.ward.name}."})
    return _link(inspection, document, actor=actor)
