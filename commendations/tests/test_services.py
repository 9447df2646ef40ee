"""Recording a commendation: its recipients (the tree's collectives and people, or names), the counts reports quote,
the checks that refuse the whole decision, the corrections, the audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import LogEntry
from commendations.models import AwardKind, Commendation, Recipient, counts_text
from commendations.services import record_commendation, update_commendation

D = datetime.date
REASON = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2016–2021"


def _record(world, actor, **fields):
    return record_commendation(**{"ward": world.ward, "actor": actor, "awarding_body": "Chủ tịch UBND quận Long Biên",
                                  "reason": REASON, "decided_on": D(2021, 6, 20), **fields})


def test_the_counts_are_the_recipients_counted(world, clerk):
    commendation = _record(world, clerk, organizations=[world.cell, world.ubnd], people=[world.hung],
                           named_individuals=["Bà Lê Thị Hoa, tổ dân phố số 1"])
    counted = Commendation.objects.with_counts().get(pk=commendation.pk)
    assert (counted.collectives, counted.individuals) == (2, 2)
    assert counts_text(counted.collectives, counted.individuals) == "2 tập thể, 2 cá nhân"
    assert counts_text(0, 11) == "11 cá nhân"
    assert [r.name for r in commendation.recipients.all()] == ["Chi bộ số 1", "UBND phường Sài Đồng",
                                                               "Nguyễn Văn Hùng", "Bà Lê Thị Hoa, tổ dân phố số 1"]
    entry = LogEntry.objects.get(action="commendations.commendation.created")
    assert entry.data["recipients"]["individuals"] == ["Nguyễn Văn Hùng", "Bà Lê Thị Hoa, tổ dân phố số 1"]


def test_a_bad_recipient_refuses_the_whole_decision(world, clerk):
    with pytest.raises(ValidationError) as error:
        _record(world, clerk, organizations=[world.cell, world.other_ward])
    assert "Không thuộc Đảng ủy phường Sài Đồng: Đảng ủy phường Bồ Đề" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _record(world, clerk, people=[world.stranger])
    assert "Trần Văn Bình" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _record(world, clerk, named_individuals=["Lê Văn A", "lê văn a"])
    assert "hai lần" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _record(world, clerk)
    assert "ít nhất một" in str(error.value)
    with pytest.raises(ValidationError):
        _record(world, clerk, people=[world.hung], decided_on=D(2099, 1, 1))
    with pytest.raises(ValidationError):
        _record(world, clerk, people=[world.hung], awarding_body=" ")
    assert not Commendation.objects.exists() and not Recipient.objects.exists()


def test_only_the_office_records_and_the_other_ward_cannot(world, clerk, secretary, outsider, inspector):
    for actor in (secretary, outsider, inspector):
        with pytest.raises(PermissionDenied):
            _record(world, actor, people=[world.hung])
    assert not Commendation.objects.exists()


def test_corrections_are_audited_and_a_stale_version_refused(world, clerk):
    commendation = _record(world, clerk, people=[world.hung], kind=AwardKind.MERIT)
    diff = update_commendation(commendation, actor=clerk, version=commendation.version, decision_no="125/QĐ-UBND")
    assert diff == {"decision_no": {"old": "", "new": "125/QĐ-UBND"}}
    with pytest.raises(ValidationError):
        update_commendation(commendation, actor=clerk, version=commendation.version, decision_no="126/QĐ-UBND")
    changed = update_commendation(Commendation.objects.get(pk=commendation.pk), actor=clerk, recipients={
        "people": [world.hung, world.dung], "organizations": [world.cell2]})["recipients"]
    assert changed["new"] == {"collectives": ["Chi bộ số 2"], "individuals": ["Nguyễn Văn Hùng", "Đặng Thị Dung"]}
    assert Commendation.objects.with_counts().get().individuals == 2
    assert set(LogEntry.objects.filter(object_id=str(commendation.pk)).values_list("action", flat=True)) == {
        "commendations.commendation.created", "commendations.commendation.updated",
        "commendations.recipients.changed"}
