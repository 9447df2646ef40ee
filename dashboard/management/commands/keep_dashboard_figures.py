"""Count and keep every ward's dashboard figures for today (dashboard.table.keep_every_ward): run from a timer every
hour, the first just after midnight, so that the level above's tables read kept rows (which hold MAX_AGE, an hour)
and only a ward with a change logged under it is counted at a reader's request. Idempotent; prints its progress."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboard.table import keep_every_ward


class Command(BaseCommand):
    help = ("Tính trước và lưu số liệu tổng quan của mọi phường, xã cho hôm nay, để bảng so sánh của cấp trên không "
            "phải đếm lại mọi phường, xã khi xem (chạy mỗi giờ, lần đầu ngay sau nửa đêm).")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="Số phường, xã đếm mỗi lượt (mặc định 200).")

    def handle(self, *args, batch=200, **options):
        if batch < 1:
            raise CommandError("--batch phải là số dương.")

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"Đã tính {done}/{total} phường, xã.")

        total = keep_every_ward(timezone.localdate(), batch=batch, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Đã lưu số liệu tổng quan của {total} phường, xã."))
