"""One read model of a dossier (issue 12, members.dossier): the page and the API show the same deadlines, Party age,
introducers and conditions, because both read them from members.dossier.read_dossier."""

import datetime

from conftest import PASSWORD
from members import services
from members.models import EventKind as K
from members.tests.test_api_members import bearer

D = datetime.date


def test_the_page_and_the_api_read_the_same_dossier(client, world, clerk):
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    member = services.register_candidate(person=world.dung, organization=world.cell, day=D(2024, 9, 2), actor=clerk)
    services.record_event(member, kind=K.AWARENESS_COURSE, day=D(2024, 10, 7), actor=clerk)
    services.record_event(member, kind=K.CELL_ADMISSION_RESOLUTION, day=D(2025, 3, 3), actor=clerk,
                          votes_for=1, voters_total=1)
    api = client.get(f"/api/v1/members/{member.pk}", **bearer(client, clerk)).json()
    assert client.login(username=clerk.username, password=PASSWORD)
    page = client.get(member.get_absolute_url()).context
    assert [(row["label"], row["due"], row["working_days_left"]) for row in api["deadlines"]] == [
        (row.label, row.due.isoformat(), row.working_days_left) for row in page["deadlines"]]
    assert api["deadlines"] and api["deadlines"][0]["working_days_left"] < 0  # the decision is overdue
    assert [(c["label"], c["ok"]) for c in api["conditions"]] == [(c.label, c.ok) for c in page["conditions"]]
    assert (api["party_age_years"], api["party_age_months"]) == page["party_age"] == (0, 0)
    assert "Quá hạn" in client.get(member.get_absolute_url()).content.decode()
