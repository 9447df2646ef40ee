"""The conditions of an admission (docs/rules.md §1.1–§1.5), checked or flagged on a candidate's dossier before the chi
bộ votes: age, education, the awareness-course certificate, the dossier's papers. A refusal where the rules are firm is
in members.lifecycle (the age at the chi bộ vote, the certificate's five years); what varies by case (education has
exceptions in difficult areas; the papers may come late) is flagged here, not refused."""

import datetime
import re
from dataclasses import dataclass

from core.search import fold
from members.models import DossierDocument, EventKind, IntroducerKind
from members.rules import add_months, rules_on, whole_months_between

# The papers of HD 12-HD/BTCTW §II.1.1 every dossier needs (the union's resolution, 4-KNĐ, only when the Youth
# Union or the trade union introduces the applicant).
REQUIRED_PAPERS = (DossierDocument.APPLICATION, DossierDocument.PERSONAL_HISTORY, DossierDocument.INTRODUCTION,
                   DossierDocument.COMMENTS_SUMMARY)
# Lower secondary school (THCS) completed, as written in the person's education: "9/12" and up, or a school or degree
# at or above it [S: the usual ways of writing it].
SECONDARY_GRADE = 9
AT_LEAST_SECONDARY = ("thcs", "trung hoc co so", "thpt", "trung hoc pho thong", "trung cap", "cao dang", "dai hoc",
                      "thac si", "tien si", "cu nhan", "ky su")


@dataclass(frozen=True)
class Condition:
    label: str
    ok: bool | None  # None: the system cannot tell
    detail: str


def education_reaches_secondary(education: str) -> bool | None:
    """Whether the written education reaches lower secondary (THCS); None when it cannot be read."""
    text = fold(education or "")
    if not text.strip():
        return None
    grade = re.search(r"(\d{1,2})\s*/\s*1[02]", text)
    if grade:
        return int(grade.group(1)) >= SECONDARY_GRADE
    if any(word in text for word in AT_LEAST_SECONDARY):
        return True
    if "tieu hoc" in text:
        return False
    return None


def admission_conditions(lifecycle, *, education: str, on: datetime.date, introducers=()) -> list[Condition]:
    """The conditions of the current admission round, judged on the chi bộ's vote day (or on `on` before it)."""
    vote = lifecycle.current_round(EventKind.CELL_ADMISSION_RESOLUTION) or on
    rules = rules_on(vote)
    result = []
    born = lifecycle.date_of_birth
    if born is None:
        result.append(Condition("Tuổi", None, "Chưa ghi ngày sinh."))
    else:
        months = whole_months_between(born, vote)
        age = f"{months // 12} tuổi {months % 12} tháng vào ngày {vote:%d/%m/%Y}"
        if months < rules.admission_min_age_months:
            result.append(Condition("Tuổi", False, f"{age}: chưa đủ 18 tuổi."))
        elif months > rules.admission_max_age_months:
            result.append(Condition("Tuổi", False, f"{age}: trên 60 tuổi, Tỉnh ủy, Thành ủy quyết định kết nạp."))
        else:
            result.append(Condition("Tuổi", True, age))
    secondary = education_reaches_secondary(education)
    result.append(Condition("Học vấn", secondary, {
        True: f"{education}: đạt trung học cơ sở trở lên.",
        False: f"{education}: chưa tốt nghiệp trung học cơ sở (chỉ xét ở vùng khó khăn theo quy định).",
        None: f"“{education}”: chưa đọc được trình độ; hãy kiểm tra." if education else "Chưa ghi trình độ học vấn.",
    }[secondary]))
    course = lifecycle.last(EventKind.AWARENESS_COURSE)
    if course is None:
        result.append(Condition("Lớp bồi dưỡng nhận thức về Đảng", False, "Chưa có giấy chứng nhận."))
    else:
        valid_until = add_months(course, 12 * rules.awareness_course_valid_years)
        result.append(Condition("Lớp bồi dưỡng nhận thức về Đảng", valid_until >= vote,
                                f"Giấy chứng nhận ngày {course:%d/%m/%Y}, còn giá trị đến {valid_until:%d/%m/%Y}."))
    start = lifecycle.last(EventKind.CANDIDATE) or datetime.date.min
    received = {e.document: e.effective_date for e in lifecycle.events
                if e.kind == EventKind.DOSSIER_DOCUMENT and e.effective_date >= start}
    for paper in REQUIRED_PAPERS:
        day = received.get(paper)
        if day is None:
            result.append(Condition(DossierDocument(paper).label, False, "Chưa nhận."))
        elif add_months(day, rules.dossier_paper_months) < vote:
            result.append(Condition(DossierDocument(paper).label, None, (
                f"Nhận ngày {day:%d/%m/%Y}: đã quá {rules.dossier_paper_months} tháng vào ngày xét "
                f"{vote:%d/%m/%Y}, hãy kiểm tra, bổ sung hoặc xác nhận lại.")))
        else:
            result.append(Condition(DossierDocument(paper).label, True, f"Nhận ngày {day:%d/%m/%Y}."))
    result.append(introducer_condition(introducers, months_needed=rules.introducer_months))
    return result


def introducer_condition(introducers, *, months_needed: int) -> Condition:
    """Điều lệ Đảng, Điều 4: two official members who have worked with the applicant for at least `months_needed`
    months, or one of them and a union's base committee. An introducer from outside the ward is flagged: the
    system cannot see whether they are an official member (members.services.add_introducer refuses a ward member
    who is not)."""
    label = "Người giới thiệu"
    if not introducers:
        return Condition(label, False, "Chưa ghi người giới thiệu (giấy giới thiệu mẫu 3-KNĐ, Điều lệ Đảng, Điều 4).")
    ok: bool | None = True
    parts = []
    for introducer in introducers:
        if introducer.kind == IntroducerKind.UNION:
            parts.append(f"{introducer.name}: nghị quyết giới thiệu (mẫu 4-KNĐ)")
            continue
        months = whole_months_between(introducer.worked_with_since, introducer.introduced_on)
        text = f"{introducer.name}: cùng công tác {months // 12} năm {months % 12} tháng"
        if months < months_needed:
            ok = False
            text += f", chưa đủ {months_needed} tháng"
        if introducer.member_id is None:
            ok = None if ok else ok
            text += ", ở nơi khác: kiểm tra là đảng viên chính thức"
        parts.append(text)
    members = sum(1 for i in introducers if i.kind == IntroducerKind.MEMBER)
    if len(introducers) < 2 or members < 1:
        ok = False
        parts.append("cần hai đảng viên chính thức, hoặc một đảng viên và Ban Chấp hành Đoàn, Công đoàn cơ sở")
    return Condition(label, ok, "; ".join(parts) + ".")
