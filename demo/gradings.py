"""The demo's quality grading, through the gradings services: Sài Đồng's members graded for 2024 (decided 20/12/2024
by the criteria of Quy định 124-QĐ/TW: grades given) and 2025 (decided 20/12/2025 with scores, Quy định 366-QĐ/TW),
one chi bộ member in each chi bộ of six or more "hoàn thành xuất sắc" (within the 20% quota), one member "không
hoàn thành nhiệm vụ" both years (flagged), and the chi bộ graded by the ward. Illustrative (ILLUSTRATIVE)."""

import datetime

from gradings.models import Grade
from gradings.services import decide_gradings
from members.models import ON_ROLL, PartyMember
from org.models import Kind, Organization

D = datetime.date


def build(actor, orgs: dict[str, Organization]) -> None:
    ward = orgs["saidong"]
    cells = list(Organization.objects.filter(path__startswith=ward.path, kind=Kind.CELL).order_by("path"))
    members = PartyMember.objects.filter(status__in=ON_ROLL, admitted_on__lt=D(2024, 1, 1))
    by_cell = {cell: list(members.filter(organization=cell).order_by("person__sort_name", "pk")) for cell in cells}
    flagged = next((members[-1] for members in by_cell.values() if len(members) >= 3), None)
    for year, day in ((2024, D(2024, 12, 20)), (2025, D(2025, 12, 20))):
        scored = year == 2025
        decisions = []
        for members in by_cell.values():
            for position, member in enumerate(members):
                if member == flagged:
                    decision = {"score": 45} if scored else {"grade": Grade.NOT_COMPLETED}
                elif position == 0 and len(members) >= 6:
                    decision = {"score": 92, "exceeded_share": 35} if scored else {"grade": Grade.EXCELLENT}
                else:
                    decision = {"score": 78 + position % 10} if scored else {"grade": Grade.GOOD}
                decisions.append({"member": member, **decision})
        if decisions:
            decide_gradings(ward=ward, actor=actor, year=year, decided_on=day, decisions=decisions)
        cell_decisions = [{"cell": cell, **({"score": 85} if scored else {"grade": Grade.GOOD})} for cell in cells]
        decide_gradings(ward=ward, actor=actor, year=year, decided_on=day, decisions=cell_decisions)
