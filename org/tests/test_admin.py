"""The administrator gives and removes roles on a user's admin page; each change is audited."""

from audit.models import LogEntry
from org.models import Assignment
from org.permissions import Role


def test_roles_given_and_removed_in_the_admin_are_audited(client, world, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/org/user/{outsider.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    existing = Assignment.objects.get(user=outsider)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({
        "username": outsider.username, "date_joined_0": "01/01/2026", "date_joined_1": "00:00:00",
        "assignments-TOTAL_FORMS": "2", "assignments-INITIAL_FORMS": "1",
        "assignments-MIN_NUM_FORMS": "0", "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-id": str(existing.pk), "assignments-0-user": str(outsider.pk),
        "assignments-0-organization": str(existing.organization_id), "assignments-0-role": existing.role,
        "assignments-0-DELETE": "on",
        "assignments-1-user": str(outsider.pk), "assignments-1-organization": str(world.ward.pk),
        "assignments-1-role": Role.INSPECTION,
    })
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert list(Assignment.objects.filter(user=outsider).values_list("organization", "role")) == [
        (world.ward.pk, Role.INSPECTION)
    ]
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {"org.assignment.created", "org.assignment.removed", "org.user.updated"} <= actions
    removed = LogEntry.objects.get(action="org.assignment.removed")
    assert removed.object_id == str(existing.pk) and removed.organization == world.other_ward


def test_the_audit_log_cannot_be_changed_in_the_admin(client, world, admin_user, clerk):
    client.force_login(admin_user)
    assert client.get("/admin/audit/logentry/add/").status_code == 403
