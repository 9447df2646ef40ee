"""The demo's commendations, through the commendations services, with exactly the seed posts' counts. Seed 001
(Thanh Khê Tây, 01/7/2021): "trao Giấy khen của Chủ tịch UBND quận Thanh Khê cho 02 tập thể và 02 cá nhân … trong
“Học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”, giai đoạn 2016 – 2021". Seed 002 (Cầu Ông Lãnh,
07/7/2020): "UBND phường tặng Giấy khen cho 6 tập thể, 22 cá nhân …; 9 tập thể, 16 cá nhân … Covid-19; 11 cá nhân …
chữa cháy tại chỗ". The posts name neither the recipients nor the decisions' numbers: the recipients are taken from
each ward's own organisations and people, in the tree's and the list's order, and dated the day of the conference
where they were presented (ILLUSTRATIVE)."""

import datetime

from commendations.models import AwardKind
from commendations.services import record_commendation
from meetings.models import Meeting
from org.models import Kind, Organization, Person

D = datetime.date
# (ward code, conference day, awarding body, reason, collectives, individuals)
SEEDS = (
    ("thanhkhetay", D(2021, 7, 1), "Chủ tịch UBND quận Thanh Khê",
     "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2016–2021", 2, 2),
    ("cauonglanh", D(2020, 7, 7), "UBND phường Cầu Ông Lãnh",
     "Đóng góp tích cực trong thực hiện nhiệm vụ 6 tháng đầu năm 2020", 6, 22),
    ("cauonglanh", D(2020, 7, 7), "UBND phường Cầu Ông Lãnh",
     "Thành tích xuất sắc trong công tác phòng chống dịch Covid-19", 9, 16),
    ("cauonglanh", D(2020, 7, 7), "UBND phường Cầu Ông Lãnh",
     "Thành tích xuất sắc trong công tác chữa cháy tại chỗ trên địa bàn phường", 0, 11),
)
# The collectives a ward commends: its chi bộ, its mass organisations and its residential groups.
COLLECTIVE_KINDS = (Kind.CELL, Kind.WOMENS_UNION, Kind.YOUTH_UNION, Kind.VETERANS_ASSOCIATION,
                    Kind.ELDERLY_ASSOCIATION, Kind.RESIDENTIAL_GROUP)


def build(actor, orgs: dict[str, Organization]) -> None:
    for number, (code, day, body, reason, collectives, individuals) in enumerate(SEEDS):
        ward = orgs[code]
        units = list(Organization.objects.filter(path__startswith=ward.path, kind__in=COLLECTIVE_KINDS)
                     .order_by("path"))
        people = list(Person.objects.filter(organization__path__startswith=ward.path).order_by("sort_name", "pk"))
        start = 7 * number  # each decision its own people (a person may be commended twice, as in life)
        meeting = (Meeting.objects.held_between(day, day).filter(organization__path__startswith=ward.path)
                   .order_by("starts_at").first())
        record_commendation(
            ward=ward, actor=actor, awarding_body=body, kind=AwardKind.CERTIFICATE, reason=reason, decided_on=day,
            presented_on=day, meeting=meeting, organizations=units[number % 3:number % 3 + collectives],
            people=people[start:start + individuals])
