from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commendations"
    verbose_name = "Khen thưởng"

    def ready(self):
        from audit.actions import register_actions
        from commendations.actions import ACTIONS

        register_actions(ACTIONS)
