"""Forms of the members pages: they parse; the rules are in members/lifecycle.py."""

from django import forms

from members.models import MembershipEvent
from org.forms import PersonChoiceField, date_field


class RegisterCandidateForm(forms.Form):
    person = PersonChoiceField(label="Người", queryset=None)
    organization = forms.ModelChoiceField(label="Chi bộ", queryset=None)
    day = date_field("Ngày chi bộ giới thiệu", required=True)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["organization"].queryset = cells


class EventForm(forms.ModelForm):
    effective_date = date_field("Ngày", required=True)

    class Meta:
        model = MembershipEvent
        fields = [
            "kind", "effective_date", "decision_no", "issuer", "signer", "document", "votes_for", "voters_total",
            "counterpart", "with_provincial_consent", "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]

    def _post_clean(self):
        # The event is validated by the lifecycle service, against the member's other events; the model's own
        # checks run there too.
        pass

    def clean(self):
        data = super().clean()
        if "effective_date" in data:
            data["day"] = data.pop("effective_date")  # record_event's name for it
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument"
                                                          ".spreadsheetml.sheet"}),
        error_messages={"required": "Hãy chọn tệp .xlsx.", "empty": "Tệp trống (0 byte)."},
    )
