from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commendations"
    verbose_name = "Khen thưởng"

    def ready(self):
        from audit.actions import register_actions
        from commendations.actions import ACTIONS
        from commendations.dossier import BadgesOfMember
        from members.dossier import register_section

        register_actions(ACTIONS)
        register_section(BadgesOfMember())
