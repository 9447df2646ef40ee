"""Member-list import speed (issue 4, docs/import.md): N generated rows in one .xlsx, checked and written all or none.

    .venv/bin/python bench/member_import.py [--rows 10000]

Without DATABASE_URL: a throw-away SQLite file under a fresh temporary DANGVU_VAR_DIR. With DATABASE_URL
(PostgreSQL): that database is migrated and used as is; point it at a scratch database (scripts/with-postgres.sh
starts one and throws it away). Creates a ward with two chi bộ and its clerk, builds the workbook in memory (half the
members official since 2015, half probationary since 30 days ago), then times members.imports.import_members and
prints the seconds, the rows per second and what was written. The tests check what an import writes
(members/tests/test_import.py); only this bench reports how long it takes.
"""

import argparse
import datetime
import io
import os
import sys
import tempfile
import time
from pathlib import Path

# Not this folder: bench/http.py would stand in for the standard library's http.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"  # a generated secret key; nothing else of the demo is used
os.environ.setdefault("DANGVU_VAR_DIR", tempfile.mkdtemp(prefix="dangvu-bench-"))
os.environ["AXES_ENABLED"] = "0"

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.permissions import Role  # noqa: E402
from core.scoping import forget_grants  # noqa: E402
from members.imports import COLUMNS, import_members  # noqa: E402
from members.models import MembershipEvent, PartyMember  # noqa: E402
from org.models import CellCategory, Kind, Organization  # noqa: E402

D = datetime.date


def world():
    """A city → district → ward with Chi bộ số 1 and 2 (named as the rows name them), and the ward's clerk."""
    suffix = timezone.now().strftime("%H%M%S%f")
    city = Organization.objects.add_root(instance=Organization(name="Thành ủy Bench", kind=Kind.CITY_COMMITTEE,
                                                               code=f"b-city-{suffix}"))
    district = Organization.objects.add_child(city, instance=Organization(name="Quận ủy Bench",
                                                                         kind=Kind.DISTRICT_COMMITTEE))
    district.refresh_from_db()
    ward = Organization.objects.add_child(district, instance=Organization(name="Đảng ủy phường Bench",
                                                                         kind=Kind.WARD_COMMITTEE))
    ward.refresh_from_db()
    for name in ("Chi bộ số 1", "Chi bộ số 2"):
        Organization.objects.add_child(ward, instance=Organization(name=name, kind=Kind.CELL,
                                                                  cell_category=CellCategory.RESIDENTIAL))
        ward.refresh_from_db()
    clerk = User.objects.create_user(username=f"bench-clerk-{suffix}", password="x")
    clerk.assignments.create(organization=ward, role=Role.WARD_CLERK)
    forget_grants(clerk)
    return clerk


def workbook(rows: int) -> SimpleUploadedFile:
    official, probation = D(2015, 6, 1), timezone.localdate() - datetime.timedelta(days=30)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đảng viên")
    sheet.append([column.title for column in COLUMNS])
    for n in range(rows):
        year = 1960 + n % 35  # adults when admitted in 2015
        start = official if n % 2 else probation
        values = {
            "full_name": f"Đảng Viên Số {n}", "date_of_birth": D(year, 1 + n % 12, 1 + n % 28),
            "gender": "Nữ" if n % 3 else "Nam", "cccd": f"001{1 if n % 3 else 0}{year % 100:02d}{n:06d}",
            "cell": "Chi bộ số 1" if n % 2 else "Chi bộ số 2", "membership_no": f"LL{n:06d}",
            "card_no": f"{n:08d}", "admitted_on": start, "ceremony_on": start,
            "official_on": D(2016, 6, 1) if n % 2 else None,
        }
        sheet.append([values.get(column.key) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("danh-sach.xlsx", out.getvalue())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    clerk = world()
    upload = workbook(args.rows)
    members_before, events_before = PartyMember.objects.count(), MembershipEvent.objects.count()
    started = time.perf_counter()
    result = import_members(upload, actor=clerk)
    elapsed = time.perf_counter() - started
    print(f"{connection.vendor}: {result.imported} rows imported in {elapsed:.1f} s "
          f"({result.imported / elapsed:.0f} rows/s); {PartyMember.objects.count() - members_before} dossiers, "
          f"{MembershipEvent.objects.count() - events_before} events written")


if __name__ == "__main__":
    main()
