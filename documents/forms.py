"""Forms of the documents pages: they parse; the rules are in documents/services.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import Form, date_field
from core.text import NOTE_MAX
from core.versions import version_field
from documents.services import read_reference
from documents.types import CODES, ISSUER_CODES, DocumentType, IssuingBody
from org.forms import unit_picker
from org.models import WARD_KINDS

# The units whose documents the user enters (documents.views: documents.change, kinds with a register).
ISSUER_PICKER = unit_picker("documents.change", tuple(ISSUER_CODES))


class IncomingForm(Form):
    organization = forms.ModelChoiceField(label="Đơn vị nhận", queryset=None, widget=ISSUER_PICKER)
    symbol = forms.CharField(
        label="Số, ký hiệu", max_length=200,
        help_text="Như trên văn bản: “339-CV/QU”, “Công văn số 339-CV/QU ngày 25/6/2021 của Quận ủy”, "
                  "“Quyết định 217”. Thể loại, ngày và cơ quan ban hành được đọc từ đây nếu bỏ trống.",
    )
    doc_type = forms.ChoiceField(label="Thể loại", choices=[("", "(đọc từ số, ký hiệu)"), *DocumentType.choices],
                                 required=False)
    issuer_name = forms.CharField(label="Cơ quan ban hành", max_length=200, required=False)
    issued_on = date_field("Ngày ban hành")
    received_on = date_field("Ngày đến")
    signer = forms.CharField(label="Người ký", max_length=150, required=False)
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX)
    note = forms.CharField(label="Ghi chú",
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_MAX)
    allow_duplicate = forms.BooleanField(
        label="Vẫn vào sổ (một bản khác của văn bản đã vào sổ)", required=False,
        help_text="Chỉ đánh dấu khi hệ thống báo văn bản đã vào sổ mà đây đúng là một bản cần vào sổ riêng.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if not self.is_bound:  # received today, by the ward (the clerk's own unit first)
            self.initial.setdefault("received_on", timezone.localdate())
            ward = next((o for o in organizations if o.kind in WARD_KINDS), None) or organizations.first()
            if ward is not None:
                self.initial.setdefault("organization", ward.pk)



def read_back(data) -> tuple[dict, str]:
    """The incoming form's values with the fields left empty filled from what the number as written says ("… ngày
    25/6/2021 của Quận ủy"), as documents.services.register_incoming would fill them; and what was read, or why
    nothing was."""
    values = {key: data.get(key, "") for key in IncomingForm.base_fields}
    values["allow_duplicate"] = bool(data.get("allow_duplicate"))
    try:
        reference = read_reference(values["symbol"])
    except ValidationError as error:
        return values, error.message_dict["symbol"][0]
    read = {"doc_type": reference.doc_type or "", "issuer_name": reference.issuer_name,
            "issued_on": f"{reference.issued_on:%d/%m/%Y}" if reference.issued_on else ""}
    for field, value in read.items():
        if value and not values.get(field):
            values[field] = value
    parts = [str(reference)]
    if reference.issued_on:
        parts.append(f"ngày {reference.issued_on:%d/%m/%Y}")
    if reference.issuer_name:
        parts.append(f"của {reference.issuer_name}")
    return values, "Đọc được: " + ", ".join(parts) + "."


class DraftForm(Form):
    organization = forms.ModelChoiceField(label="Tổ chức ban hành", queryset=None, widget=ISSUER_PICKER)
    body = forms.TypedChoiceField(label="Cơ quan ban hành", choices=IssuingBody.choices, required=False,
                                  empty_value=IssuingBody.COMMITTEE, initial=IssuingBody.COMMITTEE,
                                  help_text="Văn bản của Ủy ban Kiểm tra Đảng ủy mang số, ký hiệu riêng (…/UBKTĐU).")
    doc_type = forms.ChoiceField(label="Thể loại", choices=DocumentType.choices)
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)
    note = forms.CharField(label="Ghi chú",
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_MAX)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DraftEditForm(Form):
    """A draft corrected by the office (documents.services.update_document); one sent back returns to the queue."""

    version = version_field()

    doc_type = forms.ChoiceField(label="Thể loại", choices=DocumentType.choices)
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)
    note = forms.CharField(label="Ghi chú",
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=NOTE_MAX)


class IssueForm(Form):
    day = date_field("Ngày ban hành", required=True)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)


class SendBackForm(Form):
    reason = forms.CharField(label="Lý do trả lại (Văn phòng sửa theo đó)", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Hãy ghi lý do trả lại để Văn phòng sửa."})


class WithdrawForm(Form):
    reason = forms.CharField(label="Lý do thu hồi, hủy", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(Form):
    file = forms.FileField(label="Tệp đính kèm", error_messages={"required": "Hãy chọn tệp.",
                                                                "empty": "Tệp trống (0 byte)."})


class SequenceStartForm(Form):
    """The last number a sequence had before the ward used the system (documents.services.set_sequence_start)."""

    organization = forms.ModelChoiceField(label="Tổ chức ban hành", queryset=None, widget=ISSUER_PICKER)
    code = forms.ChoiceField(label="Sổ (chữ viết tắt thể loại)",
                             choices=[(code, code) for code in sorted(set(CODES.values()))])
    last_number = forms.IntegerField(
        label="Số cuối cùng đã cấp trước khi dùng hệ thống", min_value=0, max_value=9999,
        help_text="Ví dụ 14: văn bản tiếp theo mang số 15. Chỉ đặt được khi hệ thống chưa cấp số nào trong sổ này.",
        error_messages={"min_value": "Số phải từ 0 trở lên.", "max_value": "Số phải nhỏ hơn 10000.",
                        "invalid": "Hãy ghi một số nguyên.", "required": "Hãy ghi số cuối cùng đã cấp."},
    )
    day = date_field("Nhiệm kỳ đang có hiệu lực vào ngày (bỏ trống: hôm nay)")
    body = forms.TypedChoiceField(label="Sổ của", choices=IssuingBody.choices, required=False,
                                  empty_value=IssuingBody.COMMITTEE, initial=IssuingBody.COMMITTEE,
                                  help_text="Ủy ban Kiểm tra có sổ và ký hiệu riêng (…/UBKTĐU).")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
