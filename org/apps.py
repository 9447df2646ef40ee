from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from audit.actions import register_actions
        from org.actions import ACTIONS

        register_actions(ACTIONS)
        import org.pickers  # noqa: F401 - registers the units and people pickers
        pre_migrate.connect(_before_migrate, sender=self)
        post_migrate.connect(_install_unit_paths, sender=self)


def _before_migrate(using, **kwargs):
    from org.unit_paths import before_migrate

    before_migrate(using)


def _install_unit_paths(using, **kwargs):
    """The unit path triggers (org.unit_paths), again after every migrate (on SQLite they are dropped before)."""
    from org.unit_paths import install

    install(using)
