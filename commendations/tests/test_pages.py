"""The commendation pages over HTTP: a decision recorded through the form (the tree's and named recipients), its
page with the counts, a correction; a bad form keeps nothing; the list's queries do not grow with its rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commendations.models import Commendation
from commendations.services import record_commendation

D = datetime.date


def test_a_clerk_records_a_decision_through_the_form_and_corrects_it(client, clerk, world):
    client.force_login(clerk)
    response = client.post(f"{reverse('commendation_create')}?ward={world.ward.pk}", {
        "awarding_body": "Chủ tịch UBND quận Long Biên", "kind": "certificate", "decided_on": "20/06/2021",
        "reason": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2016–2021",
        "organizations": [world.cell.pk.hex, world.ubnd.pk.hex], "people": [world.hung.pk.hex],
        "named_individuals": "Bà Lê Thị Hoa\n\nÔng Vũ Văn Tú\n"})
    commendation = Commendation.objects.with_counts().get()
    assert response.status_code == 302 and response["Location"] == commendation.get_absolute_url()
    assert (commendation.collectives, commendation.individuals) == (2, 3)
    page = client.get(commendation.get_absolute_url())
    assert "2 tập thể, 3 cá nhân" in page.content.decode() and "Ông Vũ Văn Tú" in page.content.decode()
    edit = client.get(reverse("commendation_edit", args=[commendation.pk]))
    assert edit.context["form"]["named_individuals"].value() == "Bà Lê Thị Hoa\nÔng Vũ Văn Tú"
    response = client.post(reverse("commendation_edit", args=[commendation.pk]), {
        "awarding_body": "Chủ tịch UBND quận Long Biên", "kind": "certificate", "decided_on": "20/06/2021",
        "decision_no": "1520/QĐ-UBND", "reason": commendation.reason, "people": [world.hung.pk.hex],
        "version": commendation.version})
    assert response.status_code == 302
    commendation = Commendation.objects.with_counts().get()
    assert (commendation.decision_no, commendation.collectives, commendation.individuals) == ("1520/QĐ-UBND", 0, 1)


def test_a_bad_form_names_the_field_and_keeps_nothing(client, clerk, world):
    client.force_login(clerk)
    response = client.post(f"{reverse('commendation_create')}?ward={world.ward.pk}", {
        "awarding_body": "UBND phường", "kind": "certificate", "decided_on": "20/06/2021", "reason": "Covid-19",
        "named_collectives": "Tổ dân phố số 1\ntổ dân phố số 1"})
    assert response.status_code == 200 and "được ghi hai lần" in response.content.decode()
    response = client.post(f"{reverse('commendation_create')}?ward={world.ward.pk}", {
        "awarding_body": "UBND phường", "kind": "certificate", "decided_on": "20/06/2021", "reason": "Covid-19"})
    assert "ít nhất một tập thể hoặc một cá nhân" in response.content.decode()
    assert not Commendation.objects.exists()


def test_who_sees_and_who_writes(client, world, clerk, secretary, superior, cell_secretary, outsider):
    commendation = record_commendation(ward=world.ward, actor=clerk, awarding_body="UBND phường", reason="Covid-19",
                                       decided_on=D(2021, 6, 20), people=[world.hung])
    for user, view, edit in ((secretary, 200, 403), (superior, 200, 403), (cell_secretary, 404, 404),
                             (outsider, 404, 404)):
        client.force_login(user)
        assert client.get(commendation.get_absolute_url()).status_code == view, user
        assert client.get(reverse("commendation_edit", args=[commendation.pk])).status_code == edit, user
        assert client.post(reverse("commendation_edit", args=[commendation.pk]),
                           {"awarding_body": "Đổi"}).status_code == edit, user
    assert Commendation.objects.get().awarding_body == "UBND phường"
    client.force_login(outsider)
    assert list(client.get(reverse("commendation_list")).context["page"]) == []


@pytest.mark.parametrize("decisions", [2, 20])
def test_the_list_costs_the_same_queries_however_many_decisions(client, clerk, world, decisions):
    for number in range(decisions):
        record_commendation(ward=world.ward, actor=clerk, awarding_body="UBND phường", reason=f"Đợt {number}",
                            decided_on=D(2021, 6, 20), people=[world.hung], named_collectives=["Tổ 1", "Tổ 2"])
    client.force_login(clerk)
    client.get(reverse("commendation_list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("commendation_list"))
    assert "1 cá nhân" in response.content.decode() and "2 tập thể" in response.content.decode()
    assert len(queries) == 8, [query["sql"][:150] for query in queries]
