"""The world tests/test_api_schema.py fuzzes the API in, and the ids the generated requests use.

`api_world` is built once per module, as conftest.py's `world` and meetings.tests.conftest's `session` are (ward A,
Sài Đồng, and ward B, Bồ Đề; a 2020–2025 Ban Chấp hành of five; candidates and a probationary member), with a
record of every other kind the API reads by id: a meeting, a draft and an incoming document, a PDF attachment, an
introducer, a background member import. Its rows stay for the module in a transaction rolled back at its end; each
test runs in a savepoint within it (as conftest.py's `demo_output`). Building it per test cost 0.2-0.3 s × 49
operations.

Schemathesis draws random UUIDs for path parameters and for the ids in queries and bodies: each of them is a 404.
`REAL_IDS` (filled by `api_world`) lets it use existing ids as well: of the right kind for the field
(`organization`, `person`, `member`, …; `id` after the path it is in), in ward A or, for a few, in ward B.
"""

import contextlib
import datetime
import json
import zoneinfo
from uuid import UUID

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client, override_settings

from accounts.permissions import Role
from accounts.services import issue_api_token
from conftest import make_org, make_user
from documents import services as documents_services
from members import services as members_services
from members.models import EventKind, MemberImport
from org.models import CellCategory, Committee, CommitteeKind, CommitteeMember, Kind, Person, Position, Term, Title

D = datetime.date
K = EventKind
SESSION_AT = datetime.datetime(2021, 6, 28, 14, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# Field or parameter name → kind of record. `id` is told by the path it is in (ID_PATHS).
FIELD_KINDS = {
    "organization": "organization", "residence": "organization", "parent": "organization", "wards": "organization",
    "assignee": "organization",
    "person": "person", "chair": "person", "secretary": "person",
    "member": "member", "committee": "committee", "documents": "document", "document": "document",
    "meeting_id": "meeting", "document_id": "document", "attachment_id": "attachment",
    "introducer_id": "introducer",
}
ID_PATHS = (  # the most specific first
    ("/members/imports/", "import"), ("/organizations/", "organization"), ("/people/", "person"),
    ("/members/", "member"),
)

# Kind → the ids of that kind in `api_world`, while its module runs.
REAL_IDS: dict[str, list[str]] = {}


def real_ids(name: str, path: str) -> list[str]:
    """The existing ids for a field `name` of the operation at `path`: those of its kind, or all if it has none."""
    kind = next((kind for prefix, kind in ID_PATHS if prefix in path), None) if name == "id" else FIELD_KINDS.get(name)
    if kind is not None:
        return REAL_IDS.get(kind, [])
    return list(dict.fromkeys(pk for ids in REAL_IDS.values() for pk in ids))


def is_uuid(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def first_real_ids(value, name: str, path: str):
    """`value` with each UUID in it replaced by the first existing id of its kind (where there is one)."""
    if isinstance(value, dict):
        return {key: first_real_ids(item, key, path) for key, item in value.items()}
    if isinstance(value, list):
        return [first_real_ids(item, name, path) for item in value]
    if is_uuid(value) and (ids := real_ids(name, path)):
        return ids[0]
    return value


@contextlib.contextmanager
def in_process_requests():
    """Requests sent straight to the WSGI handler, inside the test's transaction: Django's handler would close the
    connection at the start and the end of each (close_old_connections takes the open transaction for autocommit
    left off), which django.test.Client avoids by the same means."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _person(organization, name, born=None, **fields):
    return Person.objects.create(organization=organization, full_name=name, gender=fields.pop("gender", "male"),
                                 date_of_birth=born, **fields)


def _build(w):
    """conftest.py's `world` and `clerk`, meetings.tests.conftest's `session`, then the records only the API makes."""
    w.city = make_org(None, "Thành ủy Hà Nội", Kind.CITY_COMMITTEE, code="t-hanoi")
    w.district = make_org(w.city, "Quận ủy Long Biên", Kind.DISTRICT_COMMITTEE, code="t-longbien")
    w.ward = make_org(w.district, "Đảng ủy phường Sài Đồng", Kind.WARD_COMMITTEE, code="t-saidong")
    w.cell = make_org(w.ward, "Chi bộ số 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    w.cell2 = make_org(w.ward, "Chi bộ số 2", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    w.ubnd = make_org(w.ward, "UBND phường Sài Đồng", Kind.PEOPLES_COMMITTEE)
    w.group = make_org(w.ward, "Tổ dân phố số 1", Kind.RESIDENTIAL_GROUP)
    w.other_ward = make_org(w.district, "Đảng ủy phường Bồ Đề", Kind.WARD_COMMITTEE, code="t-bode")
    organizations = (w.ward, w.cell, w.cell2, w.ubnd, w.group, w.district, w.other_ward)
    for org in organizations:
        org.refresh_from_db()
    w.hung = _person(w.ward, "Nguyễn Văn Hùng", D(1960, 5, 1), cccd="001060000123", phone="0912345678")
    w.dung = _person(w.cell, "Đặng Thị Dung", gender="female")
    w.stranger = _person(w.other_ward, "Trần Văn Bình")
    w.clerk = make_user("clerk", w.ward, Role.WARD_CLERK)

    w.term = Term.objects.create(organization=w.ward, name="2020–2025", start_date=D(2020, 6, 20))
    w.bch = Committee.objects.create(organization=w.ward, kind=CommitteeKind.EXECUTIVE, term=w.term)
    names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    w.seats = [_person(w.ward, name, D(1970 + i, 3, 1)) for i, name in enumerate(names)]
    for seat in w.seats:
        CommitteeMember.objects.create(committee=w.bch, person=seat, start_date=D(2020, 6, 20))
    Position.objects.create(person=w.seats[0], organization=w.ward, title=Title.SECRETARY, start_date=D(2020, 6, 20))
    w.candidates = []
    for name in ("Vũ Minh Khoa", "Đỗ Thu Lan"):
        candidate = members_services.register_candidate(person=_person(w.cell, name, D(1996, 5, 5)),
                                                        organization=w.cell, day=D(2021, 2, 1), actor=w.clerk)
        members_services.record_event(candidate, kind=K.AWARENESS_COURSE, day=D(2021, 3, 15), actor=w.clerk)
        members_services.record_event(candidate, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2021, 6, 10),
                                      actor=w.clerk, votes_for=3, voters_total=3)
        w.candidates.append(candidate)
    w.probationary = members_services.register_candidate(person=_person(w.cell, "Bùi Văn Nam", D(1990, 1, 1)),
                                                         organization=w.cell, day=D(2019, 9, 2), actor=w.clerk)
    for kind, day, fields in (
        (K.AWARENESS_COURSE, D(2019, 10, 1), {}),
        (K.CELL_ADMISSION_RESOLUTION, D(2020, 3, 2), {"votes_for": 3, "voters_total": 3}),
        (K.WARD_ADMISSION_RESOLUTION, D(2020, 3, 20), {"votes_for": 13, "voters_total": 15}),
        (K.ADMISSION_DECISION, D(2020, 5, 11), {"decision_no": "120-QĐ/QU"}),
        (K.CEREMONY, D(2020, 6, 5), {}),
    ):
        members_services.record_event(w.probationary, kind=kind, day=day, actor=w.clerk, **fields)

    client = Client()
    w.token, _ = issue_api_token(user=w.clerk)

    def post(path, body):
        response = client.post(f"/api/v1{path}", json.dumps(body, default=str), content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {w.token}")
        assert response.status_code == 201, (path, response.status_code, response.content)
        return response.json()["id"]

    meeting = post("/meetings", {
        "organization": w.ward.pk, "committee": w.bch.pk, "kind": "regular", "starts_at": SESSION_AT.isoformat(),
        "ends_at": SESSION_AT.replace(hour=17).isoformat(), "place": "Phòng họp A3", "chair": w.seats[0].pk,
        "secretary": w.seats[1].pk,
        "attendance": [{"person": w.seats[4].pk, "presence": "excused", "reason": "Đi công tác"}],
        "agenda": [{"title": "Thông qua dự thảo Nghị quyết tháng 7/2021", "presenter": "Đồng chí Bí thư"}],
        "key_tasks": [{"text": "Tổ chức học tập Nghị quyết", "assignee": w.cell.pk}],
    })
    draft = documents_services.draft_document(organization=w.ward, doc_type="resolution",
                                              summary="Lãnh đạo công tác tháng 7/2021", signer="Nguyễn Văn Hùng",
                                              actor=w.clerk)
    letter = post("/documents", {"organization": w.ward.pk, "direction": "incoming",
                                 "summary": "Về việc sơ kết Đề án 15",
                                 "symbol": "Công văn số 139-CV/QU của Quận uỷ ngày 15/12/2020"})
    attachment = documents_services.attach_file(draft, file=SimpleUploadedFile("du-thao.pdf", PDF_BYTES),
                                                actor=w.clerk)
    introducer = members_services.add_introducer(w.candidates[0], introduced_on=D(2021, 5, 1), kind="union",
                                                 name="Ban Chấp hành Đoàn phường", actor=w.clerk)
    upload = MemberImport.objects.create(created_by=w.clerk, filename="danh-sach.xlsx")

    return {
        "organization": [str(org.pk) for org in organizations],
        "person": [str(pk) for pk in (w.hung.pk, w.dung.pk, w.seats[0].pk, w.seats[1].pk, w.candidates[0].person_id,
                                      w.stranger.pk)],
        "member": [str(m.pk) for m in (*w.candidates, w.probationary)],
        "committee": [str(w.bch.pk)],
        "meeting": [meeting],
        "document": [str(draft.pk), letter],
        "attachment": [str(attachment.pk)],
        "introducer": [str(introducer.pk)],
        "import": [str(upload.pk)],
    }


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world as a namespace (its clerk `clerk` with a bearer token `token`, its uploaded files under
    `media_root`), built for the module in a transaction rolled back when the module ends; fills REAL_IDS meanwhile."""

    class World:
        pass

    w = World()
    w.media_root = tmp_path_factory.mktemp("schema-files")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=w.media_root, AXES_ENABLED=False), \
            transaction.atomic():
        REAL_IDS.update(_build(w))
        try:
            yield w
        finally:
            REAL_IDS.clear()
            transaction.set_rollback(True)
