"""Speed of a meeting's papers and of document numbering.

    .venv/bin/python bench/documents.py [--repeat 20] [--threads 8] [--per-thread 25]

Loads the demo into a throw-away SQLite database (or the PostgreSQL named by DATABASE_URL, whose database is used
as is: point it at a scratch database), then prints:
- for the Sài Đồng session of 28/06/2021 (seed 000), the time to build and render its minutes, resolution and
  conclusion notice as DOCX and as PDF: the first render in the process, then the median and p95 of `repeat`;
- on PostgreSQL, the throughput of numbering: `threads` clerks issuing approved drafts at once, each in its own
  connection, against one sequence (every issue locks the sequence row), beside the same drafts issued one after
  another; and a check that the numbers come out 01…N with no gap and no duplicate. SQLite writes one transaction
  at a time, so the concurrent part runs only on PostgreSQL.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

# Not this folder: bench/http.py would stand in for the standard library's http.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DANGVU_DEMO"] = "1"
os.environ.setdefault("DANGVU_VAR_DIR", tempfile.mkdtemp(prefix="dangvu-bench-"))

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402


def timed(function, repeat: int) -> tuple[float, float, float]:
    """(first, median, p95) in ms."""
    start = time.perf_counter()
    function()
    first = (time.perf_counter() - start) * 1000
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return first, statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def papers(repeat: int) -> None:
    from accounts.models import User
    from documents.render_docx import render_docx
    from documents.render_pdf import render_pdf
    from meetings.exports import EXPORTERS
    from meetings.models import Meeting

    admin = User.objects.get(username="admin")
    # Prefetched as the download endpoints have it.
    meeting = Meeting.objects.for_user(admin, "meetings.view").with_record().get(
        organization__code="saidong", kind="regular", starts_at__date="2021-06-28")
    print(f"\nSeed 000 ({meeting}): build + render, ms (first / median / p95 of {repeat})")
    for which, exporter in EXPORTERS.items():
        for fmt, render in (("docx", render_docx), ("pdf", render_pdf)):
            size = len(render(exporter.build(meeting)))
            first, median, p95 = timed(lambda e=exporter, r=render: r(e.build(meeting)), repeat)
            print(f"  {which:<11} {fmt:<5} {first:7.1f} / {median:6.1f} / {p95:6.1f}   ({size / 1024:.0f} KiB)")


def numbering(threads: int, per_thread: int) -> None:
    from accounts.models import User
    from documents import services
    from documents.models import Document, DocumentStatus
    from documents.types import DocumentType
    from org.models import Organization

    admin = User.objects.get(username="admin")
    ward = Organization.objects.get(code="cukhoi")
    day = __import__("datetime").date(2024, 5, 20)

    def drafts(count: int) -> list:
        made = []
        for n in range(count):
            draft = services.draft_document(organization=ward, doc_type=DocumentType.NOTICE, signer="Bí thư",
                                            summary=f"Thông báo thử số {n}", actor=admin)
            made.append(services.approve_document(draft, actor=admin))
        return made

    total = threads * per_thread
    sequential = drafts(total)
    start = time.perf_counter()
    for document in sequential:
        services.issue_document(document, day=day, actor=admin)
    one_by_one = total / (time.perf_counter() - start)

    concurrent = drafts(total)
    batches = [concurrent[i::threads] for i in range(threads)]
    barrier = threading.Barrier(threads)
    errors: list = []

    def issue(batch):
        try:
            barrier.wait()
            for document in batch:
                services.issue_document(document, day=day, actor=admin)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=issue, args=(batch,)) for batch in batches]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    at_once = total / (time.perf_counter() - start)
    numbers = sorted(Document.objects.filter(organization=ward, code="TB", status=DocumentStatus.ISSUED)
                     .values_list("number", flat=True))
    ok = numbers == list(range(1, 2 * total + 1)) and not errors
    print(f"\nNumbering on {connection.vendor} ({ward.name}, TB sequence of the term):")
    print(f"  one after another: {total} issued, {one_by_one:6.0f} a second")
    print(f"  {threads} at once:        {total} issued, {at_once:6.0f} a second")
    print(f"  numbers 01…{2 * total:02d}, no gap, no duplicate: {'yes' if ok else 'NO'}"
          + (f"; errors: {errors[:3]}" if errors else ""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--per-thread", type=int, default=25)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    print(f"load_demo: {time.perf_counter() - start:.1f} s on {connection.vendor}")
    papers(args.repeat)
    if connection.vendor == "postgresql":
        numbering(args.threads, args.per_thread)
    else:
        print("\nNumbering under concurrency: needs PostgreSQL (DATABASE_URL); SQLite writes one at a time.")


if __name__ == "__main__":
    main()
