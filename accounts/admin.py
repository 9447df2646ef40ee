"""The system administrator's pages: accounts and their roles. Domain records are edited in the app itself,
through the services, so that every change is validated and audited the same way."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import router, transaction
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from accounts.models import Assignment, User
from audit.admin import ReadOnlyAdminMixin
from audit.services import log_action, log_creation, snapshot
from core.scoping import forget_grants


def superusers_only(request) -> bool:
    """The admin belongs to the system administrator: staff status alone opens nothing in it."""
    user = request.user
    return user.is_active and user.is_staff and user.is_superuser


admin.site.has_permission = superusers_only


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
        if not change:
            super().save_model(request, obj, form, change)
            fields = [name for name in form.changed_data if name in _concrete_fields()]
            if obj.has_usable_password():
                fields.append("password")  # logged as "***"
            log_creation("org.user.created", actor=request.user, obj=obj, fields=fields)
            return
        before = User.objects.select_related("person").get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        changes = _user_changes(before, obj, form)
        if changes:
            log_action("org.user.updated", actor=request.user, obj=obj, data={"changes": changes})

    @method_decorator(sensitive_post_parameters())
    def user_change_password(self, request, id, form_url=""):
        """Django's page, plus an audit row in the same transaction when the password really changed."""
        with transaction.atomic(using=router.db_for_write(User)):
            user = self.get_object(request, unquote(id))
            old_hash = user.password if user is not None else None
            response = super().user_change_password(request, id, form_url)
            # Success is a new hash: an invalid form re-renders and a conflicting submission redirects unchanged.
            if user is not None and request.method == "POST":
                old = snapshot(user, ["password"])["password"]
                user.refresh_from_db(fields=["password"])
                if user.password != old_hash:
                    new = snapshot(user, ["password"])["password"]
                    log_action(
                        "org.user.password_changed", actor=request.user, obj=user,
                        data={
                            "changes": {"password": {"old": old, "new": new}},
                            "usable_password": user.has_usable_password(),
                        },
                    )
        return response

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


def _concrete_fields() -> set[str]:
    return {field.name for field in User._meta.concrete_fields}


def _user_changes(before: User, after: User, form) -> dict:
    """Old → new of the fields the admin form changed: plain fields through snapshot (secrets masked),
    groups and permissions as sorted names (they are saved after save_model, from the form)."""
    fields = [name for name in form.changed_data if name in _concrete_fields()]
    old, new = snapshot(before, fields), snapshot(after, fields)
    changes = {name: {"old": old[name], "new": new[name]} for name in fields if old[name] != new[name]}
    for name in form.changed_data:
        if name in {field.name for field in User._meta.many_to_many}:
            old_names = sorted(str(item) for item in getattr(before, name).all())
            new_names = sorted(str(item) for item in form.cleaned_data[name])
            if old_names != new_names:
                changes[name] = {"old": old_names, "new": new_names}
    return changes


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Roles are given on the user's page, where each change is audited."""

    list_display = ["user", "role", "organization", "created"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
