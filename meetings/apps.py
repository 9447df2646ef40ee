from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = "Cuộc họp"

    def ready(self):
        from audit.actions import register_actions
        from meetings.actions import ACTIONS

        register_actions(ACTIONS)
