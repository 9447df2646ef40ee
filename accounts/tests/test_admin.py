"""The admin is the superuser's alone; accounts, passwords and roles changed there are audited."""

from django.utils import timezone

from accounts.models import Assignment
from accounts.permissions import Role
from audit.actions import action_label
from audit.models import LogEntry
from conftest import make_user

NEW_PASSWORD = "mat-khau-moi-rat-dai-2026"


def test_roles_given_and_removed_in_the_admin_are_audited(client, world, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/change/"
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


def _user_form_data(page, user):
    """What the admin's change form would post back unchanged (groups and dates left as they are)."""
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.pop("password", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    joined = timezone.localtime(form.initial["date_joined"])
    for prefix in ("", "initial-"):  # date_joined has a default, so the page carries its initial value too
        data[f"{prefix}date_joined_0"] = joined.strftime("%d/%m/%Y")
        data[f"{prefix}date_joined_1"] = joined.strftime("%H:%M:%S")
    data.update({
        "username": user.username,
        "assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0",
        "assignments-MIN_NUM_FORMS": "0", "assignments-MAX_NUM_FORMS": "1000",
    })
    return data


def test_a_staff_user_who_is_not_a_superuser_gets_no_admin_page(client, world):
    staff = make_user("staff", world.ward, Role.WARD_CLERK, is_staff=True)
    client.force_login(staff)
    for url in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{staff.pk}/change/",
                "/admin/audit/logentry/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_a_superuser_opens_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_a_change_to_an_account_logs_old_and_new_values_of_the_changed_fields_only(client, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/change/"
    data = _user_form_data(client.get(url), outsider)
    data.update({"last_name": "Bình", "is_superuser": "on"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entry = LogEntry.objects.get(action="org.user.updated")
    assert entry.data == {"changes": {
        "last_name": {"old": "", "new": "Bình"}, "is_superuser": {"old": False, "new": True},
    }}
    assert entry.actor == admin_user and entry.object_id == str(outsider.pk)


def test_saving_an_unchanged_account_logs_nothing(client, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/change/"
    assert client.post(url, _user_form_data(client.get(url), outsider)).status_code == 302
    assert not LogEntry.objects.filter(action="org.user.updated").exists()


def test_an_account_created_in_the_admin_is_logged_with_its_password_masked(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/accounts/user/add/", {
        "username": "moi", "usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "assignments-TOTAL_FORMS": "0", "assignments-INITIAL_FORMS": "0",
        "assignments-MIN_NUM_FORMS": "0", "assignments-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    entry = LogEntry.objects.get(action="org.user.created")
    assert entry.data == {"changes": {"username": {"old": None, "new": "moi"}, "password": {"old": None, "new": "***"}}}
    assert NEW_PASSWORD not in str(entry.data)


def test_a_password_changed_in_the_admin_is_audited_without_the_password(client, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/password/"
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password(NEW_PASSWORD)
    entry = LogEntry.objects.get(action="org.user.password_changed")
    assert entry.actor == admin_user and entry.object_id == str(outsider.pk) and entry.organization is None
    assert entry.data["changes"] == {"password": {"old": "***", "new": "***"}}
    assert NEW_PASSWORD not in str(entry.data) and outsider.password not in str(entry.data)
    assert action_label(entry.action) == "Đổi mật khẩu tài khoản"


def test_a_refused_password_change_is_not_audited(client, admin_user, outsider):
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{outsider.pk}/password/"
    data = {"password1": NEW_PASSWORD, "password2": "khac-han-mat-khau", "usable_password": "true"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not LogEntry.objects.filter(action="org.user.password_changed").exists()
