"""The system administrator's page of organisations, read-only: the accounts' pages (accounts.admin) pick them
there. Domain records are edited in the app itself, through the services, so that every change is validated and
audited the same way."""

from django.contrib import admin

from audit.admin import ReadOnlyAdminMixin
from org.models import Organization


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here (for the autocomplete of assignments); units are changed on their own pages."""

    search_fields = ["name", "code"]
    list_display = ["name", "kind", "valid_from", "valid_until"]
