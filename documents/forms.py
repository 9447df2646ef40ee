"""Forms of the documents pages: they parse; the rules are in documents/services.py."""

from django import forms

from documents.types import CODES, DocumentType
from org.forms import date_field


class IncomingForm(forms.Form):
    organization = forms.ModelChoiceField(label="Đơn vị nhận", queryset=None)
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
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    note = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DraftForm(forms.Form):
    organization = forms.ModelChoiceField(label="Tổ chức ban hành", queryset=None)
    doc_type = forms.ChoiceField(label="Thể loại", choices=DocumentType.choices)
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)
    note = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class IssueForm(forms.Form):
    day = date_field("Ngày ban hành", required=True)
    signer = forms.CharField(label="Người ký", max_length=150, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Lý do thu hồi, hủy", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm", error_messages={"required": "Hãy chọn tệp.",
                                                                "empty": "Tệp trống (0 byte)."})


class SequenceStartForm(forms.Form):
    """The last number a sequence had before the ward used the system (documents.services.set_sequence_start)."""

    organization = forms.ModelChoiceField(label="Tổ chức ban hành", queryset=None)
    code = forms.ChoiceField(label="Sổ (chữ viết tắt thể loại)",
                             choices=[(code, code) for code in sorted(set(CODES.values()))])
    last_number = forms.IntegerField(
        label="Số cuối cùng đã cấp trước khi dùng hệ thống", min_value=0, max_value=9999,
        help_text="Ví dụ 14: văn bản tiếp theo mang số 15. Chỉ đặt được khi hệ thống chưa cấp số nào trong sổ này.",
        error_messages={"min_value": "Số phải từ 0 trở lên.", "max_value": "Số phải nhỏ hơn 10000.",
                        "invalid": "Hãy ghi một số nguyên.", "required": "Hãy ghi số cuối cùng đã cấp."},
    )
    day = date_field("Nhiệm kỳ đang có hiệu lực vào ngày (bỏ trống: hôm nay)")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
