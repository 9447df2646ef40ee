"""The papers the registry prints of its own: a ward's decision on a member (Quyết định kết nạp, công nhận đảng viên
chính thức, xóa tên: forms 9-KNĐ, 16-KNĐ of HD 12-HD/BTCTW), numbered from the register, laid out by HD 36-HD/VPTW
and signed on behalf of the standing committee. Rendered as DOCX or PDF by the same renderers as the meeting papers.
"""

import re
import unicodedata

from django.db import transaction
from django.http import Http404

from audit.services import log_action
from documents.layout import Block, Paper, place_date_line
from documents.letterhead import letterhead, party_organisation_name
from documents.models import Document
from documents.render_docx import render_docx
from documents.render_pdf import render_pdf
from documents.signatures import SignatureForm, signature_block
from documents.symbols import number_line
from members.lifecycle import Lifecycle
from members.models import EventKind
from members.rules import rules_on
from org.models import Position

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx),
    "pdf": ("application/pdf", render_pdf),
}
K = EventKind


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", "".join(c for c in folded if not unicodedata.combining(c)).lower()).strip("-")


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _regulation(day) -> str:
    """"Quy định 294-QĐ/TW": the implementing regulation of the Charter in force on `day`, by its name."""
    return re.split(r" ngày | \(", rules_on(day).source)[0]


def _signer_title(document: Document) -> str:
    """The signer's title on the day (Bí thư, Phó Bí thư …), as the ward's positions record it; "BÍ THƯ" if none."""
    position = (Position.objects.held_on(document.issued_on).by_precedence()
                .filter(organization=document.organization, person__full_name=document.signer).first())
    return position.label.upper() if position is not None else "BÍ THƯ"


def build_member_decision(document: Document) -> Paper:
    """The ward's decision on one member, with the grounds it was taken on (the Charter, the implementing regulation,
    the ward committee's working rules, the chi bộ's resolution) and its articles."""
    event = document.member_event
    if event is None or document.number is None:
        raise Http404("Văn bản này không phải quyết định của Đảng ủy về đảng viên.")
    member = event.member
    name, cell, day = member.person.full_name, member.organization.name, document.issued_on
    events = list(member.events.all())
    lifecycle = Lifecycle(events, date_of_birth=member.person.date_of_birth)
    head = letterhead(document.organization, day)
    body = [Block("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "item"),
            Block(f"- Căn cứ {_regulation(day)} của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;", "item")]
    term = document.term or document.organization.term_on(day)
    if term is not None:
        body.append(Block(f"- Căn cứ Quy chế làm việc của Ban Chấp hành "
                          f"{party_organisation_name(document.organization)} nhiệm kỳ {term.name};", "item"))
    grounds = {K.ADMISSION_DECISION: K.CELL_ADMISSION_RESOLUTION, K.READMISSION_DECISION: K.CELL_ADMISSION_RESOLUTION,
               K.RECOGNITION_DECISION: K.CELL_RECOGNITION_RESOLUTION}.get(event.kind)
    resolution = next((e for e in reversed(events)
                       if e.kind == grounds and e.effective_date <= day), None) if grounds else None
    if resolution is not None:
        number = f" số {resolution.decision_no}" if resolution.decision_no else ""
        body.append(Block(f"- Xét Nghị quyết{number} ngày {_date(resolution.effective_date)} của {cell} "
                          f"{'đề nghị kết nạp' if grounds == K.CELL_ADMISSION_RESOLUTION else 'đề nghị công nhận'} "
                          f"{'đảng viên' if grounds == K.CELL_ADMISSION_RESOLUTION else 'đảng viên chính thức'};",
                          "item"))
    body.append(Block("BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH:", "quote_bold"))
    born = f", sinh ngày {_date(member.person.date_of_birth)}," if member.person.date_of_birth else ""
    first = {
        K.ADMISSION_DECISION: f"Kết nạp đồng chí {name}{born} vào Đảng Cộng sản Việt Nam.",
        K.READMISSION_DECISION: f"Kết nạp lại đồng chí {name}{born} vào Đảng Cộng sản Việt Nam.",
        K.RECOGNITION_DECISION: (f"Công nhận đồng chí {name}{born} là đảng viên chính thức của Đảng Cộng sản Việt "
                                 f"Nam kể từ ngày {_date(lifecycle.probation_ends_on)}."
                                 if lifecycle.probation_ends_on else
                                 f"Công nhận đồng chí {name}{born} là đảng viên chính thức."),
        K.REMOVAL: f"Xóa tên đồng chí {name}{born} trong danh sách đảng viên của {cell}.",
        K.PROBATION_REMOVAL: f"Xóa tên đồng chí {name}{born} trong danh sách đảng viên dự bị của {cell}.",
    }[event.kind]
    articles = [first]
    if event.kind in (K.ADMISSION_DECISION, K.READMISSION_DECISION):
        articles.append(f"{cell} tổ chức lễ kết nạp cho đồng chí {name} trong thời hạn "
                        f"{rules_on(day).ceremony_working_days} ngày làm việc kể từ ngày nhận được Quyết định này.")
    articles.append(f"Văn phòng Đảng ủy, {cell} và đồng chí {name} căn cứ Quyết định thi hành.")
    body += [Block(f"Điều {n}. {text}", "body") for n, text in enumerate(articles, start=1)]
    signature = signature_block(SignatureForm.ON_BEHALF, body="BAN THƯỜNG VỤ", signer_title=_signer_title(document),
                                name=document.signer)
    return Paper(
        superior=head.superior, issuer=head.issuer, number_line=number_line(document.number, document.code,
                                                                             document.issuer_code),
        place_date=place_date_line(head.place, day), kind_title="QUYẾT ĐỊNH", subject=document.summary,
        body=tuple(body), signatures=(signature,),
        recipients=(f"Như Điều {len(articles)},", "Lưu Văn phòng Đảng ủy."),
        title_for_file=f"quyet-dinh-{document.symbol}-{name}",
    )


def render_document_paper(document: Document, fmt: str, *, actor) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of a document's own paper, drawn once and kept until what it prints changes
    (documents.kept); the download is audited."""
    if fmt not in FORMATS:
        raise Http404("Không có định dạng này.")
    from documents.kept import render_kept  # kept draws with this module's FORMATS

    content_type, _render = FORMATS[fmt]
    content = render_kept(build_member_decision(document), fmt, folder=f"documents/{document.pk}", kind="decision")
    with transaction.atomic():
        log_action("documents.document.exported", actor=actor, obj=document, organization=document.organization,
                   data={"format": fmt, "bytes": len(content)})
    return f"{ascii_slug(f'quyet-dinh-{document.symbol}')}.{fmt}", content_type, content
