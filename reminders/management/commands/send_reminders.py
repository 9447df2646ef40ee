"""The day's reminders: bring every inbox up to date, then e-mail each user the unread ones, once a day (run daily by
a timer; a second run the same day sends nothing)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reminders.services import collect_reminders, send_digests


class Command(BaseCommand):
    help = "Cập nhật hộp nhắc việc của mọi người dùng và gửi thư nhắc việc trong ngày (mỗi ngày một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="YYYY-MM-DD; mặc định là hôm nay.")
        parser.add_argument("--no-mail", action="store_true", help="Chỉ cập nhật hộp nhắc việc, không gửi thư.")

    def handle(self, *args, day=None, no_mail=False, **options):
        try:
            day = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            raise CommandError(f"--day “{day}”: hãy ghi theo dạng YYYY-MM-DD.") from None
        counts = collect_reminders(day)
        self.stdout.write(f"Nhắc việc: {counts['due']} việc đến hạn; {counts['new']} mới, {counts['back']} nhắc lại, "
                          f"{counts['resolved']} đã xong.")
        if not no_mail:
            sent = send_digests(day, base_url=settings.SITE_URL)
            self.stdout.write(self.style.SUCCESS(f"Đã gửi {sent} thư nhắc việc."))
