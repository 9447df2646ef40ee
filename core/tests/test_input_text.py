"""Text coming in (issue 12): one rule for every text field of the forms, the API and the import. NFC; line breaks
of every spelling become a line break where the field holds lines and a space where it holds one; other control
characters are removed; a lone surrogate is refused, naming the field; free text has a documented limit."""

import importlib
import json

import pytest
from django import forms as django_forms
from django.apps import apps
from django.urls import reverse
from ninja import Schema

from conftest import PASSWORD
from core.forms import CleanTextMixin
from core.schemas import Input
from core.text import LONE_SURROGATE, NOTE_MAX, clean_input
from members.imports import import_members
from members.models import PartyMember
from members.tests.test_import import row, xlsx
from org.models import Person
from org.tests.test_api_people import bearer
from org.tests.test_web_forms import person_data

DECOMPOSED = "Nguye\u0302\u0303n"  # "Nguyễn" as a Mac or a PDF copy spells it: e, circumflex, tilde


def test_the_rule():
    assert clean_input(f"{DECOMPOSED}\x0bVăn\x01 An") == "Nguyễn Văn An"
    assert clean_input("dòng 1\r\ndòng 2\rdòng 3\x0bdòng 4\u2028dòng 5\x0cdòng 6", multiline=True) == (
        "dòng 1\ndòng 2\ndòng 3\ndòng 4\ndòng 5\ndòng 6")
    assert clean_input("a\tb\nc", multiline=True) == "a\tb\nc"
    assert clean_input("a\tb\nc") == "a b c"
    assert clean_input("x\x7f\x9by") == "xy"
    with pytest.raises(ValueError, match="một nửa cặp mã"):
        clean_input("An\ud800")


def _project_classes(base):
    """Subclasses of `base` defined in the project's apps."""
    found, stack = [], [base]
    project = {config.name for config in apps.get_app_configs() if not config.path.count("site-packages")}
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in project:
            found.append(cls)
    return found


def test_every_form_of_the_apps_applies_the_rule():
    for app in ("audit", "documents", "meetings", "members", "org"):
        importlib.import_module(f"{app}.forms")
    forms = _project_classes(django_forms.BaseForm)
    assert len(forms) > 20
    assert [f"{cls.__module__}.{cls.__name__}" for cls in forms if not issubclass(cls, CleanTextMixin)] == []


def openapi() -> dict:
    from config.api import api

    return api.get_openapi_schema()


def test_every_body_the_api_reads_applies_the_rule():
    spec = openapi()
    names, stack = set(), [op.get("requestBody", {}) for path in spec["paths"].values() for op in path.values()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
                name = node["$ref"].rsplit("/", 1)[1]
                if name not in names:
                    names.add(name)
                    stack.append(spec["components"]["schemas"][name])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    schemas = {cls.__name__: cls for cls in _project_classes(Schema)}
    read = [schemas[name] for name in names if name in schemas]
    assert len(read) > 15
    assert sorted(cls.__name__ for cls in read if not issubclass(cls, Input)) == ["TokenIn"]  # a password, as typed


def test_a_form_stores_the_clean_text(client, clerk, world):
    assert client.login(username=clerk.username, password=PASSWORD)
    response = client.post(reverse("person_create"), person_data(
        world, full_name=f"{DECOMPOSED}\x0bThị\x01 Hoa", note="dòng 1\r\ndòng 2\x0bdòng 3"))
    assert response.status_code == 302
    person = Person.objects.get(cccd="001301012345")
    assert person.full_name == "Nguyễn Thị Hoa" and person.note == "dòng 1\ndòng 2\ndòng 3"


def test_a_form_refuses_free_text_over_its_limit(client, clerk, world):
    assert client.login(username=clerk.username, password=PASSWORD)
    response = client.post(reverse("person_create"), person_data(world, note="x" * (NOTE_MAX + 1)))
    assert response.status_code == 200 and not Person.objects.filter(cccd="001301012345").exists()
    assert f"tối đa {NOTE_MAX} kí tự" in response.content.decode()


def _post_person(client, user, world, **fields):
    body = json.dumps({"organization": str(world.ward.pk), "full_name": "Lê Thị Hoa", **fields})
    return client.post("/api/v1/people", body, content_type="application/json", **bearer(client, user))


def test_the_api_stores_the_clean_text(client, clerk, world):
    response = _post_person(client, clerk, world, full_name=f"{DECOMPOSED}\u000bThị Hoa", note="a\r\nb\u0001")
    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert person.full_name == "Nguyễn Thị Hoa" and person.note == "a\nb"


def test_the_api_refuses_a_lone_surrogate_naming_the_field(client, clerk, world):
    before = Person.objects.count()
    body = f'{{"organization": "{world.ward.pk}", "full_name": "L\\ud800"}}'  # an unpaired escape, valid JSON
    response = client.post("/api/v1/people", body, content_type="application/json", **bearer(client, clerk))
    assert response.status_code == 422
    assert "full_name" in response.json()["detail"] and LONE_SURROGATE in response.json()["detail"]
    assert Person.objects.count() == before


def test_the_api_documents_and_keeps_the_limit_of_free_text(client, clerk, world):
    spec = openapi()
    assert spec["components"]["schemas"]["PersonIn"]["properties"]["note"]["maxLength"] == NOTE_MAX
    assert _post_person(client, clerk, world, note="x" * (NOTE_MAX + 1)).status_code == 422


def test_the_import_stores_the_clean_text(world, clerk):
    import_members(xlsx([row(full_name=f"{DECOMPOSED}  Văn\tTám")]), actor=clerk)
    assert PartyMember.objects.get(person__cccd="001080000001").person.full_name == "Nguyễn Văn Tám"
