"""Seeds 001 and 002's commendations are in the demo with exactly the posts' counts, through the page and the API."""

from django.urls import reverse

from accounts.models import User
from commendations.models import Commendation, counts_text
from tests.test_scoping_matrix import token_for


def test_seed_001_and_002_give_the_posts_counts(demo, client):
    counted = {(c.ward.code, c.reason[:20], counts_text(c.collectives, c.individuals))
               for c in Commendation.objects.with_counts().select_related("ward")}
    assert counted == {
        ("thanhkhetay", "Học tập và làm theo ", "2 tập thể, 2 cá nhân"),
        ("cauonglanh", "Đóng góp tích cực tr", "6 tập thể, 22 cá nhân"),
        ("cauonglanh", "Thành tích xuất sắc ", "9 tập thể, 16 cá nhân"),
        ("cauonglanh", "Thành tích xuất sắc ", "11 cá nhân"),
    }
    seed_001 = Commendation.objects.get(ward__code="thanhkhetay")
    assert seed_001.awarding_body == "Chủ tịch UBND quận Thanh Khê" and seed_001.meeting is not None
    client.force_login(User.objects.get(username="cauonglanh"))
    page = client.get(reverse("commendation_list")).content.decode()
    assert "6 tập thể, 22 cá nhân" in page and "9 tập thể, 16 cá nhân" in page and "11 cá nhân" in page
    listed = client.get("/api/v1/commendations", **token_for(client, "cauonglanh")).json()
    assert sorted((item["collectives"], item["individuals"]) for item in listed["items"]) == [(0, 11), (6, 22),
                                                                                             (9, 16)]
