from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Nhật ký thay đổi"

    def ready(self):
        post_migrate.connect(_ensure_partitions, sender=self)


def _ensure_partitions(using, **kwargs):
    """This month's and the next months' partitions of the log (PostgreSQL; audit.partitions), after every migrate."""
    from audit.partitions import ensure_partitions

    ensure_partitions(using=using)
