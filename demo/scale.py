"""Synthetic data at the scale of a province (issue 13's benchmark): a Thành ủy with N wards (after 2025: no district
between), each with M chi bộ, K members in every status, the chi bộ's monthly meetings, a work program of tasks and
targets with actuals, for Y years up to today. Written in bulk (one transaction per ward), not through the services:
it measures reading, and a province written record by record would take hours. Deterministic for a seed.

The rows are what the services would write (statuses with their dates, due dates, paths of the tree); a login for the
level above ("scale-province", superior_viewer on the Thành ủy) and one clerk per ward ("scale-ward-1" …) with the
demo password."""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Assignment, User
from accounts.permissions import Role
from core.search import fold, sort_key
from demo import data
from inspections.models import (
    FollowUp,
    Inspection,
    InspectionKind,
    InspectionProgram,
    InspectionStatus,
    quarter_end,
    quarter_of,
)
from meetings.models import Meeting, MeetingKind
from members.models import EventKind, MembershipEvent, PartyMember, Status
from org.models import CellCategory, Kind, Organization, Person
from work.models import Actual, Indicator, Period, Source, Target, Task, TaskStatus

ROOT_CODE = "scale"
BATCH = 5000
# Shares of the members by status (of 1,000).
STATUS_SHARES = ((Status.OFFICIAL, 850), (Status.PROBATIONARY, 80), (Status.CANDIDATE, 30), (Status.ADMITTED, 5),
                 (Status.TRANSFERRED_OUT, 15), (Status.DECEASED, 15), (Status.REMOVED, 5))
TASKS_A_MONTH = 8
INSPECTIONS_A_QUARTER = 2  # of each ward's two programs together


class ScaleError(Exception):
    pass


@dataclass
class Counts:
    wards: int = 0
    cells: int = 0
    members: int = 0
    meetings: int = 0
    tasks: int = 0
    targets: int = 0
    inspections: int = 0


class Generator:
    def __init__(self, *, wards: int, cells: int, members: int, years: int, seed: int = 2026, progress=print):
        self.n_wards, self.n_cells, self.n_members, self.years = wards, cells, members, years
        self.rng, self.progress = random.Random(seed), progress
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts = Counts()
        self.password = make_password(data.PASSWORD)

    def run(self) -> Counts:
        if Organization.objects.filter(code=ROOT_CODE).exists():
            raise ScaleError("Cơ sở dữ liệu đã có dữ liệu quy mô (mã “scale”): hãy dùng một cơ sở dữ liệu mới.")
        with transaction.atomic():
            root = Organization.objects.add_root(instance=Organization(
                name="Thành ủy (dữ liệu quy mô)", kind=Kind.CITY_COMMITTEE, code=ROOT_CODE))
            self._login("scale-province", root, Role.SUPERIOR_VIEWER)
        for number in range(1, self.n_wards + 1):
            with transaction.atomic():
                self._ward(root, number)
            if number % 10 == 0 or number == self.n_wards:
                members = f"{self.counts.members:,}".replace(",", ".")
                self.progress(f"  {number}/{self.n_wards} phường, xã; {members} đảng viên")
        return self.counts

    def extend(self, wards: int) -> Counts:
        """`wards` more wards under the province written before: a test's province that grows."""
        root = Organization.objects.get(code=ROOT_CODE)
        for number in range(root.numchild + 1, root.numchild + wards + 1):
            with transaction.atomic():
                self._ward(root, number)
        return self.counts

    def _login(self, username: str, organization: Organization, role: str) -> None:
        user = User.objects.create(username=username, password=self.password, is_demo=True)
        Assignment.objects.create(user=user, organization=organization, role=role)

    def _ward(self, root: Organization, number: int) -> None:
        ward_path = Organization._get_path(root.path, 2, number)
        ward = Organization(path=ward_path, depth=2, numchild=self.n_cells + 2, name=f"Đảng ủy phường Quy Mô {number}",
                            kind=Kind.WARD_COMMITTEE, code=f"{ROOT_CODE}-{number}")
        units = [ward]
        cells = []
        for index in range(1, self.n_cells + 1):
            cell = Organization(path=Organization._get_path(ward_path, 3, index), depth=3, numchild=0,
                                name=f"Chi bộ số {index}", kind=Kind.CELL, cell_category=CellCategory.RESIDENTIAL)
            cells.append(cell)
        bodies = [Organization(path=Organization._get_path(ward_path, 3, self.n_cells + offset), depth=3, numchild=0,
                               name=f"{label} phường Quy Mô {number}", kind=kind)
                  for offset, (label, kind) in enumerate((("UBND", Kind.PEOPLES_COMMITTEE),
                                                          ("Ủy ban MTTQ", Kind.FATHERLAND_FRONT)), start=1)]
        units += cells + bodies
        for unit in units:
            unit.search_name = fold(unit.name)
        Organization.objects.bulk_create(units)
        Organization.objects.filter(pk=root.pk).update(numchild=number)
        self._login(f"scale-ward-{number}", ward, Role.WARD_CLERK)
        chairs = self._members(ward, cells)
        self._meetings(cells, chairs)
        self._work(ward, bodies + cells[:5])
        self._inspections(ward, cells)
        self.counts.wards += 1
        self.counts.cells += len(cells)

    def _members(self, ward: Organization, cells: list[Organization]) -> dict:
        rng, people, members, events, chairs = self.rng, [], [], [], {}
        statuses = [status for status, share in STATUS_SHARES for _ in range(share)]
        for index in range(self.n_members):
            cell = cells[index % len(cells)]
            gender = "male" if rng.random() < 0.55 else "female"
            name = self._name(gender)
            person = Person(id=uuid.uuid4(), organization=cell, full_name=name, search_name=fold(name),
                            sort_name=sort_key(name), gender=gender, date_of_birth=datetime.date(
                                rng.randint(1940, 2002), rng.randint(1, 12), rng.randint(1, 28)))
            people.append(person)
            chairs.setdefault(cell.pk, person)
            status = rng.choice(statuses)
            member = PartyMember(id=uuid.uuid4(), person=person, organization=cell, status=status,
                                 status_since=self.today - datetime.timedelta(days=rng.randint(30, 3000)))
            if status in (Status.OFFICIAL, Status.PROBATIONARY):
                admitted = self.today - datetime.timedelta(days=rng.randint(30, 300) if status == Status.PROBATIONARY
                                                           else rng.randint(400, 15000))
                member.admitted_on, member.ceremony_on = admitted, admitted + datetime.timedelta(days=10)
                member.age_base_on = member.ceremony_on
                if status == Status.PROBATIONARY:
                    member.probation_ends_on = member.ceremony_on + datetime.timedelta(days=365)
                else:
                    member.official_on = member.ceremony_on + datetime.timedelta(days=365)
                if admitted.year > self.today.year - self.years:
                    events.append(MembershipEvent(member=member, organization=member.organization,
                                                  kind=EventKind.ADMISSION_DECISION, effective_date=admitted))
            if status == Status.CANDIDATE:
                member.next_due_on = self.today + datetime.timedelta(days=rng.randint(-40, 60))
                member.next_due_label = "Chi bộ xét, đề nghị kết nạp"
            members.append(member)
        Person.objects.bulk_create(people, batch_size=BATCH)
        PartyMember.objects.bulk_create(members, batch_size=BATCH)
        MembershipEvent.objects.bulk_create(events, batch_size=BATCH)
        self.counts.members += len(members)
        return chairs

    def _name(self, gender: str) -> str:
        rng = self.rng
        surnames = [surname for surname, weight in data.SURNAMES for _ in range(weight)]
        return (f"{rng.choice(surnames)} {rng.choice(data.MIDDLE_NAMES[gender])} "
                f"{rng.choice(data.GIVEN_NAMES[gender])}")

    def _months(self):
        month = self.today.replace(day=1)
        for _ in range(12 * self.years):
            yield month
            month = (month - datetime.timedelta(days=1)).replace(day=1)

    def _meetings(self, cells: list[Organization], chairs: dict) -> None:
        rows = []
        for month in self._months():
            for cell in cells:
                if month == self.today.replace(day=1) and self.rng.random() < 0.3:
                    continue  # three in ten chi bộ have not met yet this month
                day = min(month.replace(day=self.rng.randint(3, 25)), self.today)
                starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))
                rows.append(Meeting(organization=cell, kind=MeetingKind.CELL_MONTHLY, starts_at=starts,
                                    title=f"Sinh hoạt chi bộ thường kỳ tháng {month.month}/{month.year}",
                                    place="Nhà văn hóa", chair=chairs[cell.pk]))
        Meeting.objects.bulk_create(rows, batch_size=BATCH)
        self.counts.meetings += len(rows)

    def _work(self, ward: Organization, leads: list[Organization]) -> None:
        rng, tasks, targets, actuals = self.rng, [], [], []
        for month in self._months():
            for index in range(TASKS_A_MONTH):
                due = month.replace(day=rng.randint(10, 28))
                past = due < self.today
                status = (rng.choice([TaskStatus.DONE] * 6 + [TaskStatus.DONE_LATE, TaskStatus.IN_PROGRESS,
                                      TaskStatus.NOT_STARTED, TaskStatus.CANCELLED]) if past
                          else rng.choice([TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS]))
                finished = status in (TaskStatus.DONE, TaskStatus.DONE_LATE)
                tasks.append(Task(ward=ward, text=f"Nhiệm vụ trọng tâm số {index + 1} tháng {month.month}/{month.year}",
                                  lead_unit=leads[index % len(leads)], period=Period.MONTH, period_start=month,
                                  due_on=due, status=status, completed_on=min(due, self.today) if finished else None,
                                  source=Source.PROGRAM, order=index))
        for year in range(self.today.year - self.years + 1, self.today.year + 1):
            for indicator, value in ((Indicator.BUDGET_REVENUE, 12_000_000_000), (Indicator.MILITARY_CALLUP, 15),
                                     (Indicator.HEALTH_INSURANCE, 95), (Indicator.MEMBERS_ADMITTED, 8),
                                     (Indicator.MEETINGS_HELD, 480)):
                target = Target(ward=ward, year=year, indicator=indicator, target_value=value)
                targets.append(target)
                if indicator not in (Indicator.MEMBERS_ADMITTED, Indicator.MEETINGS_HELD):
                    share = rng.uniform(0.3, 1.3)
                    actuals.append(Actual(target=target, day=min(datetime.date(year, 12, 31), self.today),
                                          value=round(value * share, 2), source="Báo cáo của UBND"))
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        Target.objects.bulk_create(targets)
        Actual.objects.bulk_create(actuals)
        self.counts.tasks += len(tasks)
        self.counts.targets += len(targets)

    def _inspections(self, ward: Organization, cells: list[Organization]) -> None:
        """Each year's programs up to the current quarter: quarters past mostly concluded (a follow-up for one in
        two, most of them done), the current one planned or under way."""
        rng, items, follow_ups = self.rng, [], []
        for year in range(self.today.year - self.years + 1, self.today.year + 1):
            last = quarter_of(self.today) if year == self.today.year else 4
            for quarter in range(1, last + 1):
                first, end = datetime.date(year, 3 * quarter - 2, 1), quarter_end(year, quarter)
                for index in range(INSPECTIONS_A_QUARTER):
                    past = end < self.today
                    status = (rng.choice([InspectionStatus.CONCLUDED] * 8 + [InspectionStatus.IN_PROGRESS,
                                                                             InspectionStatus.CANCELLED]) if past
                              else rng.choice([InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS]))
                    started = first + datetime.timedelta(days=rng.randint(0, 40))
                    concluded = min(started + datetime.timedelta(days=rng.randint(10, 40)), end, self.today)
                    item = Inspection(
                        id=uuid.uuid4(), ward=ward,
                        program=(InspectionProgram.INSPECTION, InspectionProgram.COMMITTEE)[index % 2],
                        year=year, quarter=quarter, kind=rng.choice(list(InspectionKind)),
                        subject_organization=rng.choice(cells), content=f"Kiểm tra, giám sát số {index + 1}",
                        status=status,
                        started_on=started if status != InspectionStatus.PLANNED and started <= self.today else None,
                        conclusion="Thực hiện đúng quy định." if status == InspectionStatus.CONCLUDED else "",
                        concluded_on=concluded if status == InspectionStatus.CONCLUDED else None, order=index)
                    items.append(item)
                    if status == InspectionStatus.CONCLUDED and rng.random() < 0.5:
                        due = concluded + datetime.timedelta(days=30)
                        done = rng.random() < 0.7 and due <= self.today
                        follow_ups.append(FollowUp(inspection=item, text="Khắc phục thiếu sót", due_on=due,
                                                   done_on=due if done else None))
        Inspection.objects.bulk_create(items)
        FollowUp.objects.bulk_create(follow_ups)
        self.counts.inspections += len(items)
