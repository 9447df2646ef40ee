from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from audit.actions import register_actions
        from documents.actions import ACTIONS

        register_actions(ACTIONS)
