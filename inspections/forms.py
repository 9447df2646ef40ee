"""The forms of the inspection programs: an item planned or corrected, its conclusion, a follow-up and its result."""

from django import forms
from django.utils import timezone

from core.forms import Form, date_field
from core.text import NOTE_MAX
from core.versions import version_field
from inspections.models import QUARTERS, Inspection, InspectionKind, InspectionMode, InspectionProgram, quarter_label
from members.models import ON_ROLL, PartyMember
from org.models import PARTY_KINDS, Organization, Person

QUARTER_CHOICES = [(quarter, quarter_label(quarter)) for quarter in QUARTERS]


def subjects_of(ward: Organization) -> tuple[list[Organization], list[PartyMember], list[Person]]:
    """What a ward's item may name: its Party organisations (the Đảng bộ and its chi bộ), its members on the roll,
    and the people of the ward itself (its leaders and officers) for the team."""
    organizations = list(Organization.objects.filter(path__startswith=ward.path, kind__in=PARTY_KINDS)
                         .order_by("path"))
    members = list(PartyMember.objects.under(ward).filter(status__in=ON_ROLL)
                   .select_related("person", "organization").order_by("person__sort_name", "pk"))
    people = list(Person.objects.filter(organization=ward).order_by("sort_name", "pk"))
    return organizations, members, people


class _ItemFields(Form):
    quarter = forms.TypedChoiceField(label="Quý", choices=QUARTER_CHOICES, coerce=int)
    kind = forms.ChoiceField(label="Hình thức", choices=InspectionKind.choices)
    mode = forms.ChoiceField(label="Loại", choices=InspectionMode.choices)
    subject_organization = forms.ChoiceField(label="Tổ chức đảng được kiểm tra, giám sát", required=False)
    subject_member = forms.ChoiceField(label="Hoặc đảng viên được kiểm tra, giám sát", required=False)
    content = forms.CharField(label="Nội dung", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    period_covered = forms.CharField(label="Thời kỳ kiểm tra, giám sát", max_length=200, required=False,
                                     help_text="Ví dụ: từ năm 2020 đến 6 tháng đầu năm 2021.")
    team_lead = forms.ChoiceField(label="Trưởng đoàn", required=False)
    team = forms.MultipleChoiceField(label="Thành viên đoàn", required=False,
                                     widget=forms.SelectMultiple(attrs={"size": 6}))
    started_on = date_field("Ngày bắt đầu")
    ended_on = date_field("Ngày kết thúc")

    def __init__(self, *args, ward: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        organizations, members, people = subjects_of(ward)
        self.organizations = {unit.pk.hex: unit for unit in organizations}
        self.members = {member.pk.hex: member for member in members}
        self.people = {person.pk.hex: person for person in people}
        self.fields["subject_organization"].choices = [("", "—"), *((key, unit.name)
                                                                     for key, unit in self.organizations.items())]
        self.fields["subject_member"].choices = [("", "—"), *(
            (key, f"{member.person.full_name} ({member.organization.name})") for key, member in self.members.items())]
        self.fields["team_lead"].choices = [("", "—"), *((key, p.full_name) for key, p in self.people.items())]
        self.fields["team"].choices = [(key, person.full_name) for key, person in self.people.items()]

    def clean_subject_organization(self):
        key = self.cleaned_data["subject_organization"]
        return self.organizations[key] if key else None

    def clean_subject_member(self):
        key = self.cleaned_data["subject_member"]
        return self.members[key] if key else None

    def clean_team_lead(self):
        key = self.cleaned_data["team_lead"]
        return self.people[key] if key else None

    def clean_team(self):
        return [self.people[key] for key in self.cleaned_data["team"]]


class InspectionForm(_ItemFields):
    program = forms.ChoiceField(label="Chương trình của")
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    field_order = ["program", "year", "quarter", "kind", "mode", "subject_organization", "subject_member", "content",
                   "period_covered", "team_lead", "team", "started_on", "ended_on"]

    def __init__(self, *args, programs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [(value, label) for value, label in InspectionProgram.choices
                                          if value in programs]
        self.fields["year"].initial = timezone.localdate().year
        self.fields["quarter"].initial = (timezone.localdate().month - 1) // 3 + 1


class InspectionEditForm(_ItemFields):
    version = version_field()

    def __init__(self, *args, inspection: Inspection, **kwargs):
        initial = {name: getattr(inspection, name) for name in ("quarter", "kind", "mode", "content",
                                                                "period_covered", "started_on", "ended_on")}
        initial |= {
            "subject_organization": inspection.subject_organization_id.hex if inspection.subject_organization_id
            else "",
            "subject_member": inspection.subject_member_id.hex if inspection.subject_member_id else "",
            "team_lead": inspection.team_lead_id.hex if inspection.team_lead_id else "",
            "team": [person.pk.hex for person in inspection.team.all()], "version": inspection.version,
        }
        super().__init__(*args, initial=initial, ward=inspection.ward, **kwargs)


class ConclusionForm(Form):
    concluded_on = date_field("Ngày kết luận", required=True)
    conclusion = forms.CharField(label="Kết luận", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    follow_up = forms.CharField(label="Yêu cầu khắc phục (nếu có)", max_length=NOTE_MAX, required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_due_on = date_field("Thời hạn khắc phục")
    version = version_field()

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, initial={"concluded_on": timezone.localdate(), "version": inspection.version},
                         **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("follow_up") and not data.get("follow_up_due_on"):
            self.add_error("follow_up_due_on", "Hãy ghi thời hạn khắc phục.")
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        text, due_on = data.pop("follow_up"), data.pop("follow_up_due_on")
        return {**data, "follow_ups": [(text, due_on)] if text else []}


class FollowUpForm(Form):
    text = forms.CharField(label="Yêu cầu khắc phục", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    due_on = date_field("Thời hạn", required=True)


class FollowUpDoneForm(Form):
    done_on = date_field("Ngày hoàn thành", required=True)
    result = forms.CharField(label="Kết quả khắc phục", max_length=NOTE_MAX, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, initial={"done_on": timezone.localdate()}, **kwargs)
