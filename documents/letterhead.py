"""The header of a Party document issued by an organisation on a day (HD 36-HD/VPTW, docs/rules.md §2.5): the superior
Party organisation ("ĐẢNG BỘ QUẬN LONG BIÊN"), the issuing body ("ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG") and the place name of
the place-and-date line ("Long Biên").

The superior is the nearest ancestor open on the day: a ward's document of 2021 names its Quận ủy, one of 2026
(no district level since 01/7/2025) its Thành ủy or Tỉnh ủy. The place is the district's name while the district
exists, afterwards the ward's own [S: usage of ward documents since 7/2025]."""

import datetime
from dataclasses import dataclass

from org.models import DISTRICT_KINDS, Kind, Organization

# A committee's name → its whole Party organisation's name ("Quận ủy Long Biên" → "Đảng bộ quận Long Biên").
PARTY_ORGANISATION_PREFIXES = {
    Kind.CITY_COMMITTEE: ("Thành ủy ", "Đảng bộ thành phố "),
    Kind.PROVINCE_COMMITTEE: ("Tỉnh ủy ", "Đảng bộ tỉnh "),
    Kind.DISTRICT_COMMITTEE: ("Quận ủy ", "Đảng bộ "),
    Kind.COUNTY_COMMITTEE: ("Huyện ủy ", "Đảng bộ huyện "),
    Kind.WARD_COMMITTEE: ("Đảng ủy ", "Đảng bộ "),
    Kind.COMMUNE_COMMITTEE: ("Đảng ủy ", "Đảng bộ "),
}
PLACE_PREFIXES = ("Quận ủy ", "Huyện ủy ", "Thành ủy ", "Tỉnh ủy ", "Đảng ủy phường ", "Đảng ủy xã ", "Đảng ủy ")


@dataclass(frozen=True)
class Letterhead:
    superior: str  # "ĐẢNG BỘ QUẬN LONG BIÊN"
    issuer: str  # "ĐẢNG ỦY PHƯỜNG SÀI ĐỒNG"
    place: str  # "Long Biên"
    superior_name: str = ""  # "Quận ủy Long Biên": to whom a copy goes "để báo cáo"


def party_organisation_name(organization: Organization) -> str:
    """"Quận ủy Long Biên" → "Đảng bộ quận Long Biên"; "Quận ủy Quận 1" → "Đảng bộ Quận 1"; a chi bộ keeps its
    name."""
    name = organization.name.replace("uỷ", "ủy")
    prefix, replacement = PARTY_ORGANISATION_PREFIXES.get(organization.kind, ("", ""))
    if prefix and name.startswith(prefix):
        rest = name[len(prefix):]
        if organization.kind == Kind.DISTRICT_COMMITTEE and not rest.startswith("Quận"):
            replacement = "Đảng bộ quận "
        return replacement + rest
    return name


def _place(organization: Organization) -> str:
    name = organization.name.replace("uỷ", "ủy")
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def letterhead(organization: Organization, day: datetime.date) -> Letterhead:
    ancestors = [a for a in Organization.objects.get_ancestors(organization) if a.is_open(day)]
    superior = ancestors[-1] if ancestors else None
    ward = organization if organization.is_ward else next((a for a in reversed(ancestors) if a.is_ward), None)
    district = next((a for a in reversed(ancestors) if a.kind in DISTRICT_KINDS), None)
    place = _place(district) if district is not None else _place(ward or organization)
    return Letterhead(
        superior=party_organisation_name(superior).upper() if superior is not None else "",
        issuer=organization.name.replace("uỷ", "ủy").upper(),
        place=place,
        superior_name=superior.name if superior is not None else "",
    )
