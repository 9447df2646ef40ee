"""Shared test fixtures: a small world of two wards and the personas who use them.

Thành ủy Hà Nội → Quận ủy Long Biên → Đảng ủy phường Sài Đồng (ward A, with chi bộ 1 and 2, UBND, a tổ dân phố)
                                    → Đảng ủy phường Bồ Đề (ward B, the outsider's ward)
Personas (healthchecks' alice/bob/charlie): clerk, secretary, cell_secretary, inspector, superior and outsider,
plus admin (a superuser).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from org.models import CellCategory, Kind, Organization, Person, User
from org.permissions import Role, forget_grants

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
def _no_login_throttling_by_default(settings):
    """Throttling is tested on its own; elsewhere repeated logins from the test client must not lock out."""
    settings.AXES_ENABLED = False


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo wards (load_demo), loaded once per module in a transaction rolled back when the module ends;
    each test runs in a savepoint within it. Yields what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db, settings):
    settings.DEMO_MODE = True
    return demo_output
