"""A meeting's papers in the official layout (HD 36-HD/VPTW, docs/rules.md §2.6): the minutes (biên bản), the resolution
(nghị quyết) when the meeting passed one, and the conclusion notice (thông báo kết luận). Each is built once as a
neutral documents.layout.Paper and drawn as DOCX or PDF from it, so both formats say the same thing.

Each exporter: `identifier`, `label`, `build(meeting) -> Paper`; render_export picks one, builds it, hands out the
paper drawn from the same content before (documents.kept) or draws it now, and audits the download [pretix invoice
renderers]. The meeting comes with its rows prefetched (meetings.api._detail, the page's
own queryset): building a paper runs no query of its own beyond the letterhead's ancestors.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from audit.services import log_action
from documents.kept import render_kept
from documents.layout import Block, Paper, Signature, place_date_line
from documents.letterhead import letterhead
from documents.papers import FORMATS, ascii_slug
from documents.signatures import SignatureForm, signature_block
from documents.symbols import number_line
from documents.types import INSPECTION_PREFIX, ISSUER_CODES
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import Meeting, Presence
from meetings.services import MEMBER_DECISION_TITLES, attendance_summary, whom
from org.models import CommitteeKind, Kind, Position, Title

BLANK_NUMBER = "     "  # the number is written in by hand when the paper is signed and registered


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

# Shared pieces ------------------------------------------------------------------------------------------------


def _inspection(meeting: Meeting) -> bool:
    return bool(meeting.committee_id) and meeting.committee.kind == CommitteeKind.INSPECTION


def _number_line(meeting: Meeting, code: str, document=None) -> str:
    """The paper's number: its document's, or a blank for the registry in the body's own sequence (the inspection
    committee's: …/UBKTĐU)."""
    if document is not None and document.number is not None:
        return number_line(document.number, document.code, document.issuer_code)
    issuer = ISSUER_CODES.get(meeting.organization.kind, "ĐU")
    return f"Số{BLANK_NUMBER}-{code}/{INSPECTION_PREFIX + issuer if _inspection(meeting) else issuer}"


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _time(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def _roles(meeting: Meeting) -> dict:
    return {row.person_id: row.role for row in meeting.attendance.all()}


def _person_line(person, roles: dict) -> str:
    role = roles.get(person.pk)
    return f"Đồng chí {person.full_name} – {role}" if role else f"Đồng chí {person.full_name}"


def _body_upper(meeting: Meeting) -> str:
    """"BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "CHI BỘ": who acts (T/M …, … QUYẾT NGHỊ)."""
    return meeting.committee.get_kind_display().upper() if meeting.committee_id else "CHI BỘ"


# Who signs for whom (HD 36-HD/VPTW, docs/rules.md §2.7): a collective body signs "T/M"; the executive committee of a
# grassroots committee signs in the name of the committee, "T/M ĐẢNG ỦY" [S: ward resolutions seen in practice]; the
# inspection committee's head is its "CHỦ NHIỆM". A deputy who chairs signs as the deputy, still on behalf of the body.
BODIES = {CommitteeKind.EXECUTIVE: "ĐẢNG ỦY", CommitteeKind.STANDING: "BAN THƯỜNG VỤ",
          CommitteeKind.INSPECTION: "ỦY BAN KIỂM TRA"}


def _signature(meeting: Meeting, roles: dict) -> Signature:
    role = roles.get(meeting.chair_id, "")
    inspection = _inspection(meeting)
    head = "CHỦ NHIỆM" if inspection else "BÍ THƯ"
    deputy = "Phó Chủ nhiệm" in role or ("Phó Bí thư" in role and not inspection)
    body = BODIES[meeting.committee.kind] if meeting.committee_id else "CHI BỘ"
    return signature_block(SignatureForm.ON_BEHALF, body=body, signer_title=f"PHÓ {head}" if deputy else head,
                           name=meeting.chair.full_name)


def office_chief(meeting: Meeting):
    """The head of the ward's office (Chánh Văn phòng) on the meeting's day, who may sign the notice of a ward
    committee's conclusions by order ("T/L"), or None (a chi bộ's or the inspection committee's meeting, or no
    office head recorded)."""
    if not meeting.committee_id or _inspection(meeting):
        return None
    position = (Position.objects.held_on(meeting.day)
                .filter(organization=meeting.organization, title=Title.OFFICE_CHIEF).select_related("person").first())
    return position.person if position else None


def _recipients(meeting: Meeting, head) -> tuple[str, ...]:
    report = (f"{head.superior_name} (để báo cáo)",) if head.superior_name else ()
    if meeting.organization.kind == Kind.CELL:
        return (*report, "Đảng viên trong chi bộ", "Lưu Chi bộ.")
    return (*report, f"Các đồng chí {whom(meeting)}", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy.")


def _paragraphs(text: str, style: str = "body") -> list[Block]:
    return [Block(line.strip(), style) for line in text.splitlines() if line.strip()]


def _votes(decision) -> str:
    """"tán thành 13/15 (86,7%); không tán thành 2": the share of all counted members, then any other votes."""
    line = f"tán thành {decision.votes_for}/{decision.members_counted} ({decision.percent_label}%)"
    if decision.votes_against:
        line += f"; không tán thành {decision.votes_against}"
    if decision.votes_abstained:
        line += f"; không biểu quyết {decision.votes_abstained}"
    return line if decision.passed else f"{line}, không thông qua"


def _paper(meeting: Meeting, *, code: str, kind_title: str, subject: str, body: list[Block], signatures,
           recipients=None, document=None, slug: str) -> Paper:
    head = letterhead(meeting.organization, meeting.day)
    # The inspection committee's papers: the Đảng ủy above it, then "ỦY BAN KIỂM TRA" (HD 36-HD/VPTW).
    superior, issuer = (head.issuer, "ỦY BAN KIỂM TRA") if _inspection(meeting) else (head.superior, head.issuer)
    return Paper(
        superior=superior, issuer=issuer, number_line=_number_line(meeting, code, document),
        place_date=place_date_line(head.place, meeting.day), kind_title=kind_title, subject=subject,
        body=tuple(body), signatures=tuple(signatures),
        recipients=tuple(recipients if recipients is not None else _recipients(meeting, head)),
        title_for_file=f"{slug}-{meeting.body_name}-{meeting.day.isoformat()}",  # the body and ward by name
    )


# The minutes --------------------------------------------------------------------------------------------------


def _attendance_blocks(meeting: Meeting, roles: dict) -> list[Block]:
    rows = list(meeting.attendance.all())
    summary = attendance_summary(meeting, rows)
    absent = summary.excused + summary.unexcused
    blocks = [Block(
        f"Tổng số {whom(meeting)}: {summary.counted} đồng chí; có mặt: {summary.present} đồng chí; vắng: "
        f"{absent} đồng chí (có lý do: {summary.excused}; không lý do: {summary.unexcused}).", "item")]
    for presence, label in ((Presence.EXCUSED, "Vắng có lý do"), (Presence.UNEXCUSED, "Vắng không lý do"),
                            (Presence.NOT_COUNTED, "Không tính vào tổng số")):
        names = [f"{r.person.full_name}{f' ({r.reason})' if r.reason else ''}" for r in rows if r.presence == presence]
        if names:
            blocks.append(Block(f"- {label}: đồng chí {', '.join(names)}.", "item"))
    non_voting = [r for r in rows if not r.voting and r.presence == Presence.PRESENT]
    if non_voting:
        blocks.append(Block(f"- Dự họp không biểu quyết: {len(non_voting)} đồng chí (đảng viên dự bị).", "item"))
    guests = list(meeting.guests.all())
    if guests:
        blocks.append(Block("Đại biểu mời tham dự:", "item"))
        blocks += [Block(f"- Đồng chí {g.name} – {g.title}.", "item") for g in guests]
    return blocks


def build_minutes(meeting: Meeting) -> Paper:
    roles = _roles(meeting)
    body = [
        Block(f"Thời gian: bắt đầu lúc {_time(meeting.starts_at)}, ngày {_date(meeting.day)}.", "item"),
        Block(f"Địa điểm: {meeting.place}.", "item"),
        Block(f"Chủ trì: {_person_line(meeting.chair, roles)}.", "item"),
    ]
    if meeting.secretary_id:
        body.append(Block(f"Thư ký: {_person_line(meeting.secretary, roles)}.", "item"))
    if meeting.period_start and meeting.period_end:
        body.append(Block(f"Kỳ đánh giá: từ ngày {_date(meeting.period_start)} đến ngày "
                          f"{_date(meeting.period_end)}.", "item"))
    sections = [("THÀNH PHẦN", _attendance_blocks(meeting, roles))]
    content = []
    agenda = list(meeting.agenda.all())
    if agenda:
        content.append(Block("Chương trình:", "item"))
        content += [Block(f"{n}. {a.title}{f' (trình bày: {a.presenter})' if a.presenter else ''}.", "item")
                    for n, a in enumerate(agenda, start=1)]
    content += _paragraphs(meeting.content)
    sections.append(("NỘI DUNG", content))
    speeches = list(meeting.speeches.all())
    if speeches:
        sections.append(("Ý KIẾN PHÁT BIỂU", [
            Block(f"Hội nghị đã có {len(speeches):02d} ý kiến phát biểu:", "body"),
            *[Block(f"- {s.speaker}: {s.summary}", "item") for s in speeches]]))
    decisions = list(meeting.decisions.all())
    if decisions:
        sections.append(("KẾT QUẢ BIỂU QUYẾT", [Block(f"{n}. {d.title.rstrip('.')}: {_votes(d)}.", "item")
                                               for n, d in enumerate(decisions, start=1)]))
    if meeting.conclusion:
        sections.append(("KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ", _paragraphs(meeting.conclusion)))
    tasks = _key_task_blocks(meeting, "NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")
    if tasks:
        sections.append((tasks[0].text, tasks[1:]))
    for number, (heading, blocks) in enumerate(sections, start=1):  # numbered without gaps: I, II, III …
        body += [Block(f"{ROMAN[number - 1]}. {heading}", "heading"), *blocks]
    closing = "Cuộc họp kết thúc"
    if meeting.ends_at:
        closing += f" lúc {_time(meeting.ends_at)} cùng ngày"
    body.append(Block(f"{closing}. Biên bản đã được đọc lại trước cuộc họp và thống nhất thông qua.", "body"))
    return _paper(
        meeting, code="BB", kind_title="BIÊN BẢN", subject=f"{meeting.title} của {meeting.body_name}", body=body,
        signatures=(Signature(title="THƯ KÝ", name=meeting.secretary.full_name if meeting.secretary_id else ""),
                    Signature(title="CHỦ TRÌ", name=meeting.chair.full_name)),
        recipients=(), slug="bien-ban",
    )


def _key_task_blocks(meeting: Meeting, heading: str) -> list[Block]:
    tasks = key_task_keeper().tasks_of(meeting)
    if not tasks:
        return []
    return [Block(heading, "heading"), *(Block(_task_line(t, with_due=True), "item") for t in tasks)]


def _task_line(task, *, with_due: bool = False) -> str:
    """"- Tổ chức … (UBND phường Sài Đồng thực hiện), thời hạn 31/07/2021."."""
    line = f"- {task.text.rstrip(' .;')}"
    if task.assignee is not None:
        line += f" ({task.assignee.name} thực hiện)"
    if with_due and task.due_on:
        line += f", thời hạn {_date(task.due_on)}"
    return line + "."


# The resolution -----------------------------------------------------------------------------------------------


def _passed_resolution(decisions):
    """The decision that passed the meeting's own resolution (a draft of type Nghị quyết), if one did."""
    return next((d for d in decisions if d.document_id and d.document.doc_type == "resolution"), None)


def _decision_line(decision) -> str:
    """What one decision decided, in the body's words, with the number it was issued with."""
    document = decision.document
    if decision.member_id:
        event = decision.event
        what = MEMBER_DECISION_TITLES.get(event.kind, decision.title) if event else decision.title
        line = f"{what} đối với đồng chí {decision.member.person.full_name}"
        if document is not None and document.symbol:
            line += f" (Quyết định số {document.symbol})"
        return line + "."
    if document is not None:
        symbol = f" (số {document.symbol})" if document.symbol else ""
        return f"Thông qua {document.name}{symbol}."
    return f"{decision.title.rstrip('.')}."



def build_resolution(meeting: Meeting) -> Paper:
    """The meeting's resolution: every matter it decided, one numbered article each (its own resolution's text
    first, then each draft passed, each member's case in the body's words with the decision's number, the other
    matters), then the key tasks. It carries the number of the Nghị quyết the meeting passed, if it passed one;
    otherwise the number line is left for the registry."""
    decisions = [decision for decision in meeting.decisions.all() if decision.passed]
    if not decisions:
        raise Http404("Cuộc họp không thông qua nội dung nào: không có nghị quyết.")
    roles = _roles(meeting)
    own = _passed_resolution(decisions)
    document = own.document if own is not None else None
    subject = (document.summary if document is not None
               else f"kết quả {meeting.title} ngày {_date(meeting.day)}")
    body = [Block("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "item")]
    if meeting.committee_id:
        body.append(Block(f"- Căn cứ Quy chế làm việc của {meeting.body_name} nhiệm kỳ "
                          f"{meeting.committee.term.name};", "item"))
    body.append(Block(f"- Căn cứ kết quả {meeting.title} ngày {_date(meeting.day)},", "item"))
    party = meeting.body_name.upper() if meeting.committee_id else "CHI BỘ"
    body.append(Block(f"{party} QUYẾT NGHỊ:", "quote_bold"))
    articles = []
    if own is not None:
        paragraphs = [p.text for p in _paragraphs(own.text)] or [f"Thông qua Nghị quyết {subject.rstrip('.')}."]
        articles.append(paragraphs)
    for decision in decisions:
        if decision is not own:
            articles.append([_decision_line(decision)])
    tasks = key_task_keeper().tasks_of(meeting)
    if tasks:
        articles.append(["Nhiệm vụ trọng tâm thời gian tới:", *[_task_line(t) for t in tasks]])
    articles.append([f"Các đồng chí {whom(meeting)}, các chi bộ trực thuộc và các cơ quan, đơn vị liên quan căn cứ "
                     f"Nghị quyết tổ chức thực hiện."])
    for number, (first, *rest) in enumerate(articles, start=1):
        body.append(Block(f"{number}. {first}", "body"))
        body += [Block(line, "item" if line.startswith("-") else "body") for line in rest]
    return _paper(meeting, code="NQ", kind_title="NGHỊ QUYẾT", subject=subject, body=body,
                  signatures=(_signature(meeting, roles),), document=document, slug="nghi-quyet")


def papers_of(meeting: Meeting) -> list[str]:
    """The papers a meeting has (a link is offered only for these): the minutes; the resolution when it decided
    anything (a vote that fell short is in the minutes only); the conclusion notice when a conclusion was recorded."""
    passed = any(decision.passed for decision in meeting.decisions.all())
    by_order = bool(meeting.conclusion) and office_chief(meeting) is not None
    return [which for which, has in (("minutes", True), ("resolution", passed), ("conclusion_office", by_order),
                                     ("conclusion", bool(meeting.conclusion))) if has]


def _strip_passing(title: str) -> str:
    """"Thông qua dự thảo Nghị quyết lãnh đạo …" → "lãnh đạo …" (the subject line under "NGHỊ QUYẾT")."""
    return re.sub(r"^(thông qua\s+)?(dự thảo\s+)?(nghị quyết\s+)?", "", title.strip(), flags=re.IGNORECASE) or title


# The conclusion notice ----------------------------------------------------------------------------------------


def build_conclusion(meeting: Meeting, *, by_order: bool = False) -> Paper:
    """The notice of the chair's conclusions, signed on behalf of the body by the chair, or (`by_order`) by the head
    of the office by order of the body ("T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG")."""
    if not meeting.conclusion:
        raise Http404("Cuộc họp chưa ghi kết luận.")
    chief = office_chief(meeting) if by_order else None
    if by_order and chief is None:
        raise Http404("Chưa ghi Chánh Văn phòng Đảng ủy vào ngày họp: thông báo do người chủ trì ký.")
    roles = _roles(meeting)
    opening = (f"Ngày {_date(meeting.day)}, tại {meeting.place}, {meeting.body_name} tổ chức {meeting.title}. "
               f"{_person_line(meeting.chair, roles)} chủ trì.")
    body = [Block(opening)]
    guests = list(meeting.guests.all())
    if guests:
        body.append(Block("Tham dự có " + "; ".join(f"đồng chí {g.name} – {g.title}" for g in guests) + "."))
    agenda = list(meeting.agenda.all())
    if agenda:
        body.append(Block("Sau khi nghe " + "; ".join(a.title[0].lower() + a.title[1:] for a in agenda)
                          + " và ý kiến của các đồng chí dự họp, đồng chí chủ trì kết luận như sau:"))
    else:
        body.append(Block("Sau khi nghe ý kiến của các đồng chí dự họp, đồng chí chủ trì kết luận như sau:"))
    body += _paragraphs(meeting.conclusion)
    body += _key_task_blocks(meeting, "Nhiệm vụ trọng tâm thời gian tới")
    body.append(Block(f"{_issuing_body(meeting)} thông báo để các đơn vị, cá nhân liên quan biết, thực hiện."))
    return _paper(meeting, code="TB", kind_title="THÔNG BÁO",
                  subject=f"kết luận của đồng chí {meeting.chair.full_name} tại {meeting.title} "
                          f"ngày {_date(meeting.day)}",
                  body=body, signatures=(_conclusion_signature(meeting, roles, chief),), slug="thong-bao-ket-luan")


def _conclusion_signature(meeting: Meeting, roles: dict, chief) -> Signature:
    if chief is None:
        return _signature(meeting, roles)
    # The office acts by order of the standing committee, which leads the committee's work between its sessions.
    return signature_block(SignatureForm.BY_ORDER, body=BODIES[CommitteeKind.STANDING],
                           signer_title="CHÁNH VĂN PHÒNG", name=chief.full_name)


def _issuing_body(meeting: Meeting) -> str:
    """The issuing body as written in a sentence: its own name ("Đảng ủy phường Sài Đồng", "Chi bộ số 1")."""
    if meeting.committee_id and meeting.committee.kind == CommitteeKind.STANDING:
        return f"Ban Thường vụ {meeting.organization.name}"
    return meeting.organization.name


# Rendering ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exporter:
    identifier: str
    label: str
    build: Callable[[Meeting], Paper]


EXPORTERS = {
    exporter.identifier: exporter for exporter in (
        Exporter("minutes", "Biên bản", build_minutes),
        Exporter("resolution", "Nghị quyết", build_resolution),
        Exporter("conclusion", "Thông báo kết luận", build_conclusion),
        Exporter("conclusion_office", "Thông báo kết luận (Chánh Văn phòng ký thừa lệnh)",
                 lambda meeting: build_conclusion(meeting, by_order=True)),
    )
}


def render_export(meeting: Meeting, which: str, fmt: str, *, actor) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of one paper of the meeting; the download is audited. The paper is built
    from the meeting's record at every download (a few ms), and drawn only when what it prints has changed since it
    was last drawn (documents.kept)."""
    exporter = EXPORTERS.get(which)
    if exporter is None or fmt not in FORMATS:
        raise Http404("Không có loại văn bản hoặc định dạng này.")
    content_type = FORMATS[fmt][0]
    paper = exporter.build(meeting)
    content = render_kept(paper, fmt, folder=f"meetings/{meeting.pk}", kind=which)
    with transaction.atomic():
        log_action("meetings.minutes.exported", actor=actor, obj=meeting, organization=meeting.organization,
                   data={"paper": which, "format": fmt, "bytes": len(content)})
    return f"{ascii_slug(paper.title_for_file)}.{fmt}", content_type, content
