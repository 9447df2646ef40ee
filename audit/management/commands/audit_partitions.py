"""The audit log's monthly partitions ahead (PostgreSQL; audit.partitions): this month's and the next N months', and
those of the rows the DEFAULT partition holds, moved into them. Idempotent; runs after every `migrate` and monthly (or
daily) from a timer."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from audit.partitions import AHEAD, ensure_partitions, is_partitioned, partitions


class Command(BaseCommand):
    help = ("Tạo trước các phân vùng theo tháng của nhật ký thay đổi (PostgreSQL): tháng này và N tháng sau; "
            "chuyển các dòng đang nằm ở phân vùng mặc định vào phân vùng của tháng chúng.")

    def add_arguments(self, parser):
        parser.add_argument("--ahead", type=int, default=AHEAD, help=f"Số tháng tạo trước (mặc định {AHEAD}).")
        parser.add_argument("--since", metavar="YYYY-MM",
                            help="Tạo cả các phân vùng từ tháng này (trước khi nạp nhật ký của các tháng đã qua).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Cơ sở dữ liệu (mặc định “default”).")

    def handle(self, *args, ahead=AHEAD, since=None, database=DEFAULT_DB_ALIAS, **options):
        if ahead < 0:
            raise CommandError("--ahead phải là số tháng không âm.")
        try:
            since = datetime.date.fromisoformat(f"{since}-01") if since else None
        except ValueError:
            raise CommandError(f"--since “{since}”: hãy ghi theo dạng YYYY-MM.") from None
        connection = connections[database]
        if not is_partitioned(connection):
            self.stdout.write("Nhật ký thay đổi không chia phân vùng trên cơ sở dữ liệu này "
                              f"({connection.vendor}): không có gì để làm.")
            return
        created = ensure_partitions(ahead=ahead, since=since, using=database)
        for name in created:
            self.stdout.write(f"Đã tạo phân vùng {name}.")
        count = len([name for name in partitions(connection) if name.startswith("audit_logentry_p")])
        summary = f"Nhật ký thay đổi có {count} phân vùng theo tháng"
        self.stdout.write(self.style.SUCCESS(summary + (f" ({len(created)} mới)." if created else ", đủ cả.")))
