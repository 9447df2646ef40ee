"""Forms of the organisation pages. They parse and show errors; rules live in the models and services."""

from django import forms

from core.forms import Form, ModelForm, date_field
from core.pickers import SearchSelect
from org.models import WARD_KINDS, Committee, CommitteeMember, Kind, Organization, Person, Position, Term
from org.pickers import person_labels


class OrganizationForm(ModelForm):
    valid_from = date_field("Thành lập từ ngày")
    valid_until = date_field("Giải thể/hợp nhất ngày")

    class Meta:
        model = Organization
        fields = ["name", "kind", "cell_category", "code", "valid_from", "valid_until", "address", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TermForm(ModelForm):
    start_date = date_field("Từ ngày", required=True)
    end_date = date_field("Đến ngày")

    class Meta:
        model = Term
        fields = ["name", "start_date", "end_date"]


class CommitteeForm(ModelForm):
    class Meta:
        model = Committee
        fields = ["kind", "term", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["term"].queryset = Term.objects.filter(organization=organization)


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the user's scope, picked by searching (core.pickers): `kinds` narrows the picker's search as the
    form's queryset narrows the choice."""

    def __init__(self, *args, kinds=(), **kwargs):
        kwargs.setdefault("widget", SearchSelect("people", perm="people.view", kinds=kinds))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return person_labels([obj])[0]


def unit_picker(perm: str, kinds=()) -> SearchSelect:
    """The widget that picks a unit the user holds `perm` on (of `kinds`) by searching its name."""
    return SearchSelect("units", perm=perm, kinds=kinds)


class CommitteeMemberForm(ModelForm):
    start_date = date_field("Từ ngày", required=True)
    end_date = date_field("Đến ngày")

    class Meta:
        model = CommitteeMember
        fields = ["person", "start_date", "end_date", "note"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args, people, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        if committee is not None:
            self.instance.committee = committee
        self.fields["person"].queryset = people


class CommitteeMemberEditForm(ModelForm):
    start_date = date_field("Từ ngày", required=True)
    end_date = date_field("Đến ngày")

    class Meta:
        model = CommitteeMember
        fields = ["start_date", "end_date", "note"]


class PositionForm(ModelForm):
    start_date = date_field("Từ ngày", required=True)
    end_date = date_field("Đến ngày")

    class Meta:
        model = Position
        fields = ["person", "title", "title_detail", "start_date", "end_date", "note"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args, people=None, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.instance.organization = organization
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people


class PersonForm(ModelForm):
    date_of_birth = date_field("Ngày sinh")

    class Meta:
        model = Person
        fields = [
            "full_name", "gender", "date_of_birth", "cccd", "phone", "ethnicity", "religion", "organization",
            "residence", "address", "education", "political_theory", "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organizations, residences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["residence"].queryset = residences


class PositionsOnDateForm(Form):
    on = date_field("Vào ngày", required=True)
    organization = forms.ModelChoiceField(
        label="Trong tổ chức", queryset=Organization.objects.none(), required=False,
        empty_label="Mọi tổ chức được xem", widget=unit_picker("org.view"),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


def residence_choices(organizations):
    return organizations.filter(kind=Kind.RESIDENTIAL_GROUP)


class WardFilter(Form):
    """The ward filter of the lists (org.views.common.ward_scope): picked by searching, however many wards."""

    ward = forms.ModelChoiceField(label="Phường, xã", queryset=Organization.objects.none(), required=False,
                                  empty_label="Mọi phường, xã",
                                  widget=unit_picker("org.view", tuple(sorted(WARD_KINDS))))

    def __init__(self, *args, wards, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        self.fields["ward"].widget.attrs["aria-label"] = "Phường, xã"
        if kinds:
            self.fields["ward"].widget.kinds = tuple(kinds)


class MergerForm(Form):
    """Wards to merge into a new one (org/merger.py)."""

    wards = forms.ModelMultipleChoiceField(
        label="Các phường, xã hợp nhất", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn các phường, xã hợp nhất."},
    )
    name = forms.CharField(label="Tên phường, xã mới", max_length=200, initial="Đảng ủy phường ")
    code = forms.SlugField(label="Mã (không bắt buộc)", max_length=64, required=False)
    kind = forms.ChoiceField(label="Loại", choices=[(Kind.WARD_COMMITTEE.value, Kind.WARD_COMMITTEE.label),
                                                    (Kind.COMMUNE_COMMITTEE.value, Kind.COMMUNE_COMMITTEE.label)])
    parent = forms.ModelChoiceField(label="Trực thuộc", queryset=None)
    merger_date = date_field("Ngày hợp nhất (phường, xã cũ kết thúc vào ngày hôm trước)", required=True)

    def __init__(self, *args, wards, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wards"].queryset = wards
        self.fields["parent"].queryset = parents
