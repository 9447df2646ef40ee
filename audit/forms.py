from django import forms

from audit.actions import ACTION_LABELS
from core.forms import Form, date_field
from core.pickers import SearchSelect


class AuditFilterForm(Form):
    organization = forms.ModelChoiceField(
        label="Tổ chức", queryset=None, required=False, empty_label="Tất cả",
        widget=SearchSelect("units", perm="audit.view"),
    )
    action = forms.ChoiceField(label="Hành động", required=False)
    actor = forms.CharField(label="Người thực hiện", required=False, max_length=150)
    since = date_field("Từ ngày")
    until = date_field("Đến ngày")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["action"].choices = [("", "Tất cả"), *sorted(ACTION_LABELS.items(), key=lambda kv: kv[1])]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "“Đến ngày” không được trước “Từ ngày”.")
        return data
