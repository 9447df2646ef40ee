from django.apps import AppConfig


class StaffingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "staffing"
    verbose_name = "Người hoạt động không chuyên trách"

    def ready(self):
        from audit.actions import register_actions
        from staffing.actions import ACTIONS

        register_actions(ACTIONS)
