"""The system administrator's pages: accounts and their roles. Domain records are edited in the app itself,
through the services, so that every change is validated and audited the same way."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction

from audit.admin import ReadOnlyAdminMixin
from audit.services import log_action
from org.models import Assignment, Organization, User
from org.permissions import forget_grants


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [AssignmentInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_demo", "is_superuser"]
    list_filter = ["is_active", "is_demo", "is_superuser"]
    fieldsets = [*DjangoUserAdmin.fieldsets, ("Đảng vụ", {"fields": ["person", "is_demo"]})]
    raw_id_fields = ["person"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [name for name in form.changed_data if name != "password"]
        action = "org.user.updated" if change else "org.user.created"
        log_action(action, actor=request.user, obj=obj, data={"fields": changed})

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        # Removals are logged before the save, while the rows still have their ids (same transaction).
        removed = [f.instance for f in formset.deleted_forms if f.instance.pk]
        self._log_assignments(request, "org.assignment.removed", removed)
        formset.save()
        self._log_assignments(request, "org.assignment.created", formset.new_objects)
        self._log_assignments(request, "org.assignment.updated", [a for a, _fields in formset.changed_objects])
        forget_grants(form.instance)

    @staticmethod
    def _log_assignments(request, action, assignments):
        for assignment in assignments:
            log_action(
                action, actor=request.user, obj=assignment, organization=assignment.organization,
                data={"user": assignment.user.username, "role": assignment.role},
            )


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Roles are given on the user's page, where each change is audited."""

    list_display = ["user", "role", "organization", "created"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here (for the autocomplete of assignments); units are changed on their own pages."""

    search_fields = ["name", "code"]
    list_display = ["name", "kind", "valid_from", "valid_until"]
