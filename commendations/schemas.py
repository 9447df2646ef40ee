"""The shapes the commendations' API reads and writes; the rules stay in commendations.services."""

import datetime
from uuid import UUID

from ninja import Schema
from pydantic import ConfigDict, Field

from commendations.models import AwardKind, counts_text
from core.schemas import Day, Input, LongText
from core.text import NOTE_MAX
from org.schemas import OrganizationRef


class RecipientOut(Schema):
    collective: bool
    name: str
    organization: UUID | None = Field(validation_alias="organization_id")
    person: UUID | None = Field(validation_alias="person_id")


class CommendationOut(Schema):
    version: int
    id: UUID
    ward: OrganizationRef
    awarding_body: str
    kind: AwardKind
    kind_label: str
    reason: str
    decision_no: str
    decided_on: datetime.date
    presented_on: datetime.date | None
    document: UUID | None = Field(validation_alias="document_id")
    meeting: UUID | None = Field(validation_alias="meeting_id")
    note: str
    collectives: int = Field(description="Số tập thể được khen (đếm từ danh sách).")
    individuals: int = Field(description="Số cá nhân được khen (đếm từ danh sách).")
    counts_text: str = Field(description="Ví dụ “6 tập thể, 22 cá nhân”.")
    recipients: list[RecipientOut]

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_counts_text(obj):
        return counts_text(obj.collectives, obj.individuals)

    @staticmethod
    def resolve_recipients(obj):
        return list(obj.recipients.all())


class CommendationIn(Input):
    model_config = ConfigDict(extra="forbid")

    ward: UUID = Field(description="Đảng ủy phường, xã ghi quyết định.")
    awarding_body: str = Field(min_length=1, max_length=200)
    kind: AwardKind = AwardKind.CERTIFICATE
    reason: LongText = Field(min_length=1, max_length=NOTE_MAX)
    decision_no: str = Field("", max_length=50)
    decided_on: Day
    presented_on: Day | None = None
    document: UUID | None = None
    meeting: UUID | None = None
    note: LongText = Field("", max_length=NOTE_MAX)
    organizations: list[UUID] = Field(default_factory=list, max_length=500, description="Tập thể trong cây tổ chức.")
    people: list[UUID] = Field(default_factory=list, max_length=2000, description="Cá nhân trong danh sách người.")
    named_collectives: list[str] = Field(default_factory=list, max_length=500,
                                         description="Tập thể ngoài hệ thống, theo tên.")
    named_individuals: list[str] = Field(default_factory=list, max_length=2000,
                                         description="Cá nhân ngoài hệ thống, theo tên.")
