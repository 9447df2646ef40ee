"""Carry each ward's unfinished tasks of a month into the next month's list (work.services.carry_over): run at the
start of a month by a timer; running it again carries nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from org.models import Organization
from work.models import Period, Task, period_label
from work.services import carry_over


class Command(BaseCommand):
    help = "Chuyển nhiệm vụ chưa hoàn thành của một tháng sang tháng sau (mặc định: tháng trước), mọi phường, xã."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; mặc định là tháng trước.")
        parser.add_argument("--ward", help="Mã đơn vị của một phường, xã; mặc định là mọi phường, xã.")

    def handle(self, *args, month=None, ward=None, **options):
        if month:
            try:
                first = datetime.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                raise CommandError(f"--month “{month}”: hãy ghi theo dạng YYYY-MM, ví dụ 2026-11.") from None
        else:
            first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        pending = Task.objects.filter(period=Period.MONTH, period_start=first).open()
        wards = Organization.objects.filter(pk__in=pending.values("ward")).order_by("path")
        if ward:
            wards = Organization.objects.filter(code=ward)
            if not wards.exists():
                raise CommandError(f"Không có đơn vị mã “{ward}”.")
        total = 0
        for number, unit in enumerate(wards, start=1):
            carried = carry_over(unit, first, actor=None)
            total += len(carried)
            self.stdout.write(f"[{number}] {unit.name}: {len(carried)} nhiệm vụ")
        self.stdout.write(self.style.SUCCESS(
            f"{period_label(Period.MONTH, first)}: đã chuyển {total} nhiệm vụ chưa hoàn thành sang tháng sau."))
