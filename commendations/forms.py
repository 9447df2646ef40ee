"""The form of a commendation: the decision's details and its recipients (the ward's organisations and people, and
names written one a line for those outside the system)."""

from django import forms

from commendations.models import AwardKind, Commendation
from core.forms import Form, date_field
from core.text import NOTE_MAX
from core.versions import version_field
from org.models import Organization, Person

RECIPIENTS = ("organizations", "people", "named_collectives", "named_individuals")


class CommendationForm(Form):
    awarding_body = forms.CharField(label="Cấp khen", max_length=200,
                                    help_text="Ví dụ: Chủ tịch UBND quận Thanh Khê; UBND phường; Đảng ủy phường.")
    kind = forms.ChoiceField(label="Hình thức", choices=AwardKind.choices, initial=AwardKind.CERTIFICATE)
    reason = forms.CharField(label="Thành tích, phong trào", max_length=NOTE_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}))
    decision_no = forms.CharField(label="Số quyết định", max_length=50, required=False)
    decided_on = date_field("Ngày quyết định", required=True)
    presented_on = date_field("Ngày trao")
    organizations = forms.MultipleChoiceField(label="Tập thể trong phường", required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 8}))
    named_collectives = forms.CharField(label="Tập thể khác (mỗi dòng một tập thể)", max_length=NOTE_MAX,
                                        required=False, widget=forms.Textarea(attrs={"rows": 3}))
    people = forms.MultipleChoiceField(label="Cá nhân trong danh sách của phường", required=False,
                                       widget=forms.SelectMultiple(attrs={"size": 10}))
    named_individuals = forms.CharField(label="Cá nhân khác (mỗi dòng một người)", max_length=NOTE_MAX,
                                        required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label="Ghi chú", max_length=NOTE_MAX, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, ward: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk.hex: unit for unit in Organization.objects.filter(path__startswith=ward.path)
                      .order_by("path")}
        self.persons = {person.pk.hex: person for person in Person.objects.under(ward).order_by("sort_name", "pk")}
        self.fields["organizations"].choices = [(key, unit.name) for key, unit in self.units.items()]
        self.fields["people"].choices = [(key, person.full_name) for key, person in self.persons.items()]

    def clean_organizations(self):
        return [self.units[key] for key in self.cleaned_data["organizations"]]

    def clean_people(self):
        return [self.persons[key] for key in self.cleaned_data["people"]]

    def clean_named_collectives(self):
        return self.cleaned_data["named_collectives"].splitlines()

    def clean_named_individuals(self):
        return self.cleaned_data["named_individuals"].splitlines()


class CommendationEditForm(CommendationForm):
    version = version_field()

    def __init__(self, *args, commendation: Commendation, **kwargs):
        recipients = list(commendation.recipients.all())
        initial = {name: getattr(commendation, name) for name in ("awarding_body", "kind", "reason", "decision_no",
                                                                  "decided_on", "presented_on", "note")}
        initial |= {
            "organizations": [r.organization_id.hex for r in recipients if r.organization_id],
            "people": [r.person_id.hex for r in recipients if r.person_id],
            "named_collectives": "\n".join(r.name for r in recipients if r.collective and not r.organization_id),
            "named_individuals": "\n".join(r.name for r in recipients if not r.collective and not r.person_id),
            "version": commendation.version,
        }
        super().__init__(*args, initial=initial, ward=commendation.ward, **kwargs)

    def service_arguments(self) -> dict:
        """The details as fields, the recipients as one `recipients` dict (update_commendation's shape)."""
        data = dict(self.cleaned_data)
        recipients = {key: data.pop(key) for key in RECIPIENTS}
        return {**data, "recipients": recipients}


class BadgeAwardForm(Form):
    awarding_body = forms.CharField(label="Cấp quyết định tặng", max_length=200,
                                    help_text="Ví dụ: Ban Thường vụ Thành ủy Hà Nội.")
    decision_no = forms.CharField(label="Số quyết định", max_length=50, required=False)
    decided_on = date_field("Ngày quyết định", required=True)
    presented_on = date_field("Ngày trao")
