"""The header of a ward's or a chi bộ's document on a day (HD 36-HD/VPTW, docs/rules.md §2.5)."""

import datetime

from documents.letterhead import letterhead, party_organisation_name

D = datetime.date


def test_a_ward_document_of_2021_names_its_district_party_organisation_and_place(world):
    head = letterhead(world.ward, D(2021, 6, 28))
    assert (head.superior, head.issuer, head.place, head.superior_name) == (
        "ĐẢNG BỘ QUẬN LONG BIÊN", "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG", "Long Biên", "Quận ủy Long Biên")


def test_after_the_district_closed_the_ward_names_the_city_and_its_own_place(world):
    world.district.valid_until = D(2025, 6, 30)
    world.district.save()
    head = letterhead(world.ward, D(2026, 2, 20))
    assert (head.superior, head.place) == ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "Sài Đồng")


def test_a_chi_bo_document_names_the_ward_party_organisation(world):
    head = letterhead(world.cell, D(2021, 6, 28))
    assert (head.superior, head.issuer, head.place) == ("ĐẢNG BỘ PHƯỜNG SÀI ĐỒNG", "CHI BỘ SỐ 1", "Long Biên")


def test_a_district_named_by_number_keeps_its_name(world):
    world.district.name = "Quận ủy Quận 1"
    assert party_organisation_name(world.district) == "Đảng bộ Quận 1"
