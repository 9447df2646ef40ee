"""Shared test fixtures: a small world of two wards and the personas who use them.

Thành ủy Hà Nội → Quận ủy Long Biên → Đảng ủy phường Sài Đồng (ward A, with chi bộ 1 and 2, UBND, a tổ dân phố)
                                    → Đảng ủy phường Bồ Đề (ward B, the outsider's ward)
Personas (healthchecks' alice/bob/charlie): clerk, secretary, cell_secretary, inspector, superior and outsider,
plus admin (a superuser).
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from accounts.permissions import Role
from core.scoping import forget_grants
from org.models import CellCategory, Kind, Organization, Person

PASSWORD = "mat-khau-thu-nghiem"


def make_org(parent, name, kind, **fields):
    org = Organization(name=name, kind=kind, **fields)
    if parent is None:
        return Organization.objects.add_root(instance=org)
    return Organization.objects.add_child(parent, instance=org)


def make_user(username, organization=None, role=None, **fields):
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    if organization is not None:
        user.assignments.create(organization=organization, role=role)
    forget_grants(user)
    return user


def decide_admission(member, *, cell_day, decision, actor, votes=None):
    """The steps from the chi bộ resolution to the admission decision by the rules of `decision`'s day (docs/rules.md
    §1.7): until 30/6/2025 the ward resolution and the district's decision (its number typed); from 01/7/2025 the
    ward's decision from its register (documents.services.issue_member_decision, in a 2025–2030 term opened here if
    the ward has none)."""
    from documents.services import issue_member_decision
    from members.models import EventKind as K
    from members.rules import rules_on
    from members.services import record_event
    from org.models import Term

    votes = votes or {"votes_for": 9, "voters_total": 12}
    record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=cell_day, actor=actor, **votes)
    if not rules_on(decision).ward_decides:
        record_event(member, kind=K.WARD_ADMISSION_RESOLUTION, day=cell_day + datetime.timedelta(days=10),
                     actor=actor, **votes)
        return record_event(member, kind=K.ADMISSION_DECISION, day=decision, actor=actor, decision_no="12-QĐ/QU")
    ward = member.organization.home_unit()
    if ward.term_on(decision) is None:
        Term.objects.create(organization=ward, name="2025–2030", start_date=datetime.date(2025, 7, 1))
    return issue_member_decision(member, kind=K.ADMISSION_DECISION, day=decision, signer="Nguyễn Văn Hùng",
                                 actor=actor).member_event


def bulk_members(cells, names, *, analyze=True, numbers=False):
    """One official member per name, written in bulk (as an import or the scale generator writes), in `cells` in
    turn; then ANALYZE, so that PostgreSQL plans with the statistics a real database would have. With `numbers`,
    the Nth has membership number 01-N, card number 01.N (N on 7 digits) and CCCD 0010990N (on 5)."""
    import uuid

    from django.db import connection

    from core.search import fold, sort_key
    from members.models import PartyMember, Status
    from org.models import Person

    people, members = [], []
    for index, name in enumerate(names):
        person = Person(id=uuid.uuid4(), organization=cells[index % len(cells)], full_name=name,
                        search_name=fold(name), sort_name=sort_key(name),
                        cccd=f"0010990{index:05d}" if numbers else None)
        people.append(person)
        members.append(PartyMember(person=person, organization=person.organization, status=Status.OFFICIAL,
                                   status_since=datetime.date(2020, 1, 1),
                                   membership_no=f"01-{index:07d}" if numbers else "",
                                   card_no=f"01.{index:07d}" if numbers else ""))
    Person.objects.bulk_create(people, batch_size=5000)
    PartyMember.objects.bulk_create(members, batch_size=5000)
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def copies_follow_moves(world, moved, everyone, holds) -> None:
    """A copy kept by triggers (the name words, the numbers) follows `moved` (a member or person of world.cell) to
    world.cell2, then every one of `everyone` when world.cell2 moves to the other ward: `holds(record)` after each."""
    type(moved).objects.filter(pk=moved.pk).update(organization=world.cell2)
    assert holds(moved)
    Organization.objects.move(Organization.objects.get(pk=world.cell2.pk), world.other_ward, pos="last-child")
    assert all(holds(record) for record in everyone)


@pytest.fixture
def world(db):
    """The organisations and a few people of the two wards, as a namespace."""

    class World:
        pass

    w = World()
    w.city = make_org(None, "Thành ủy Hà Nội", Kind.CITY_COMMITTEE, code="t-hanoi")
    w.district = make_org(w.city, "Quận ủy Long Biên", Kind.DISTRICT_COMMITTEE, code="t-longbien")
    w.ward = make_org(w.district, "Đảng ủy phường Sài Đồng", Kind.WARD_COMMITTEE, code="t-saidong")
    w.cell = make_org(w.ward, "Chi bộ số 1", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    w.cell2 = make_org(w.ward, "Chi bộ số 2", Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
    w.ubnd = make_org(w.ward, "UBND phường Sài Đồng", Kind.PEOPLES_COMMITTEE)
    w.group = make_org(w.ward, "Tổ dân phố số 1", Kind.RESIDENTIAL_GROUP)
    w.other_ward = make_org(w.district, "Đảng ủy phường Bồ Đề", Kind.WARD_COMMITTEE, code="t-bode")
    w.other_group = make_org(w.other_ward, "Tổ dân phố số 1 Bồ Đề", Kind.RESIDENTIAL_GROUP)
    for org in (w.city, w.district, w.ward, w.cell, w.cell2, w.ubnd, w.group, w.other_ward):
        org.refresh_from_db()
    w.hung = Person.objects.create(
        organization=w.ward, full_name="Nguyễn Văn Hùng", search_name="nguyen van hung", gender="male",
        date_of_birth=datetime.date(1960, 5, 1), cccd="001060000123", phone="0912345678",
    )
    w.dung = Person.objects.create(
        organization=w.cell, full_name="Đặng Thị Dung", search_name="dang thi dung", gender="female",
    )
    w.stranger = Person.objects.create(
        organization=w.other_ward, full_name="Trần Văn Bình", search_name="tran van binh", gender="male",
    )
    return w


@pytest.fixture
def clerk(world):
    return make_user("clerk", world.ward, Role.WARD_CLERK)


@pytest.fixture
def secretary(world):
    return make_user("secretary", world.ward, Role.WARD_SECRETARY)


@pytest.fixture
def cell_secretary(world):
    return make_user("cellsec", world.cell, Role.CELL_SECRETARY)


@pytest.fixture
def inspector(world):
    return make_user("inspector", world.ward, Role.INSPECTION)


@pytest.fixture
def superior(world):
    return make_user("superior", world.district, Role.SUPERIOR_VIEWER)


@pytest.fixture
def outsider(world):
    """The clerk of the other ward."""
    return make_user("outsider", world.other_ward, Role.WARD_CLERK)


@pytest.fixture
def admin_user(world):
    return make_user("admin", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_directory(settings, tmp_path):
    """Uploaded files land in the test's own directory, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the API's rate counts of one test never reach the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_login_throttling_by_default(settings):
    """Throttling is tested on its own; elsewhere repeated logins from the test client must not lock out."""
    settings.AXES_ENABLED = False


def _stored_models():
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """load_demo, run once per test process in a transaction that is rolled back: what it printed, and the rows it
    wrote, per model. (Running it for every module cost 12 s on SQLite and 20-40 s on PostgreSQL each time.)"""
    with django_db_blocker.unblock(), transaction.atomic():
        models = _stored_models()
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
        out = io.StringIO()
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=out)
        written = {}
        for model in models:
            rows = [row for row in model._base_manager.order_by("pk") if row.pk not in before[model]]
            if rows:
                written[model] = rows
        transaction.set_rollback(True)
    return out.getvalue(), written


@pytest.fixture(scope="module")
def demo_output(demo_snapshot, django_db_blocker):
    """The demo wards, as load_demo wrote them, put back for the module in a transaction rolled back when the
    module ends; each test runs in a savepoint within it. Yields what load_demo printed.

    The rows go back as loaddata writes them (raw: no auto_now, no signals), with their ids; foreign keys are
    checked at commit on both databases, so the order of the tables does not matter."""
    printed, written = demo_snapshot
    with django_db_blocker.unblock(), transaction.atomic():
        connection = transaction.get_connection()
        for model, rows in written.items():
            fields = model._meta.local_concrete_fields
            size = max(connection.ops.bulk_batch_size(fields, rows), 1)
            for start in range(0, len(rows), size):
                model._base_manager._insert(rows[start:start + size], fields=fields, raw=True)
        yield printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db, settings):
    settings.DEMO_MODE = True
    return demo_output
