from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self):
        from accounts.actions import ACTIONS
        from accounts.models import Assignment
        from accounts.permissions import PERMISSIONS
        from audit.actions import register_actions
        from core.scoping import register_grants

        register_actions(ACTIONS)
        register_grants(Assignment.objects.grants, PERMISSIONS)
