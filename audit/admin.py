from django.contrib import admin

from audit.models import LogEntry


class ReadOnlyAdminMixin:
    """An admin page that lists and shows, never adds, changes or deletes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log is append-only."""

    list_display = ["created", "actor_repr", "action", "object_repr", "organization"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_repr"]
