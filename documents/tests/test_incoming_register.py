"""The register of incoming documents (issue 11): each gets the next số đến of its unit's year, is received today
unless told, has the status "Đã vào sổ đến" (not "issued"), and one already entered is refused unless the clerk says
it is another copy; the citation reader takes the central and provincial bodies and fills back what it read."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Document, DocumentStatus
from documents.symbols import parse_reference
from documents.tests.test_api import bearer

D = datetime.date
TODAY = timezone.localdate()


def receive(world, clerk, symbol, **fields):
    return services.register_incoming(organization=world.ward, symbol=symbol, summary="Về việc tổ chức",
                                      actor=clerk, **fields)


def test_each_incoming_document_takes_the_next_number_of_the_year_and_is_received_today(world, clerk):
    first = receive(world, clerk, "Công văn 12-CV/QU ngày 02/01/2025 của Quận ủy", received_on=D(2025, 1, 3))
    second = receive(world, clerk, "Công văn 13-CV/QU ngày 02/01/2025 của Quận ủy", received_on=D(2025, 1, 4))
    today = receive(world, clerk, "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022 của Ban Tổ chức Trung ương")
    assert (first.received_no, second.received_no, today.received_no) == (1, 2, 1)
    assert today.received_on == TODAY and today.status == DocumentStatus.RECEIVED
    assert today.get_status_display() == "Đã vào sổ đến"
    assert today.issuer_name == "Ban Tổ chức Trung ương"
    with pytest.raises(ValidationError) as refused:
        receive(world, clerk, "Công văn 14-CV/QU", received_on=TODAY + datetime.timedelta(days=1))
    assert "received_on" in refused.value.message_dict


def test_a_document_already_entered_is_refused_unless_it_is_another_copy(world, clerk):
    receive(world, clerk, "Công văn 339-CV/QU ngày 25/6/2021 của Quận ủy", received_on=D(2021, 6, 26))
    with pytest.raises(ValidationError, match=r"Văn bản này đã vào sổ: Công văn 339-CV/QU, số đến 1, ngày đến "
                                              r"26/06/2021") as refused:
        receive(world, clerk, "339-CV/QU ngày 25/6/2021", issuer_name="Quận ủy")
    assert "symbol" in refused.value.message_dict and Document.objects.count() == 1
    copy = receive(world, clerk, "339-CV/QU ngày 25/6/2021", issuer_name="Quận ủy", allow_duplicate=True)
    assert copy.received_no == 1 and copy.received_on == TODAY  # the first of this year
    receive(world, clerk, "Công văn 339-CV/QU ngày 20/5/2024 của Quận ủy")  # the same number, another year


@pytest.mark.parametrize(("text", "issuer"), [
    ("Công văn 45-CV/QU của Ban Thường vụ Quận ủy Long Biên", "Ban Thường vụ Quận ủy Long Biên"),
    ("Kế hoạch 10-KH/TU của Ủy ban Kiểm tra Thành ủy Hà Nội", "Ủy ban Kiểm tra Thành ủy Hà Nội"),
    ("Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng", "Văn phòng Trung ương Đảng"),
    ("Thông báo 5-TB/BTGTW của Ban Tuyên giáo Trung ương, ngày 2/3/2024", "Ban Tuyên giáo Trung ương"),
    ("Công văn số 339-CV/QU ngày 25/6/2021 của Quận ủy", "Quận ủy"),
])
def test_the_citation_reader_takes_the_bodies_of_the_committees(text, issuer):
    assert parse_reference(text).issuer_name == issuer


def test_the_form_defaults_reads_back_and_warns_of_a_duplicate(client, world, clerk):
    client.force_login(clerk)
    url = reverse("document_receive")
    form = client.get(url).context["form"]
    assert form.initial["received_on"] == TODAY and form.initial["organization"] == world.ward.pk
    read = client.post(url, {"symbol": "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022 của Ban Tổ chức Trung ương",
                             "read": "1"})
    page = read.content.decode()
    assert "Đọc được: Hướng dẫn 12-HD/BTCTW, ngày 18/01/2022, của Ban Tổ chức Trung ương." in page
    assert read.context["form"].initial["issuer_name"] == "Ban Tổ chức Trung ương"
    assert read.context["form"].initial["issued_on"] == "18/01/2022" and not Document.objects.exists()
    fields = {"organization": world.ward.pk, "symbol": "12-HD/BTCTW ngày 18/01/2022",
              "issuer_name": "Ban Tổ chức Trung ương", "summary": "Hướng dẫn một số vấn đề",
              "received_on": TODAY.strftime("%d/%m/%Y")}
    assert client.post(url, fields).status_code == 302
    again = client.post(url, fields)
    assert again.status_code == 200 and "Văn bản này đã vào sổ" in again.content.decode()
    assert client.post(url, {**fields, "allow_duplicate": "on"}).status_code == 302
    assert Document.objects.count() == 2


def test_the_api_gives_the_number_received(client, world, clerk):
    response = client.post("/api/v1/documents", {
        "organization": str(world.ward.pk), "direction": "incoming", "symbol": "Công văn 12-CV/QU của Quận ủy",
        "summary": "Về việc",
    }, content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["received_no"], body["received_on"], body["status"]) == (1, TODAY.isoformat(), "received")


def test_an_incoming_document_may_be_superseded_by_a_later_one(world, clerk):
    old = receive(world, clerk, "Hướng dẫn 01-HD/QU ngày 02/01/2024 của Quận ủy")
    new = receive(world, clerk, "Hướng dẫn 05-HD/QU ngày 03/03/2025 của Quận ủy")
    assert services.supersede_document(old, by=new, actor=clerk).status == DocumentStatus.SUPERSEDED
