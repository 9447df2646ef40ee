from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from audit.actions import register_actions
        from org.actions import ACTIONS

        register_actions(ACTIONS)
        post_migrate.connect(_install_unit_paths, sender=self)


def _install_unit_paths(using, **kwargs):
    """The unit path triggers (org.unit_paths), again after every migrate: a migration that rebuilt a table on SQLite
    dropped its triggers."""
    from org.unit_paths import install

    install(using)
