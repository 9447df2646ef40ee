from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self):
        from audit.actions import register_actions
        from inspections.actions import ACTIONS
        from inspections.dossier import InspectionsOfMember
        from members.dossier import register_section

        register_actions(ACTIONS)
        register_section(InspectionsOfMember())
