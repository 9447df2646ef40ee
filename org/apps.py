from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from audit.actions import register_actions
        from core.scoping import register_grants
        from org.actions import ACTIONS
        from org.models import Assignment
        from org.permissions import PERMISSIONS

        register_actions(ACTIONS)
        register_grants(Assignment.objects.grants, PERMISSIONS)
