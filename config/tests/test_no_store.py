"""Nothing a logged-in user reads is kept in a cache (issue 12): pages, API answers and downloads say no-store."""

from django.urls import reverse

from members.tests.test_api_members import bearer


def test_pages_api_answers_and_downloads_are_not_stored(client, clerk):
    client.force_login(clerk)
    for url in (reverse("dashboard"), reverse("member_list"), reverse("member_export")):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.logout()
    headers = bearer(client, clerk)
    assert "no-store" in client.get("/api/v1/members", **headers)["Cache-Control"]
    assert "no-store" in client.get("/api/v1/members")["Cache-Control"]  # a refusal too
