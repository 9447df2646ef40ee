"""The quality grading's API: a year's gradings, and a stage of them recorded (self-assessments, proposals, or the
Đảng ủy's decision, all or nothing, the quota checked)."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, Field

from core.api import ERRORS, WRITE_ERRORS, ApiPagination
from core.schemas import Day, Input
from core.scoping import get_object_for_user
from gradings import services
from gradings.models import Grade, Grading, GradingStage
from members.models import PartyMember
from org.models import Organization, Term

router = Router(tags=["Xếp loại chất lượng"])


class GradingOut(Schema):
    id: UUID
    ward: UUID = Field(validation_alias="ward_id")
    year: int
    term: UUID | None = Field(validation_alias="term_id", description="Nhiệm kỳ, khi xếp loại cả nhiệm kỳ.")
    member: UUID | None = Field(validation_alias="member_id")
    cell: UUID | None = Field(validation_alias="cell_id")
    subject_name: str
    self_score: Decimal | None
    self_grade: Grade | None
    proposed_score: Decimal | None
    proposed_grade: Grade | None
    score: Decimal | None
    grade: Grade | None = Field(description="Mức Đảng ủy xếp loại (null: chưa quyết định).")
    decided_on: datetime.date | None

    @staticmethod
    def resolve_self_grade(obj):
        return obj.self_grade or None

    @staticmethod
    def resolve_proposed_grade(obj):
        return obj.proposed_grade or None

    @staticmethod
    def resolve_grade(obj):
        return obj.grade or None


class GradingFilters(Schema):
    organization: UUID | None = Field(None, description="Một phường, xã hoặc một chi bộ trong phạm vi được xem.")
    year: int | None = Field(None, ge=2000, le=2100)
    term: UUID | None = Field(None, description="Một nhiệm kỳ: các xếp loại của nhiệm kỳ đó.")


class GradingRowIn(Input):
    model_config = ConfigDict(extra="forbid")

    member: UUID | None = None
    cell: UUID | None = None
    score: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    grade: Grade | None = None
    all_on_time: bool = True
    exceeded_share: int = Field(0, ge=0, le=100)
    late_share: int = Field(0, ge=0, le=100)
    disciplined: bool = False
    breach: bool = False


class GradingsIn(Input):
    model_config = ConfigDict(extra="forbid")

    ward: UUID
    year: int = Field(ge=2000, le=2100)
    term: UUID | None = Field(None, description="Xếp loại cả nhiệm kỳ này của Đảng bộ (không ghi: của năm).")
    stage: GradingStage = Field(description="self, proposed (chi bộ đề xuất) hoặc decided (Đảng ủy quyết định).")
    decided_on: Day | None = Field(None, description="Ngày Đảng ủy quyết định (stage decided).")
    rows: list[GradingRowIn] = Field(min_length=1, max_length=2000)


@router.get("/gradings", response={200: list[GradingOut], **ERRORS})
@paginate(ApiPagination)
def list_gradings(request, filters: Query[GradingFilters]):
    """The gradings the caller sees (a chi bộ's secretary: her chi bộ's), by year."""
    gradings = (Grading.objects.for_user(request.user, "gradings.view")
                .select_related("member__person", "cell").order_by("year", "unit__path", "id"))
    if filters.organization:
        within = get_object_for_user(Organization, request.user, "org.view", pk=filters.organization)
        gradings = gradings.filter(unit__path__startswith=within.path)
    if filters.term:
        gradings = gradings.filter(term_id=filters.term)
    elif filters.year:
        gradings = gradings.filter(year=filters.year, term__isnull=True)
    return gradings


@router.post("/gradings", response={201: list[GradingOut], **WRITE_ERRORS})
def record_gradings(request, payload: GradingsIn):
    """Record a stage of a year's grading for several members or chi bộ at once (all or nothing)."""
    user = request.user
    ward = get_object_for_user(Organization, user, "org.view", pk=payload.ward)
    term = Term.objects.filter(pk=payload.term, organization=ward).first() if payload.term else None
    if payload.term and term is None:
        raise Http404("Không tìm thấy.")
    rows = []
    for row in payload.rows:
        data = row.model_dump(exclude={"member", "cell"})
        data["grade"] = data["grade"] or ""
        if row.member:
            data["member"] = get_object_for_user(PartyMember.objects.select_related("person", "organization"), user,
                                                 "members.view", pk=row.member)
        if row.cell:
            data["cell"] = get_object_for_user(Organization, user, "org.view", pk=row.cell)
        rows.append(data)
    if payload.stage == GradingStage.DECIDED:
        if payload.decided_on is None:
            raise ValidationError({"decided_on": "Hãy ghi ngày Đảng ủy quyết định."})
        saved = services.decide_gradings(ward=ward, actor=user, year=payload.year, decided_on=payload.decided_on,
                                         decisions=rows, term=term)
    else:
        saved = services.assess_all(ward=ward, actor=user, year=payload.year, stage=payload.stage, rows=rows,
                                    term=term)
    return Status(201, saved)
