"""Who signs a Party paper, and how the block above the name reads (HD 36-HD/VPTW; docs/rules.md §2.7). One function for
every paper the system draws, so that the forms are written in one place:

- T/M ("thay mặt"): a collective body: its committee, standing committee, inspection committee, a chi bộ. The head
  signs with their title ("T/M BAN THƯỜNG VỤ / BÍ THƯ"); a deputy who signs still signs on behalf of the body, with
  their own title ("T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ"), never "K/T".
- K/T ("ký thay"): a deputy signing for the head of an advisory body ("K/T CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG").
- T/L ("thừa lệnh"): the head of the office signing by order of the standing committee ("T/L BAN THƯỜNG VỤ / CHÁNH
  VĂN PHÒNG"), as on a notice of the standing committee's conclusions.

Party papers write the slash ("T/M", "K/T", "T/L"); state papers write "TM.", "KT.", "TL." (not used here).
"""

from django.db import models

from documents.layout import Signature


class SignatureForm(models.TextChoices):
    ON_BEHALF = "tm", "T/M: thay mặt tập thể"
    DEPUTY = "kt", "K/T: cấp phó ký thay người đứng đầu cơ quan tham mưu"
    BY_ORDER = "tl", "T/L: Chánh Văn phòng ký thừa lệnh"


def signature_block(form: str, *, body: str = "", head: str = "", signer_title: str, name: str) -> Signature:
    """The signature block of a paper. `body`: the collective body in upper case ("BAN THƯỜNG VỤ", "ĐẢNG ỦY",
    "ỦY BAN KIỂM TRA", "CHI BỘ") for T/M and T/L; `head`: the head of the advisory body ("CHÁNH VĂN PHÒNG") for K/T;
    `signer_title`: the signer's own title ("BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG")."""
    if form == SignatureForm.ON_BEHALF:
        return Signature(on_behalf=f"T/M {body}", title=signer_title.upper(), name=name)
    if form == SignatureForm.DEPUTY:
        return Signature(on_behalf=f"K/T {head}", title=signer_title.upper(), name=name)
    if form == SignatureForm.BY_ORDER:
        return Signature(on_behalf=f"T/L {body}", title=signer_title.upper(), name=name)
    raise ValueError(f"unknown signature form {form!r}")
