"""A long member list exported as the worker exports it (issue 15): members.export_jobs writes a list of more than
5,000 members in the background, row by row (members.exports.members_xlsx, core.xlsx in write-only mode) from the
list's query read in chunks (QuerySet.iterator).

    DATABASE_URL=postgres://… .venv/bin/python bench/member_export.py [--rows 100000,442000] [--in-memory]

Reads the database in DATABASE_URL (or the SQLite of DANGVU_VAR_DIR) as it is and writes nothing to it: point it at
a database that holds members, as the one bench/member_search.py --keep leaves (5.6 million). For each N: the list of
the smallest unit holding N members or more (its first N, ordered as the list orders them), read as a reader of every
record (the admin) and written to a temporary file. Prints the seconds, the rows a second, the file's size and how
much the process grew (peak resident memory). With --in-memory, also the same rows written as before (the whole sheet
built in memory, then saved), for the comparison."""

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from types import SimpleNamespace  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DANGVU_DEMO", "1")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from members.exports import COLUMNS, members_xlsx  # noqa: E402
from members.lists import ALL_FILTER, select_members  # noqa: E402
from members.models import PartyMember  # noqa: E402
from org.models import Organization  # noqa: E402

READER = SimpleNamespace(is_active=True, is_superuser=True, is_authenticated=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def members(rows: int):
    """The first `rows` members of the list of the smallest unit that holds as many."""
    units = sorted(Organization.objects.all(), key=lambda unit: -unit.depth)
    within = next((unit for unit in units if PartyMember.objects.under(unit).count() >= rows), None)
    return select_members(READER, today=timezone.localdate(), status=ALL_FILTER, within=within)[:rows]


def streamed(rows: int) -> tuple[float, int]:
    listed = members(rows)  # (choosing the unit counts members: not part of the export)
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        members_xlsx(listed.iterator(chunk_size=2000), title="Danh sách đảng viên", out=out)
        seconds = time.perf_counter() - start
        return seconds, out.tell()


def in_memory(rows: int) -> tuple[float, int]:
    listed = members(rows)
    start = time.perf_counter()
    book = Workbook()
    sheet = book.active
    for member in listed:
        sheet.append([value(member) for _header, value, _width in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return time.perf_counter() - start, len(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="100000", help="how many members, separated by commas (100000)")
    parser.add_argument("--in-memory", action="store_true", help="also build the sheet in memory, as before")
    args = parser.parse_args()
    counts = [int(part) for part in args.rows.split(",")]
    print(f"{'way':12} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'file MB':>8} {'peak MB':>8} {'grew MB':>8}")
    ways = [("streamed", streamed)] + ([("in memory", in_memory)] if args.in_memory else [])
    for name, way in ways:  # the streamed way first: a process's peak memory only grows
        for rows in counts:
            before = peak_mb()
            seconds, size = way(rows)
            print(f"{name:12} {rows:9,} {seconds:8.1f} {rows / seconds:8,.0f} {size / 2**20:8.1f} {peak_mb():8.0f} "
                  f"{peak_mb() - before:8.0f}", flush=True)


if __name__ == "__main__":
    main()
