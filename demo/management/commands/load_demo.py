"""`manage.py load_demo`: the demo world and its accounts (demo mode only; `make run` calls it)."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.data import URL
from demo.members import STATUS_LABELS
from demo.services import DemoError, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn và các tài khoản trình diễn (chỉ khi DANGVU_DEMO=1). Chạy lại không nhân đôi."

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        c = result.counts
        state = "Đã nạp dữ liệu trình diễn" if result.built else "Dữ liệu trình diễn đã có sẵn"
        members = ", ".join(f"{n} {STATUS_LABELS[status]}" for status, n in result.members.items())
        self.stdout.write(self.style.SUCCESS(
            f"{state} ({seconds:.1f} giây): {c['wards']} phường, {c['cells']} chi bộ, "
            f"{c['residential_groups']} tổ dân phố, {c['organizations']} tổ chức, {c['people']} người, "
            f"{c['positions']} chức danh, {c['committee_members']} ủy viên, {c['accounts']} tài khoản; "
            f"{sum(result.members.values())} hồ sơ đảng viên ({members or 'chưa có'})."
        ))
        rows = [("Tài khoản", "Mật khẩu", "Vai trò", "Tổ chức")]
        rows += [(a.username, a.password, a.role_label, a.organization) for a in result.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            padded = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  " + "  ".join([*padded, row[3]]))
        self.stdout.write(f"Mở {URL} và đăng nhập bằng một tài khoản ở trên.")
