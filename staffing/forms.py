"""The forms of the non-specialised staff: a post, a person given a post, a holding ended, a restructuring plan."""

from django import forms

from core.forms import Form, VnDecimalField, date_field
from core.text import NOTE_MAX
from org.models import Kind, Organization, Person
from staffing.models import Level


class PostForm(Form):
    unit = forms.ChoiceField(label="Nơi")
    title = forms.CharField(label="Chức danh", max_length=200)

    def __init__(self, *args, ward: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        units = [ward, *Organization.objects.filter(path__startswith=ward.path, kind=Kind.RESIDENTIAL_GROUP)
                 .order_by("path")]
        self.units = {unit.pk.hex: unit for unit in units}
        self.fields["unit"].choices = [(key, unit.name) for key, unit in self.units.items()]

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]


class HoldingForm(Form):
    person = forms.ChoiceField(label="Người giữ")
    allowance = VnDecimalField(label="Phụ cấp hằng tháng (đồng)", help_text="Ví dụ 1.900.000.", max_digits=14,
                               decimal_places=0)
    start_date = date_field("Từ ngày", required=True)

    def __init__(self, *args, ward: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk.hex: person for person in Person.objects.under(ward).order_by("sort_name", "pk")}
        self.fields["person"].choices = [(key, person.full_name) for key, person in self.people.items()]

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]


class EndForm(Form):
    end_date = date_field("Thôi giữ từ ngày", required=True)


class PlanForm(Form):
    name = forms.CharField(label="Tên phương án", max_length=300)
    basis = forms.CharField(label="Căn cứ", max_length=300, required=False)
    decided_on = date_field("Ngày quyết định", required=True)
    effective_on = date_field("Thực hiện từ ngày")
    note = forms.CharField(label="Ghi chú", max_length=NOTE_MAX, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level, label in Level.choices:
            for when, word in (("before", "trước"), ("after", "sau")):
                if level == Level.GROUP:
                    self.fields[f"{level}_units_{when}"] = forms.IntegerField(
                        label=f"{label}: số tổ {word}", min_value=0, required=False)
                self.fields[f"{level}_people_{when}"] = forms.IntegerField(
                    label=f"{label}: số người {word}", min_value=0, required=False)
                self.fields[f"{level}_positions_{when}"] = forms.IntegerField(
                    label=f"{label}: số chức danh {word}", min_value=0, required=False)
                self.fields[f"{level}_cost_{when}"] = VnDecimalField(
                    label=f"{label}: kinh phí bình quân tháng {word} (đồng)", required=False, max_digits=14,
                    decimal_places=0)

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        lines = []
        for level in Level.values:
            values = {key.removeprefix(f"{level}_"): data.pop(key) for key in list(data) if key.startswith(f"{level}_")}
            if any(value is not None for value in values.values()):
                lines.append({"level": level, **values})
        return {**data, "lines": lines}
