"""Names in Vietnamese order (issue 11) in the lists and exports, on both databases: letter by letter in the
Vietnamese alphabet (D before Đ; "Hoàng" before "Hồ", since O comes before Ô), then the tones. The member list
shows members on the roll by default, an empty list says what is empty, and an export numbers its rows."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.search import sort_key
from members import services
from org.models import Person

D = datetime.date
TODAY = timezone.localdate()
# In Vietnamese order.
NAMES = ["Dương Văn Hai", "Đặng Văn Một", "Đỗ Văn Ba", "Hoàng Văn Bốn", "Hồ Thị Năm", "Nguyễn Văn Hung",
         "Nguyễn Văn Hùng Anh", "Nguyễn Văn Hưng", "Ông Văn Sáu"]


def test_the_sort_key_orders_by_the_vietnamese_alphabet_then_the_tones():
    assert sorted([NAMES[i] for i in (4, 8, 1, 3, 0, 7, 2, 6, 5)], key=sort_key) == NAMES
    assert sorted(["Hưng", "Hùng", "Hung"], key=sort_key) == ["Hung", "Hùng", "Hưng"]
    assert sorted(["Lê Văn", "Lên", "Lệ", "Lea"], key=sort_key) == ["Lea", "Lệ", "Lê Văn", "Lên"]
    assert sorted(["An X", "Án", "An B"], key=sort_key) == ["Án", "An B", "An X"]  # the tones after every letter
    assert sorted(["Lê Văn", "Lễ A", "Lê"], key=sort_key) == ["Lê", "Lễ A", "Lê Văn"]  # A before V, then tones
    assert sort_key("  Hồ   thị  ") == sort_key("hồ thị")


def receive(world, clerk, name, number):
    person = Person.objects.create(organization=world.cell, full_name=name, date_of_birth=D(1970, 1, number))
    return services.receive_transfer(person=person, organization=world.cell, day=TODAY, admitted_on=D(2000, 3, 2),
                                     official_on=D(2001, 3, 2), introduced_on=TODAY,
                                     counterpart="Đảng bộ phường Hà Đông", actor=clerk)


def test_the_member_list_and_its_export_are_in_vietnamese_order(client, world, clerk):
    for number, name in enumerate(reversed(NAMES), start=1):
        receive(world, clerk, name, number)
    client.force_login(clerk)
    page = client.get(reverse("member_list"))
    assert [m.person.full_name for m in page.context["page"]] == NAMES
    sheet = load_workbook(io.BytesIO(client.get(reverse("member_export")).content)).active
    rows = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=3)]
    assert rows == list(enumerate(NAMES, start=1))
    assert sheet["A1"].value.startswith("Danh sách đảng viên đang sinh hoạt — Đảng ủy phường Sài Đồng (ngày ")
    people = client.get(reverse("person_list")).context["page"]
    assert [p.full_name for p in people if p.full_name in NAMES] == NAMES


def test_the_list_shows_members_on_the_roll_by_default_and_says_what_is_empty(client, world, clerk):
    world.dung.date_of_birth = D(1995, 3, 10)
    world.dung.save()
    candidate = services.register_candidate(person=world.dung, organization=world.cell, day=TODAY, actor=clerk)
    client.force_login(clerk)
    response = client.get(reverse("member_list"))
    assert list(response.context["page"]) == []
    assert "Không có đảng viên nào đang sinh hoạt (dự bị, chính thức)." in response.content.decode()
    everyone = client.get(reverse("member_list"), {"status": "all"})
    assert [m.pk for m in everyone.context["page"]] == [candidate.pk]
    searched = client.get(reverse("member_list"), {"q": "dang thi dung", "status": ""})  # a name: any status
    assert [m.pk for m in searched.context["page"]] == [candidate.pk]
    only_roll = client.get(reverse("member_list"), {"q": "dang thi dung", "status": "on_roll"})
    assert list(only_roll.context["page"]) == []
    overdue = client.get(reverse("member_list"), {"list": "overdue", "q": "hùng"})
    assert "Không có ai trong danh sách “Bước quá hạn” khớp với “hùng”." in overdue.content.decode()
    assert [m.pk for m in client.get(reverse("member_list"), {"list": "candidates"}).context["page"]] == [
        candidate.pk]
