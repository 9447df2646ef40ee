"""Signature blocks (HD 36-HD/VPTW; issue 11): T/M for a collective body (a deputy still signs T/M with their own
title), K/T for a deputy of an advisory body's head, T/L for the office by order of the standing committee; the
notice of a ward committee's conclusions can be signed T/L by the head of the office."""

import datetime

import pytest
from django.http import Http404

from documents.layout import signature_lines
from documents.signatures import SignatureForm, signature_block
from meetings.exports import build_conclusion, papers_of
from meetings.tests.test_decisions import enter_session
from org.models import Person, Position, Title

D = datetime.date


def test_the_three_forms_of_the_block():
    assert signature_lines(signature_block(SignatureForm.ON_BEHALF, body="BAN THƯỜNG VỤ", signer_title="Phó Bí thư",
                                           name="Trần Văn Bảo")) == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Văn Bảo"]
    assert signature_lines(signature_block(SignatureForm.DEPUTY, head="CHÁNH VĂN PHÒNG",
                                           signer_title="PHÓ CHÁNH VĂN PHÒNG", name="Lê Thị Cúc")) == [
        "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Thị Cúc"]
    assert signature_lines(signature_block(SignatureForm.BY_ORDER, body="BAN THƯỜNG VỤ",
                                           signer_title="Chánh Văn phòng", name="Phạm Văn Duy")) == [
        "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Phạm Văn Duy"]
    with pytest.raises(ValueError):
        signature_block("tm.", body="X", signer_title="Y", name="Z")  # the state's form is not a Party one


def test_the_office_signs_the_notice_of_conclusions_by_order(client, session, world, clerk):
    meeting = enter_session(session, world, clerk, conclusion="Tập trung thực hiện nhiệm vụ trọng tâm.")
    assert "conclusion_office" not in papers_of(meeting)  # no office head recorded that day
    with pytest.raises(Http404):
        build_conclusion(meeting, by_order=True)
    chief = Person.objects.create(organization=world.ward, full_name="Phạm Văn Duy")
    Position.objects.create(person=chief, organization=world.ward, title=Title.OFFICE_CHIEF, start_date=D(2020, 1, 1))
    assert "conclusion_office" in papers_of(meeting)
    notice = build_conclusion(meeting, by_order=True)
    assert signature_lines(notice.signatures[0]) == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Phạm Văn Duy"]
    assert signature_lines(build_conclusion(meeting).signatures[0])[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    client.force_login(clerk)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Thông báo kết luận (Chánh Văn phòng ký thừa lệnh)" in page
    response = client.get(f"/meetings/{meeting.pk}/conclusion-office/", {"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
