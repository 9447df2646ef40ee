"""`manage.py restore ARCHIVE [--force]`: an archive of `manage.py backup` back into an empty installation."""

from django.core.management.base import BaseCommand, CommandError

from backups.services import ENGINE_LABELS, BackupError, restore_backup, when


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu (của lệnh backup) vào bản cài đặt trống: cơ sở dữ liệu và các tệp tải lên. "
        "Từ chối nếu đã có dữ liệu hoặc tệp, trừ khi có --force. Hãy dừng máy chủ ứng dụng trước khi phục hồi."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp sao lưu .tar.gz.")
        parser.add_argument(
            "--force", action="store_true",
            help="Thay thế cả dữ liệu và tệp tải lên đang có bằng nội dung của bản sao lưu.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            result = restore_backup(archive, force=force, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Phục hồi xong bản sao lưu tạo lúc {when(result.created)}: cơ sở dữ liệu {ENGINE_LABELS[result.engine]}, "
            f"{result.files} tệp tải lên."
        ))
