"""The forms of the work program: a task given or corrected, a progress note."""

from django import forms
from django.utils import timezone

from core.forms import Form, VnDecimalField, date_field
from core.numbers import vn_number
from core.text import NOTE_MAX
from core.versions import version_field
from org.models import Organization
from work.models import TRANSITIONS, Indicator, LeadBody, Period, Source, TargetSource, Task, TaskStatus

GIVEN_SOURCES = [(Source.PROGRAM.value, Source.PROGRAM.label), (Source.DOCUMENT.value, Source.DOCUMENT.label)]


def unit_label(ward: Organization, unit: Organization) -> str:
    if unit.pk == ward.pk:
        return f"{unit.name} (Đảng ủy tự chủ trì)"
    return f"{'· ' * (unit.depth - ward.depth - 1)}{unit.name}"


class _TaskFields(Form):
    """What a clerk writes of a task; the units offered are the ward's own (and the ward for the Đảng ủy)."""

    text = forms.CharField(label="Nhiệm vụ", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = forms.ChoiceField(label="Đơn vị chủ trì")
    lead_body = forms.ChoiceField(label="Cơ quan của Đảng ủy chủ trì", required=False,
                                  choices=[("", "—"), *LeadBody.choices],
                                  help_text="Chỉ khi Đảng ủy tự chủ trì: Ban Chấp hành, Ban Thường vụ, UBKT, "
                                            "Văn phòng.")
    supporting_units = forms.MultipleChoiceField(label="Đơn vị phối hợp", required=False,
                                                 widget=forms.SelectMultiple(attrs={"size": 6}))
    due_on = date_field("Thời hạn")
    source_note = forms.CharField(label="Căn cứ", max_length=300, required=False,
                                  help_text="Ví dụ: Công văn 339-CV/QU của Quận ủy; Chương trình công tác năm 2026.")

    def __init__(self, *args, ward: Organization, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward = ward
        self.units = {unit.pk.hex: unit for unit in units}
        choices = [(key, unit_label(ward, unit)) for key, unit in self.units.items()]
        self.fields["lead_unit"].choices = choices
        self.fields["supporting_units"].choices = [choice for choice in choices if choice[0] != ward.pk.hex]

    def clean_lead_unit(self):
        return self.units[self.cleaned_data["lead_unit"]]

    def clean_supporting_units(self):
        return [self.units[key] for key in self.cleaned_data["supporting_units"]]


class TaskForm(_TaskFields):
    period = forms.ChoiceField(label="Kỳ", choices=Period.choices, initial=Period.MONTH)
    start = date_field("Thuộc kỳ chứa ngày", required=True)
    source = forms.ChoiceField(label="Nguồn", choices=GIVEN_SOURCES, initial=Source.PROGRAM)
    field_order = ["text", "lead_unit", "lead_body", "supporting_units", "period", "start", "due_on", "source",
                   "source_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].help_text = "Một ngày bất kỳ trong tháng, quý hoặc năm của nhiệm vụ."
        self.fields["start"].initial = timezone.localdate()


class TaskEditForm(_TaskFields):
    version = version_field()

    def __init__(self, *args, task: Task, **kwargs):
        initial = {"text": task.text, "lead_unit": task.lead_unit.pk.hex, "lead_body": task.lead_body,
                   "supporting_units": [unit.pk.hex for unit in task.supporting_units.all()],
                   "due_on": task.due_on, "source_note": task.source_note, "version": task.version}
        super().__init__(*args, initial=initial, ward=task.ward, **kwargs)


class ProgressForm(Form):
    day = date_field("Ngày", required=True)
    note = forms.CharField(label="Nội dung tiến độ", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label="Tình trạng mới", required=False)
    file = forms.FileField(label="Tệp đính kèm (báo cáo, ảnh)", required=False)
    version = version_field()

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, initial={"day": timezone.localdate(), "version": task.version}, **kwargs)
        allowed = TRANSITIONS.get(task.status, frozenset())
        self.fields["status"].choices = [("", f"Giữ nguyên ({task.get_status_display().lower()})"),
                                         *((value, label) for value, label in TaskStatus.choices
                                           if value in allowed)]


class TargetForm(Form):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    name = forms.CharField(label="Tên chỉ tiêu", max_length=300, required=False,
                           help_text="Bắt buộc với “Chỉ tiêu khác”.")
    unit = forms.CharField(label="Đơn vị tính", max_length=30, required=False,
                           help_text="Chỉ tiêu có sẵn đã có đơn vị (đồng, người, hộ, %).")
    target_value = VnDecimalField(label="Chỉ tiêu giao", help_text="Ví dụ 11.031.000.000 hoặc 95,5.")
    more_is_better = forms.BooleanField(label="Càng cao càng tốt", required=False, initial=True,
                                        help_text="Bỏ chọn khi chỉ tiêu là mức tối đa (không vượt quá).")
    decimals = forms.IntegerField(label="Số chữ số thập phân của tỷ lệ đạt", min_value=0, max_value=3, initial=2)
    source = forms.ChoiceField(label="Nguồn giao", choices=TargetSource.choices)
    basis = forms.CharField(label="Căn cứ", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class TargetEditForm(TargetForm):
    version = version_field()

    def __init__(self, *args, target, **kwargs):
        initial = {name: getattr(target, name) for name in ("name", "unit", "more_is_better", "decimals", "source",
                                                            "basis")}
        initial |= {"target_value": vn_number(target.target_value), "version": target.version}
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["year"], self.fields["indicator"]


class ActualForm(Form):
    day = date_field("Số liệu đến ngày", required=True)
    value = VnDecimalField(label="Đạt được")
    source = forms.CharField(label="Nguồn số liệu", max_length=300,
                             help_text="Ví dụ: Báo cáo kết quả 6 tháng đầu năm của UBND phường.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, initial={"day": timezone.localdate()}, **kwargs)
