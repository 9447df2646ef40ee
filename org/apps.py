from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from audit.actions import register_actions
        from org.actions import ACTIONS

        register_actions(ACTIONS)
