from django.apps import AppConfig


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = "Nhắc việc"

    def ready(self):
        from audit.actions import register_actions
        from reminders.actions import ACTIONS

        register_actions(ACTIONS)
