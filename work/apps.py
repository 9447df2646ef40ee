from django.apps import AppConfig


class WorkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "work"
    verbose_name = "Chương trình công tác"

    def ready(self):
        from audit.actions import register_actions
        from meetings.key_tasks import register_keeper
        from work.actions import ACTIONS
        from work.meeting_tasks import MeetingTasks

        register_actions(ACTIONS)
        register_keeper(MeetingTasks())
