from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Đảng viên"

    def ready(self):
        from audit.actions import register_actions
        from members.actions import ACTIONS

        register_actions(ACTIONS)
