"""Forms of the members pages: they parse; the rules are in members/lifecycle.py."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from core.forms import Form, ModelForm, date_field
from core.text import NOTE_MAX
from members.models import (
    PAYMENT_METHODS,
    FeeMethod,
    IntroducerKind,
    MembershipEvent,
    PartyMember,
    ReliefKind,
    ReliefReason,
)
from org.forms import PersonChoiceField, unit_picker
from org.models import Kind
from org.pickers import NOT_MEMBER

# The chi bộ where the user opens or moves a dossier (members.views: members.change, chi bộ only).
CELL_PICKER = unit_picker("members.change", (Kind.CELL,))


class FeeSheetChooser(Form):
    """Which chi bộ's fee sheet to show (the page reads the choice itself: 404/403 as for any address)."""

    organization = forms.ModelChoiceField(label="Chi bộ", queryset=None, empty_label="Chọn chi bộ",
                                          widget=unit_picker("members.view_dossier", (Kind.CELL,)))

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = cells


class RegisterCandidateForm(Form):
    person = PersonChoiceField(label="Người", queryset=None)
    organization = forms.ModelChoiceField(label="Chi bộ", queryset=None, widget=CELL_PICKER)
    day = date_field("Ngày chi bộ giới thiệu", required=True)
    note = forms.CharField(label="Ghi chú", required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["organization"].queryset = cells


class EventForm(ModelForm):
    effective_date = date_field("Ngày", required=True)
    introduced_on = date_field("Ngày giấy giới thiệu sinh hoạt đảng")
    ends_on = date_field("Đến ngày (gián đoạn sinh hoạt đảng: ngày trở lại sinh hoạt)")

    class Meta:
        model = MembershipEvent
        fields = [
            "kind", "effective_date", "decision_no", "issuer", "signer", "document", "votes_for", "voters_total",
            "counterpart", "introduced_on", "ends_on", "superior_consent", "note",
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


class ImportForm(Form):
    file = forms.FileField(
        label="Tệp danh sách (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument"
                                                          ".spreadsheetml.sheet"}),
        error_messages={"required": "Hãy chọn tệp .xlsx.", "empty": "Tệp trống (0 byte)."},
    )


class MemberForm(ModelForm):
    """A dossier's own fields: numbers, chi bộ, the basis of the Party fee (the lifecycle is recorded as events)."""

    class Meta:
        model = PartyMember
        fields = ["membership_no", "card_no", "organization", "fee_category", "fee_base", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2}), "organization": CELL_PICKER}

    def __init__(self, *args, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = cells
        self.fields["fee_base"].widget.attrs.update({"step": 1000, "min": 0})

    def _post_clean(self):
        pass  # members.services.update_member validates the dossier


class FeeSheetForm(Form):
    """One month's collection for a chi bộ: a row per member not yet recorded for the month."""

    paid_on = date_field("Ngày đóng", required=True)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if row["payment"] is not None:
                continue
            key = row["member"].pk.hex
            self.fields[f"pay_{key}"] = forms.BooleanField(label="Đã đóng", required=False)
            self.fields[f"amount_{key}"] = forms.IntegerField(
                label="Số tiền", required=False, min_value=1, initial=row["due"],
                error_messages={"min_value": "Số tiền phải lớn hơn 0.", "invalid": "Số tiền phải là số đồng."},
            )
            self.fields[f"method_{key}"] = forms.ChoiceField(
                label="Hình thức", choices=[(m.value, m.label) for m in PAYMENT_METHODS], initial=FeeMethod.CASH,
                required=False
            )
            row["fields"] = (self[f"pay_{key}"], self[f"amount_{key}"], self[f"method_{key}"])

    def clean(self):
        data = super().clean()
        entries = []
        for row in self.rows:
            key = row["member"].pk.hex
            if row["payment"] is not None or not data.get(f"pay_{key}"):
                continue
            amount = data.get(f"amount_{key}")
            if not amount and f"amount_{key}" not in self.errors:
                self.add_error(f"amount_{key}", f"{row['member'].person.full_name}: hãy ghi số tiền đã đóng.")
                continue
            entries.append({"member": row["member"], "amount": amount, "paid_on": data.get("paid_on"),
                            "method": data.get(f"method_{key}") or FeeMethod.CASH})
        if not entries and not self.errors:
            raise forms.ValidationError("Hãy đánh dấu ít nhất một đảng viên đã đóng.")
        return {"entries": entries}


class ReceiveTransferForm(Form):
    """A member new to the system, received by official transfer (docs/rules.md §7.1)."""

    person = PersonChoiceField(label="Người", queryset=None, kinds=(NOT_MEMBER,))
    organization = forms.ModelChoiceField(label="Chi bộ sinh hoạt", queryset=None, widget=CELL_PICKER)
    counterpart = forms.CharField(label="Chuyển đến từ (đảng bộ, chi bộ cũ)", max_length=200)
    introduced_on = date_field("Ngày giấy giới thiệu sinh hoạt đảng")
    decision_no = forms.CharField(label="Số giấy giới thiệu", max_length=64, required=False)
    issuer = forms.CharField(label="Cơ quan giới thiệu", max_length=150, required=False)
    day = date_field("Ngày tiếp nhận", required=True)
    admitted_on = date_field("Ngày quyết định kết nạp", required=True)
    ceremony_on = date_field("Ngày lễ kết nạp")
    official_on = date_field("Ngày công nhận chính thức (bỏ trống nếu còn dự bị)")
    membership_no = forms.CharField(label="Số lý lịch đảng viên", max_length=32, required=False)
    card_no = forms.CharField(label="Số thẻ đảng viên", max_length=32, required=False)
    note = forms.CharField(label="Ghi chú (lý do nếu nộp giấy giới thiệu quá 30 ngày làm việc)", required=False,
                           max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}))
    interruptions = forms.CharField(
        label="Thời gian gián đoạn sinh hoạt đảng theo hồ sơ", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một lần: “từ ngày - đến ngày”, ví dụ 01/02/2005 - 15/08/2006. Thời gian này không tính "
                  "tuổi đảng; những năm sinh hoạt ở nơi khác vẫn tính.",
    )

    def __init__(self, *args, people, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["organization"].queryset = cells

    def clean_interruptions(self):
        gaps = []
        for number, line in enumerate((self.cleaned_data["interruptions"] or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in re.split(r"\s+[-–—]\s+|\s*[–—]\s*", line.strip())]
            try:
                start, end = (datetime.datetime.strptime(part, "%d/%m/%Y").date() for part in parts)
            except ValueError:
                raise ValidationError(f"Dòng {number}: hãy ghi “dd/mm/yyyy - dd/mm/yyyy”, ví dụ "
                                      f"01/02/2005 - 15/08/2006.") from None
            gaps.append((start, end))
        return gaps


class FeeReliefForm(Form):
    kind = forms.ChoiceField(label="Miễn, giảm hay hoãn", choices=ReliefKind.choices)
    reason = forms.ChoiceField(label="Lý do", choices=ReliefReason.choices)
    percent = forms.TypedChoiceField(label="Mức giảm (khi giảm)", required=False, coerce=int, empty_value=None,
                                     choices=[("", "—"), (30, "30%"), (50, "50%"), (70, "70%")])
    start_month = forms.DateField(label="Từ tháng", input_formats=["%m/%Y", "%Y-%m"],
                                  widget=forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"}),
                                  error_messages={"invalid": "Tháng không hợp lệ: hãy nhập mm/yyyy, ví dụ 03/2026.",
                                                  "required": "Hãy ghi tháng bắt đầu."})
    end_month = forms.DateField(label="Đến tháng", input_formats=["%m/%Y", "%Y-%m"],
                                widget=forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"}),
                                help_text="Tối đa 12 tháng một lần; hết hạn chi bộ xem xét lại.",
                                error_messages={"invalid": "Tháng không hợp lệ: hãy nhập mm/yyyy, ví dụ 02/2027.",
                                                "required": "Hãy ghi tháng kết thúc."})
    decided_on = date_field("Ngày chi bộ quyết định", required=True)
    note = forms.CharField(label="Ghi chú (đơn đề nghị, giấy xác nhận)", max_length=300, required=False)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} — {obj.organization.name}"


class IntroducerForm(Form):
    kind = forms.ChoiceField(label="Người giới thiệu là", choices=IntroducerKind.choices)
    member = MemberChoiceField(label="Đảng viên giới thiệu (trong phường)", queryset=None, required=False,
                               help_text="Người ở nơi khác: để trống và ghi họ tên ở ô dưới.")
    name = forms.CharField(label="Họ tên người giới thiệu ở nơi khác, hoặc tên tổ chức Đoàn, Công đoàn",
                           max_length=200, required=False)
    worked_with_since = date_field("Cùng công tác, sinh hoạt với người vào Đảng từ ngày")
    introduced_on = date_field("Ngày giới thiệu (giấy giới thiệu mẫu 3-KNĐ)", required=True)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
