"""The lists answer htmx with their results alone, but a history restore with the whole page (issue 12: the
document list answered a fragment to the back button)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["document_list", "member_list", "meeting_list", "person_list"])
def test_a_history_restore_gets_the_whole_page(client, clerk, name):
    client.force_login(clerk)
    fragment = client.get(reverse(name), HTTP_HX_REQUEST="true").content.decode()
    whole = client.get(reverse(name), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" not in fragment and "<html" in whole.content.decode()
