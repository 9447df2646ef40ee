"""The table a chi bộ's grading is entered in: one row per member (or per chi bộ), a score and a grade, and the
conditions QĐ 366-QĐ/TW reads."""

from django import forms

from core.forms import Form, date_field
from gradings.models import Grade

GRADE_CHOICES = [("", "—"), *Grade.choices]


class DecisionDayForm(Form):
    decided_on = date_field("Ngày Đảng ủy quyết định", required=True)


class GradingRowForm(Form):
    score = forms.DecimalField(label="Điểm", min_value=0, max_value=100, decimal_places=2, required=False,
                               localize=True)
    grade = forms.ChoiceField(label="Xếp loại", choices=GRADE_CHOICES, required=False)
    exceeded_share = forms.IntegerField(label="% nhiệm vụ vượt mức", min_value=0, max_value=100, required=False)
    all_on_time = forms.BooleanField(label="100% đúng tiến độ", required=False, initial=True)
    breach = forms.BooleanField(label="Vi phạm", required=False)
    late_share = forms.IntegerField(label="% nhiệm vụ chậm (chi bộ)", min_value=0, max_value=100, required=False)
    disciplined = forms.BooleanField(label="Có cá nhân, tập thể lãnh đạo bị kỷ luật (chi bộ)", required=False)

    def has_entry(self) -> bool:
        data = self.cleaned_data
        return data.get("score") is not None or bool(data.get("grade"))

    def service_row(self) -> dict:
        data = self.cleaned_data
        row = {"score": data["score"], "grade": data["grade"], "exceeded_share": data["exceeded_share"] or 0,
               "all_on_time": data["all_on_time"], "breach": data["breach"]}
        if self.collective:
            row |= {"late_share": data["late_share"] or 0, "disciplined": data["disciplined"]}
        return row

    def __init__(self, *args, collective: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.collective = collective
