"""Changes to the commendations: a decision recorded with its recipients, its details corrected, its recipients
changed. Each is atomic and audited; a bad recipient refuses the whole decision (nothing is kept)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import log_action, snapshot
from commendations.models import AwardKind, Commendation, Recipient
from core.scoping import require_perm
from core.text import clean_input
from core.versions import require_version
from org.models import WARD_KINDS, Organization, Person

FIELDS = ("awarding_body", "kind", "reason", "decision_no", "decided_on", "presented_on", "document", "meeting",
          "note")
EDITABLE = FIELDS


def check_commendation(commendation: Commendation) -> None:
    if not commendation.awarding_body.strip():
        raise ValidationError({"awarding_body": "Hãy ghi cấp khen (ví dụ: Chủ tịch UBND quận Thanh Khê)."})
    if not commendation.reason.strip():
        raise ValidationError({"reason": "Hãy ghi thành tích, phong trào được khen."})
    if commendation.decided_on and commendation.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày quyết định không được sau hôm nay."})
    if commendation.presented_on and commendation.decided_on and commendation.presented_on < commendation.decided_on:
        raise ValidationError({"presented_on": "Ngày trao không được trước ngày quyết định."})
    if commendation.document_id and commendation.document.organization_id != commendation.ward_id:
        raise ValidationError({"document": f"Văn bản quyết định không thuộc sổ của {commendation.ward.name}."})
    if commendation.meeting_id and not commendation.ward.contains(commendation.meeting.organization):
        raise ValidationError({"meeting": f"Hội nghị không phải của {commendation.ward.name}."})


def _names(lines: Iterable[str], field: str) -> list[str]:
    names = [clean_input(line).strip() for line in lines]
    names = [name for name in names if name]
    seen = set()
    for name in names:
        if name.casefold() in seen:
            raise ValidationError({field: f"“{name}” được ghi hai lần."})
        seen.add(name.casefold())
    return names


def _recipients(ward: Organization, *, organizations: Iterable[Organization] = (), people: Iterable[Person] = (),
                named_collectives: Iterable[str] = (), named_individuals: Iterable[str] = ()) -> list[Recipient]:
    """The recipients in the decision's order (the tree's collectives, then the named ones; the same for people),
    checked: the tree's within the ward, none twice, at least one."""
    organizations, people = list(dict.fromkeys(organizations)), list(dict.fromkeys(people))
    strangers = [unit.name for unit in organizations if not ward.contains(unit)]
    strangers += [person.full_name for person in people if not ward.contains(person.organization)]
    if strangers:
        raise ValidationError({"organizations" if not people else "people":
                               f"Không thuộc {ward.name}: {', '.join(strangers)}."})
    collectives = [(unit.name, unit, None) for unit in organizations]
    collectives += [(name, None, None) for name in _names(named_collectives, "named_collectives")]
    individuals = [(person.full_name, None, person) for person in people]
    individuals += [(name, None, None) for name in _names(named_individuals, "named_individuals")]
    if not collectives and not individuals:
        raise ValidationError({"organizations": "Hãy ghi ít nhất một tập thể hoặc một cá nhân được khen."})
    for field, rows in (("named_collectives", collectives), ("named_individuals", individuals)):
        names = [name.casefold() for name, _unit, _person in rows]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValidationError({field: f"Ghi hai lần: {', '.join(twice)}."})
    return ([Recipient(collective=True, name=name, organization=unit, order=order)
             for order, (name, unit, _person) in enumerate(collectives)]
            + [Recipient(collective=False, name=name, person=person, order=order)
               for order, (name, _unit, person) in enumerate(individuals)])


def _save_recipients(commendation: Commendation, recipients: list[Recipient]) -> None:
    for recipient in recipients:
        recipient.commendation = commendation
        recipient.full_clean(exclude=["commendation"])
    Recipient.objects.bulk_create(recipients)


def _listed(recipients) -> dict:
    rows = list(recipients)
    return {"collectives": [row.name for row in rows if row.collective],
            "individuals": [row.name for row in rows if not row.collective]}


@transaction.atomic
def record_commendation(*, ward: Organization, actor, awarding_body: str, reason: str, decided_on: datetime.date,
                        kind: str = AwardKind.CERTIFICATE, decision_no: str = "",
                        presented_on: datetime.date | None = None, document=None, meeting=None, note: str = "",
                        organizations: Iterable[Organization] = (), people: Iterable[Person] = (),
                        named_collectives: Iterable[str] = (), named_individuals: Iterable[str] = ()) -> Commendation:
    """A decision to commend, with its collectives and individuals, recorded in `ward`'s books."""
    require_perm(actor, "commendations.change", ward)
    if ward.kind not in WARD_KINDS:
        raise ValidationError({"ward": "Khen thưởng được ghi ở Đảng ủy phường, xã."})
    commendation = Commendation(ward=ward, awarding_body=(awarding_body or "").strip(), kind=kind,
                                reason=(reason or "").strip(), decision_no=(decision_no or "").strip(),
                                decided_on=decided_on, presented_on=presented_on, document=document, meeting=meeting,
                                note=(note or "").strip())
    check_commendation(commendation)
    recipients = _recipients(ward, organizations=organizations, people=people, named_collectives=named_collectives,
                             named_individuals=named_individuals)
    commendation.full_clean()
    commendation.save(force_insert=True)
    _save_recipients(commendation, recipients)
    values = snapshot(commendation, FIELDS)
    log_action("commendations.commendation.created", actor=actor, obj=commendation, organization=ward, data={
        "changes": {name: {"old": None, "new": value} for name, value in values.items() if value not in (None, "")},
        "recipients": _listed(recipients)})
    return commendation


def _locked(commendation: Commendation) -> Commendation:
    return Commendation.objects.select_for_update(of=("self",)).select_related("ward").get(pk=commendation.pk)


@transaction.atomic
def update_commendation(commendation: Commendation, *, actor, version: int | None = None,
                        recipients: dict | None = None, **changes) -> dict:
    """Correct a decision's details, and its recipients when `recipients` is given (organizations, people,
    named_collectives, named_individuals: the whole new list). Returns what changed."""
    commendation = _locked(commendation)
    require_perm(actor, "commendations.change", commendation.ward)
    require_version(commendation, version)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    before = snapshot(commendation, changes)
    for name, value in changes.items():
        setattr(commendation, name, value.strip() if isinstance(value, str) else value)
    check_commendation(commendation)
    commendation.full_clean()
    after = snapshot(commendation, changes)
    diff = {name: {"old": before[name], "new": after[name]} for name in changes if before[name] != after[name]}
    listed = None
    if recipients is not None and commendation.kind == AwardKind.BADGE:
        old = _listed(commendation.recipients.all())
        if old != _listed(_recipients(commendation.ward, **recipients)):
            raise ValidationError({"people": "Danh sách nhận Huy hiệu Đảng theo đề nghị đã được quyết định: không sửa "
                                             "ở đây."})
        recipients = None
    if recipients is not None:
        rows = _recipients(commendation.ward, **recipients)
        old, new = _listed(commendation.recipients.all()), _listed(rows)
        if old != new:
            commendation.recipients.all().delete()
            _save_recipients(commendation, rows)
            listed = {"old": old, "new": new}
    if diff or listed:
        commendation.save(update_fields=[*diff, "updated"])  # its version rises: a form drawn before is stale
    if diff:
        log_action("commendations.commendation.updated", actor=actor, obj=commendation,
                   organization=commendation.ward, data={"changes": diff})
    if listed:
        log_action("commendations.recipients.changed", actor=actor, obj=commendation,
                   organization=commendation.ward, data=listed)
        diff["recipients"] = listed
    return diff
