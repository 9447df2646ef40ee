"""`manage.py backup [PATH]`: the database and the uploaded files in one archive (backups.services)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import ENGINE_LABELS, BackupError, create_backup, default_archive_path


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp tải lên (MEDIA_ROOT) vào một tệp .tar.gz kèm bảng kê sha256. "
        "Mặc định ghi vào var/backups/dangvu-<ngày giờ>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Tệp sao lưu sẽ ghi (không ghi đè tệp đã có).")

    def handle(self, *args, path=None, **options):
        target = Path(path) if path else default_archive_path()
        try:
            result = create_backup(target, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Sao lưu xong: {result.path} — cơ sở dữ liệu {ENGINE_LABELS[result.engine]}, {result.files} tệp tải lên."
        ))
