from django.apps import AppConfig


class GradingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gradings"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self):
        from audit.actions import register_actions
        from gradings.actions import ACTIONS
        from gradings.dossier import GradesOfMember
        from members.dossier import register_section

        register_actions(ACTIONS)
        register_section(GradesOfMember())
