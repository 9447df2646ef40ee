"""The commendations API: a decision recorded with its recipients (all or nothing), read with its counts; another
ward's clerk neither reads nor writes it."""

from accounts.services import issue_api_token
from commendations.models import Commendation


def _auth(user):
    key, _token = issue_api_token(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_decision_through_the_api_with_its_counts(client, clerk, world, outsider):
    body = {"ward": str(world.ward.pk), "awarding_body": "UBND phường Sài Đồng", "kind": "certificate",
            "reason": "Thành tích xuất sắc trong công tác phòng chống dịch Covid-19", "decided_on": "2021-06-20",
            "organizations": [str(world.cell.pk)], "people": [str(world.hung.pk), str(world.dung.pk)],
            "named_individuals": ["Ông Vũ Văn Tú"]}
    response = client.post("/api/v1/commendations", body, content_type="application/json", **_auth(clerk))
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["collectives"], item["individuals"], item["counts_text"]) == (1, 3, "1 tập thể, 3 cá nhân")
    assert client.get(f"/api/v1/commendations/{item['id']}", **_auth(clerk)).json()["individuals"] == 3
    assert client.get("/api/v1/commendations?year=2021", **_auth(clerk)).json()["count"] == 1
    assert client.get("/api/v1/commendations?year=2020", **_auth(clerk)).json()["count"] == 0
    refused = client.post("/api/v1/commendations", {**body, "people": [str(world.stranger.pk)]},
                          content_type="application/json", **_auth(clerk))
    assert refused.status_code in (400, 404)
    assert client.get(f"/api/v1/commendations/{item['id']}", **_auth(outsider)).status_code == 404
    assert client.get("/api/v1/commendations", **_auth(outsider)).json()["count"] == 0
    other = client.post("/api/v1/commendations", body, content_type="application/json", **_auth(outsider))
    assert other.status_code in (403, 404)
    assert Commendation.objects.count() == 1
