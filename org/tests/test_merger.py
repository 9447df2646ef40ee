"""Ward mergers (issue 4, the 2025 reorganisation), over the demo: Bồ Đề and Cự Khối merge into a new ward of the
Thành ủy from 01/12/2026 (after the district level ended, docs/rules.md §0.2, and after their 2025–2030 terms began)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Assignment, User
from audit.models import LogEntry
from demo.data import PASSWORD
from members.models import MembershipEvent, PartyMember
from org.merger import merge_wards, plan_merger
from org.models import CommitteeMember, Organization, Person, Position, Term

D = datetime.date
MERGER = D(2026, 12, 1)  # after the demo wards' 2025–2030 terms began
LAST_DAY = D(2026, 11, 30)


@pytest.fixture
def setup(demo):
    bode = Organization.objects.get(code="bode")
    cukhoi = Organization.objects.get(code="cukhoi")
    return {
        "admin": User.objects.get(username="admin"), "bode": bode, "cukhoi": cukhoi,
        "city": Organization.objects.get_ancestors(bode).first(),
        "district": Organization.objects.get_parent(bode),
    }


def fields(setup, **overrides):
    return {"wards": [setup["bode"], setup["cukhoi"]], "name": "Đảng ủy phường Long Biên", "code": "p-longbien",
            "parent": setup["city"], "merger_date": MERGER, "actor": setup["admin"], **overrides}


def state():
    """Everything a merger may change."""
    return (
        list(Organization.objects.values_list("pk", "path", "valid_until")),
        list(Person.objects.values_list("pk", "organization_id")),
        list(Position.objects.values_list("pk", "end_date")), Position.objects.count(),
        list(CommitteeMember.objects.values_list("pk", "end_date")), list(Term.objects.values_list("pk", "end_date")),
        Assignment.objects.count(), LogEntry.objects.count(),
    )


def under(ward):
    return Organization.objects.filter(path__startswith=ward.path).exclude(pk=ward.pk)


def test_the_dry_run_says_what_will_move_and_changes_nothing(setup):
    before = state()
    plan = plan_merger(**fields(setup))
    assert plan.problems == []
    wards = (setup["bode"], setup["cukhoi"])
    open_units = [u for w in wards for u in Organization.objects.get_children(w) if u.is_open(MERGER)]
    assert {u.pk for u in plan.units} == {u.pk for u in open_units}
    members = PartyMember.objects.filter(organization__in=[u for w in wards for u in under(w)])
    assert plan.members == members.count() > 0
    assert plan.open_dossiers == members.filter(status__in=["candidate", "admitted"]).count() > 0
    # Each old ward has its Bí thư: neither carries on; the deputies (not one-holder titles) do.
    assert {p.title for p, _why in plan.positions_ended} >= {"secretary"}
    assert all(p.title != "secretary" for p in plan.positions_carried)
    assert {a.user.username for a in plan.assignments} == {"bode", "cukhoi"}
    assert "Ủy ban nhân dân: 2 đơn vị" in plan.duplicate_bodies
    assert state() == before


def test_the_merger_moves_units_members_dossiers_and_positions_in_one_audited_operation(setup):
    plan = plan_merger(**fields(setup))
    member = PartyMember.objects.filter(organization__in=plan.units).order_by("person__cccd").first()
    events = list(member.events.values_list("pk", "kind", "effective_date"))
    audit_before = LogEntry.objects.for_object(member).count()
    unit_positions = Position.objects.filter(organization__in=plan.units).count()

    new_ward, done = merge_wards(**fields(setup))

    assert (new_ward.valid_from, new_ward.kind, Organization.objects.get_parent(new_ward)) == (
        MERGER, "ward_committee", setup["city"])
    moved = under(new_ward)
    assert {u.pk for u in Organization.objects.get_children(new_ward)} == {u.pk for u in plan.units}
    assert PartyMember.objects.filter(organization__in=moved).count() == plan.members
    assert Position.objects.filter(organization__in=moved).count() == unit_positions  # they moved with their units
    # The old wards close the day before, keep their names and what was not moved: readable as they were.
    for key in ("bode", "cukhoi"):
        old = Organization.objects.get(pk=setup[key].pk)
        assert (old.name, old.valid_until) == (setup[key].name, LAST_DAY)
        assert all(not unit.is_open(MERGER) for unit in Organization.objects.get_children(old))
        assert not CommitteeMember.objects.filter(committee__organization=old, end_date__isnull=True).exists()
        assert not Position.objects.filter(organization=old, end_date__isnull=True).exists()
    # Positions of the old wards themselves: ended, and carried on where no two wards hold the title.
    carried = Position.objects.filter(organization=new_ward)
    assert sorted(carried.values_list("person_id", "title")) == sorted(
        (p.person_id, p.title) for p in plan.positions_carried)
    assert set(carried.values_list("start_date", flat=True)) == {MERGER}
    assert not carried.filter(title="secretary").exists()
    # A member's history reads across the merger: the same events, the same audit rows and more.
    assert list(member.events.values_list("pk", "kind", "effective_date")) == events
    assert LogEntry.objects.for_object(member).count() == audit_before
    assert LogEntry.objects.filter(action="org.organization.moved", object_id=str(member.organization_id)).exists()
    # Audited: the merger on the new ward and on each old ward; each unit's move; the roles given.
    assert LogEntry.objects.filter(action="org.ward.merged").count() == 3
    assert LogEntry.objects.filter(action="org.organization.moved").count() == len(plan.units)
    summary = LogEntry.objects.get(action="org.ward.merged", object_id=str(new_ward.pk)).data
    assert (summary["members"], summary["units"]) == (plan.members, len(plan.units))
    assert done.members == plan.members


def test_after_the_merger_the_old_wards_clerks_reach_the_new_ward_and_others_do_not(setup, client):
    new_ward, _plan = merge_wards(**fields(setup))
    moved = PartyMember.objects.filter(organization__path__startswith=new_ward.path)
    for username in ("bode", "cukhoi"):
        user = User.objects.get(username=username)
        assert set(PartyMember.objects.for_user(user, "members.view")) >= set(moved)
    saidong = User.objects.get(username="saidong")
    assert not PartyMember.objects.for_user(saidong, "members.view").filter(pk__in=moved).exists()
    client.force_login(saidong)
    assert client.get(reverse("organization_detail", args=[new_ward.pk])).status_code == 404
    client.force_login(User.objects.get(username="longbien"))  # the level above: still reads the old wards
    page = client.get(reverse("organization_detail", args=[setup["bode"].pk]))
    assert page.status_code == 200 and setup["bode"].name in page.content.decode()


@pytest.mark.parametrize("case, message", [
    ("one_ward", "ít nhất hai phường"),
    ("closed_parent", "không còn hoạt động vào ngày hợp nhất"),
    ("code_taken", "đã dùng cho một tổ chức khác"),
    ("no_name", "Cần ghi tên"),
    ("not_a_ward", "không phải là Đảng ủy phường"),
    ("positions_after", "sau ngày hợp nhất: hãy sửa chức danh này trước"),
])
def test_a_merger_that_cannot_be_done_is_refused_with_the_reasons_and_nothing_changes(setup, case, message):
    overrides = {
        "one_ward": {"wards": [setup["bode"]]},
        "closed_parent": {"parent": setup["district"]},  # the Quận ủy ended on 30/06/2025
        "code_taken": {"code": "saidong"},
        "no_name": {"name": "  "},
        "not_a_ward": {"wards": [setup["bode"], Organization.objects.get(code="bode-cb01")]},
        "positions_after": {"merger_date": D(2019, 1, 1)},
    }[case]
    before = state()
    plan = plan_merger(**fields(setup, **overrides))
    assert any(message in problem for problem in plan.problems), plan.problems
    with pytest.raises(ValidationError) as refused:
        merge_wards(**fields(setup, **overrides))
    assert any(message in text for text in refused.value.messages)
    assert state() == before


def test_only_someone_who_may_change_every_ward_merges_them(setup):
    with pytest.raises(PermissionDenied):
        plan_merger(**fields(setup, actor=User.objects.get(username="bode")))  # Cự Khối is not theirs
    with pytest.raises(PermissionDenied):
        merge_wards(**fields(setup, actor=User.objects.get(username="longbien")))  # reads only
    assert not Organization.objects.filter(code="p-longbien").exists()


def test_the_page_previews_then_merges(setup, client):
    client.force_login(setup["admin"])
    data = {"wards": [setup["bode"].pk, setup["cukhoi"].pk], "name": "Đảng ủy phường Long Biên", "code": "",
            "kind": "ward_committee", "parent": setup["city"].pk, "merger_date": "01/12/2026"}
    preview = client.post(reverse("ward_merge"), {**data, "action": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200 and 'id="merger-plan"' in page and 'value="merge"' in page
    assert not Organization.objects.filter(name="Đảng ủy phường Long Biên").exists()
    done = client.post(reverse("ward_merge"), {**data, "action": "merge"})
    new_ward = Organization.objects.get(name="Đảng ủy phường Long Biên")
    assert done.status_code == 302 and done["Location"] == reverse("organization_detail", args=[new_ward.pk])


def test_the_page_shows_problems_and_is_closed_to_clerks_of_one_ward(setup, client):
    client.force_login(setup["admin"])
    response = client.post(reverse("ward_merge"), {
        "wards": [setup["bode"].pk, setup["cukhoi"].pk], "name": "X", "kind": "ward_committee",
        "parent": setup["district"].pk, "merger_date": "01/12/2026", "action": "merge",
    })
    assert "không còn hoạt động vào ngày hợp nhất" in response.content.decode()
    assert Organization.objects.get(pk=setup["bode"].pk).valid_until is None
    client.force_login(User.objects.get(username="saidong"))
    assert client.get(reverse("ward_merge")).status_code == 403


def test_the_api_dry_run_and_merger(setup, client):
    def token(username):
        answer = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD},
                             content_type="application/json")
        return {"HTTP_AUTHORIZATION": f"Bearer {answer.json()['token']}"}

    body = {"wards": [str(setup["bode"].pk), str(setup["cukhoi"].pk)], "name": "Đảng ủy phường Long Biên",
            "parent": str(setup["city"].pk), "merger_date": "2026-12-01"}
    preview = client.post("/api/v1/organizations/merge", body, content_type="application/json", **token("admin"))
    assert preview.status_code == 200 and preview.json()["dry_run"] and preview.json()["new_ward"] is None
    assert preview.json()["summary"]["members"] > 0 and preview.json()["problems"] == []
    hidden = client.post("/api/v1/organizations/merge", {**body, "dry_run": False}, content_type="application/json",
                         **token("saidong"))
    assert hidden.status_code == 404
    closed_parent = {**body, "dry_run": False, "parent": str(setup["district"].pk)}
    refused = client.post("/api/v1/organizations/merge", closed_parent, content_type="application/json",
                          **token("admin"))
    assert refused.status_code == 400 and "không còn hoạt động" in refused.json()["detail"]
    done = client.post("/api/v1/organizations/merge", {**body, "dry_run": False}, content_type="application/json",
                       **token("admin"))
    assert done.status_code == 201 and done.json()["new_ward"]["name"] == "Đảng ủy phường Long Biên"
    assert MembershipEvent.objects.exists()


def test_the_tree_offers_the_merger_to_those_who_may_change_two_wards(setup, client):
    client.force_login(setup["admin"])
    assert reverse("ward_merge") in client.get(reverse("organization_tree")).content.decode()
    client.force_login(User.objects.get(username="saidong"))
    assert reverse("ward_merge") not in client.get(reverse("organization_tree")).content.decode()
