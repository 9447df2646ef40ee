"""The seed articles' meetings as full records, entered through meetings.services like a clerk's (audited), and a
few months of chi bộ meetings for the checklist.

- 000 Sài Đồng, 28/06/2021: the Ban Chấp hành's regular session. Its decisions pass the draft resolution (issued
  15-NQ/ĐU), the ward resolutions on 2 admission dossiers and 2 recognitions (the members' histories were paused at
  those steps by demo/members.py and resume after), and three drafts for the Thành ủy programmes, the report and the
  UBND's rules. Key tasks for July 2021 as the post lists them.
- 001 Thanh Khê Tây, 01/7/2021: the review conference of the first half of 2021.
- 002 Cầu Ông Lãnh, 07/7/2020: the review conference of the first half of 2020.
- 003 Bồ Đề, 09/7/2020: the Ban Thường vụ's working session with the MTTQ and the mass organisations.
- 004 Cự Khối, 28/12/2020: the conference reviewing Đề án 15-ĐA/QU and the year 2020 ("05 ý kiến phát biểu").

What the posts say is recorded as they say it; who was absent, the hours the posts do not give, the speakers the
posts leave unnamed and the vote counts are plausible, not researched (the notes say so).
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from demo.members import SAIDONG_BTV_KEY, SAIDONG_BTV_SESSION
from documents.models import Document
from meetings.models import DecisionKind, MeetingKind, Presence
from meetings.services import MeetingRecord, create_meeting, record_decision, roster
from members.models import EventKind
from org.models import CellCategory, CommitteeKind, Kind, Organization, Person, Position, Title

D = datetime.date
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ILLUSTRATIVE = ("Giờ kết thúc, người vắng mặt và số phiếu là minh họa; các nội dung khác theo tin bài trên cổng "
                "thông tin điện tử của phường.")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HANOI)


@dataclass
class _Context:
    actor: object
    orgs: dict[str, Organization]

    def holder(self, code: str, title: str, day: datetime.date, detail: str = "") -> Person:
        positions = Position.objects.held_on(day).filter(organization=self.orgs[code], title=title)
        if detail:
            positions = positions.filter(title_detail=detail)
        return positions.select_related("person").first().person

    def named(self, full_name: str) -> Person:
        """A real person of the posts (their names are unique in the demo)."""
        return Person.objects.get(full_name=full_name)

    def session(self, code: str, committee_kind: str, day: datetime.date, *, absent=(), **fields):
        """Enter a meeting of ward `code`'s committee; `absent`: (roster index, presence, reason) for the
        members who were not there (the first entries of the roster are the secretaries: indexes count from the
        end, so the ward's leaders stay present)."""
        ward = self.orgs[code]
        committee = ward.committee_on(committee_kind, day)
        entries = roster(ward, committee, day)
        attendance = {entries[index].person.pk: (presence, reason) for index, presence, reason in absent}
        return create_meeting(MeetingRecord(organization=ward, committee=committee, attendance=attendance, **fields),
                              actor=self.actor)

    def decide(self, meeting, kind, *, present_share: int = 0, **fields):
        """A decision carried by everyone present but `present_share` against (plausible counts)."""
        voters = meeting.attendance.filter(voting=True, presence=Presence.PRESENT).count()
        return record_decision(meeting, kind=kind, votes_for=voters - present_share, votes_against=present_share,
                               actor=self.actor, **fields)


def build(actor, orgs: dict[str, Organization], *, paused, drafts: dict) -> None:
    context = _Context(actor, orgs)
    saidong_session(context, paused, drafts["saidong-000"])
    thanhkhetay_review(context)
    cauonglanh_review(context)
    bode_working_session(context)
    cukhoi_review(context)
    cell_meetings(context)
    saidong_standing_session(context, paused)


def _cited(orgs, code: str, *numbers: int):
    return list(Document.objects.filter(organization=orgs[code], direction="incoming", number__in=numbers))


# 000 ------------------------------------------------------------------------------------------------------------

SAIDONG_CONTENT = """Trong tháng 6/2021, Đảng ủy đã tập trung chỉ đạo HĐND, UBND, MTTQ và các đoàn thể phường triển khai thực hiện các nhiệm vụ trọng tâm trong tháng: tổ chức kỳ họp HĐND quyết toán ngân sách năm 2020, 6 tháng đầu năm 2021 và thực hiện các nhiệm vụ liên quan mô hình chính quyền đô thị; tổng kết công tác bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp nhiệm kỳ 2021-2026; tiếp tục công tác phòng, chống dịch Covid-19 trên địa bàn phường; tổ chức phát động cao điểm toàn dân quyên góp, ủng hộ quỹ vắc xin.
Công tác quản lý trật tự đô thị, trật tự xây dựng, đảm bảo an toàn giao thông, vệ sinh môi trường được duy trì. Hoàn thành thực hiện quy trình giới thiệu nhân sự các chức danh Chủ tịch, Phó Chủ tịch UBND phường Sài Đồng. Đề xuất Quận ủy khen thưởng thực hiện mô hình dân vận khéo có hiệu quả. Hoàn thiện hồ sơ kiểm tra, giám sát của Đảng ủy, UBKT Đảng ủy 6 tháng đầu năm."""

SAIDONG_TASKS = (
    ("Tổ chức học tập Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII đến toàn bộ đảng viên trong Đảng bộ (với hình "
     "thức phù hợp); lãnh đạo tổ chức tốt việc kỷ niệm 74 năm ngày Thương binh liệt sĩ 27/7.", None),
    ("Triển khai thực hiện thí điểm chính quyền đô thị từ 01/7/2021; nghiêm túc thực hiện một số nhiệm vụ theo Công "
     "văn 339-CV/QU ngày 25/6/2021 của Quận ủy.", "ubnd"),
    ("Tiếp tục tăng cường công tác phòng, chống dịch Covid-19 trên địa bàn phường theo chỉ đạo của các cấp.", "ubnd"),
    ("Rà soát, triển khai kế hoạch thu thuế đất phi nông nghiệp, thuế ngoài quốc doanh; rà soát các tiêu chí phường "
     "văn minh đô thị; báo cáo Đảng ủy công tác quản lý đất công; tham mưu Đảng ủy ban hành nghị quyết chuyên đề về "
     "công tác phòng cháy, chữa cháy trên địa bàn phường.", "ubnd"),
    ("Tổ chức tốt công tác tuyển sinh đầu cấp; thực hiện tốt việc tổ chức thi tốt nghiệp trung học phổ thông tại "
     "Trường THCS Sài Đồng theo kế hoạch của quận.", "ubnd"),
    ("Chỉ đạo các ngành, đoàn thể tổ chức sơ kết 6 tháng đầu năm 2021; Đảng ủy, UBKT Đảng ủy thực hiện công tác "
     "kiểm tra, giám sát theo kế hoạch quý III năm 2021.", "mttq"),
)


def saidong_session(context: _Context, paused, resolution: Document) -> None:
    orgs, day = context.orgs, D(2021, 6, 28)
    secretary = context.holder("saidong", Title.SECRETARY, day)
    meeting = context.session(
        "saidong", CommitteeKind.EXECUTIVE, day, absent=[(-1, Presence.EXCUSED, "Đi công tác")],
        kind=MeetingKind.REGULAR, title="phiên họp thường kỳ tháng 6/2021", starts_at=at(day, 14),
        ends_at=at(day, 17, 30), place="Phòng họp A3 - Trụ sở cơ quan phường", chair=secretary,
        secretary=context.holder("saidong", Title.STANDING_DEPUTY_SECRETARY, day),
        content=SAIDONG_CONTENT + "\n" + ILLUSTRATIVE,
        agenda=[
            {"title": "Thông qua dự thảo Nghị quyết lãnh đạo công tác tháng 6/2021", "presenter": "Thường trực Đảng ủy"},
            {"title": "Duyệt 02 hồ sơ kết nạp đảng viên mới, 02 hồ sơ chuyển đảng chính thức"},
            {"title": "Xin ý kiến đóng góp vào dự thảo kế hoạch thực hiện các chương trình của Thành ủy và Quy chế "
                      "hoạt động của UBND phường"},
            {"title": "Thông qua dự thảo báo cáo lãnh đạo thực hiện nhiệm vụ 6 tháng đầu năm, nhiệm vụ 6 tháng cuối "
                      "năm 2021"},
        ],
        conclusion=("Hội nghị thông qua dự thảo báo cáo lãnh đạo thực hiện nhiệm vụ 6 tháng đầu năm, nhiệm vụ 6 tháng "
                    "cuối năm 2021; dự thảo kế hoạch thực hiện các chương trình công tác toàn khóa của Thành ủy; dự "
                    "thảo quy chế hoạt động của UBND phường.\nGiao Ban Thường vụ Đảng ủy, UBND phường hoàn thiện văn "
                    "bản, ký ban hành."),
        key_tasks=[{"text": text, "assignee": orgs[f"saidong-{body}"] if body else None,
                    "due_on": D(2021, 7, 31)} for text, body in SAIDONG_TASKS],
        documents=_cited(orgs, "saidong", 339),
    )
    context.decide(meeting, DecisionKind.RESOLUTION, document=resolution,
                   title="Thông qua Nghị quyết lãnh đạo công tác tháng 6/2021 và nhiệm vụ trọng tâm tháng 7/2021",
                   text="Thông qua Nghị quyết lãnh đạo công tác tháng 6/2021; nhiệm vụ trọng tâm tháng 7/2021 như "
                        "sau:")
    for title in ("Thông qua dự thảo báo cáo lãnh đạo thực hiện nhiệm vụ 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm "
                  "2021",
                  "Thông qua dự thảo kế hoạch thực hiện các chương trình công tác toàn khóa của Thành ủy",
                  "Thông qua dự thảo Quy chế hoạt động của UBND phường"):
        context.decide(meeting, DecisionKind.OTHER, title=title)
    kinds = {EventKind.WARD_ADMISSION_RESOLUTION: DecisionKind.ADMISSION,
             EventKind.WARD_RECOGNITION_RESOLUTION: DecisionKind.RECOGNITION}
    ours = sorted((p for p in paused if p.step.session == "saidong-000"),
                  key=lambda p: (p.step.kind != EventKind.WARD_ADMISSION_RESOLUTION, p.person.search_name))
    for index, item in enumerate(ours):
        decision = context.decide(meeting, kinds[item.step.kind], member=item.member, present_share=index % 2)
        assert decision.event.kind == item.step.kind, (decision.event.kind, item.step)
        item.resume()


# 001 ------------------------------------------------------------------------------------------------------------


def thanhkhetay_review(context: _Context) -> None:
    day = D(2021, 7, 1)
    cuong, su = context.named("Lê Văn Cương"), context.named("Nguyễn Tiến Sữ")
    context.session(
        "thanhkhetay", CommitteeKind.EXECUTIVE, day, absent=[(-1, Presence.EXCUSED, "Ốm")],
        kind=MeetingKind.HALF_YEAR_REVIEW,
        title="hội nghị sơ kết tình hình thực hiện công tác 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối "
              "năm 2021",
        starts_at=at(day, 14), ends_at=at(day, 17), place="Hội trường phường Thanh Khê Tây", chair=cuong,
        secretary=context.holder("thanhkhetay", Title.DEPUTY_SECRETARY, day),
        period_start=D(2021, 1, 1), period_end=D(2021, 6, 30),
        guests=[
            {"name": "Mai Quốc Thạnh", "title": "UVBTV, Trưởng Ban Tuyên giáo Quận ủy Thanh Khê"},
            {"name": "Đại diện lãnh đạo", "title": "Các cơ quan tham mưu giúp việc Quận ủy Thanh Khê"},
        ],
        agenda=[
            {"title": "Dự thảo báo cáo sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2021",
             "presenter": f"đồng chí {su.full_name} – Phó Bí thư Thường trực Đảng ủy phường"},
            {"title": "Trao Giấy khen của Chủ tịch UBND quận Thanh Khê cho 02 tập thể và 02 cá nhân có thành tích "
                      "tiêu biểu trong “Học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”, giai đoạn "
                      "2016 – 2021"},
        ],
        content=("Trong 6 tháng đầu năm, Đảng ủy đã tập trung lãnh đạo, chỉ đạo thực hiện tốt, có hiệu quả, có chuyển "
                 "biến tích cực: lãnh đạo, chỉ đạo thành công cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND "
                 "thành phố khóa X, nhiệm kỳ 2021-2026; chỉ đạo chặt chẽ, kịp thời các biện pháp phòng, chống dịch "
                 "Covid-19; công tác thu ngân sách được quan tâm chỉ đạo; hoàn thành đạt chỉ tiêu công tác giao quân "
                 "năm 2021; an ninh chính trị, trật tự an toàn xã hội được giữ vững.\nCác đồng chí tham dự Hội nghị "
                 "đã đóng góp nhiều ý kiến vào báo cáo sơ kết tình hình công tác 6 tháng đầu năm 2021.\n"
                 + ILLUSTRATIVE),
        speeches=[{"speaker": "Đồng chí Mai Quốc Thạnh – UVBTV, Trưởng Ban Tuyên giáo Quận ủy",
                   "summary": "Khi thực hiện chính quyền đô thị phải sửa đổi, bổ sung quy chế làm việc của Ban Chấp "
                              "hành Đảng bộ phường, nhất là trong mối quan hệ làm việc; về chức năng giám sát, phản "
                              "biện xã hội. Tiếp tục học tập, quán triệt Nghị quyết Đại hội XIII của Đảng và Nghị "
                              "quyết Đại hội lần thứ XXII của Đảng bộ thành phố; hoàn thành 03 nhiệm vụ trọng tâm "
                              "của quận và phường."}],
        conclusion=("Tiếp thu các ý kiến góp ý của các đại biểu.\nTập trung thực hiện 03 nhiệm vụ trọng tâm của quận và "
                    "phường; tăng cường công tác kiểm soát quản lý đất công; triển khai công tác tuyển chọn, gọi công "
                    "dân nhập ngũ năm 2022.\nTăng cường công tác chính trị tư tưởng, nắm bắt thông tin, định hướng dư "
                    "luận xã hội; hoàn thành tốt chương trình kiểm tra, giám sát năm 2021 của Đảng ủy; đẩy mạnh công "
                    "tác phát triển đảng viên."),
        key_tasks=[
            {"text": "Triển khai công tác tuyển chọn, gọi công dân nhập ngũ năm 2022.",
             "assignee": context.orgs["thanhkhetay-ubnd"]},
            {"text": "Mặt trận và các hội đoàn thể phường tổ chức sơ kết đánh giá hoạt động 6 tháng đầu năm.",
             "assignee": context.orgs["thanhkhetay-mttq"]},
            {"text": "Thực hiện tốt Quy chế dân chủ ở cơ sở, công tác “dân vận chính quyền” và phong trào thi đua "
                     "“Dân vận khéo”."},
        ],
        documents=_cited(context.orgs, "thanhkhetay", 5),
    )


# 002 ------------------------------------------------------------------------------------------------------------


def cauonglanh_review(context: _Context) -> None:
    day = D(2020, 7, 7)
    context.session(
        "cauonglanh", CommitteeKind.EXECUTIVE, day, kind=MeetingKind.HALF_YEAR_REVIEW,
        title="hội nghị sơ kết công tác 6 tháng đầu năm và nhiệm vụ, giải pháp 6 tháng cuối năm 2020",
        starts_at=at(day, 8), ends_at=at(day, 11), place="Hội trường UBND phường Cầu Ông Lãnh",
        chair=context.named("Phạm Xuân Khánh"), secretary=context.holder("cauonglanh", Title.STANDING_DEPUTY_SECRETARY,
                                                                        day),
        period_start=D(2020, 1, 1), period_end=D(2020, 6, 30),
        guests=[
            {"name": "Nguyễn Duy An", "title": "Ủy viên Ban Thường vụ Quận ủy, Chủ tịch HĐND Quận 1"},
            {"name": "Hứa Vĩnh Phúc", "title": "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam Quận 1"},
        ],
        agenda=[{"title": "Báo cáo sơ kết công tác 6 tháng đầu năm và nhiệm vụ, giải pháp 6 tháng cuối năm 2020"}],
        content=("Thu ngân sách hơn 4 tỷ đồng – đạt 36,26%; chăm lo 627 suất quà đối với người có công, gia đình chính "
                 "sách; chăm lo hộ nghèo, hộ khó khăn với tổng số tiền 205 triệu đồng; giao 18 thanh niên tham gia "
                 "nghĩa vụ quân sự – đạt 138,5%; tổ chức thành công Đại hội Đảng bộ phường lần thứ XIV, nhiệm kỳ 2020 "
                 "– 2025; trong 6 tháng đầu năm, kết nạp 2 đảng viên.\n"
                 "UBND phường tặng Giấy khen cho 6 tập thể, 22 cá nhân có đóng góp tích cực trong thực hiện nhiệm vụ "
                 "6 tháng đầu năm 2020; 9 tập thể, 16 cá nhân có thành tích xuất sắc trong công tác phòng chống dịch "
                 "Covid-19; 11 cá nhân có thành tích xuất sắc trong công tác chữa cháy tại chỗ.\n" + ILLUSTRATIVE),
        speeches=[{"speaker": "Đồng chí Nguyễn Duy An – Ủy viên Ban Thường vụ Quận ủy, Chủ tịch HĐND Quận 1",
                   "summary": "Ghi nhận kết quả 6 tháng đầu năm; đề nghị Đảng ủy phường tiếp tục quan tâm công tác phát "
                              "triển đảng viên, kiện toàn công tác cán bộ; HĐND quan tâm giám sát chuyên đề; phúc tra "
                              "hộ nghèo; tuyên truyền vận động người dân thực hiện Chỉ thị 11, Chỉ thị 19 và Chỉ thị "
                              "23."}],
        conclusion=("Đảng ủy phường tiếp tục đảm bảo thực hiện tốt các nhiệm vụ thường xuyên định kỳ: Ban Thường vụ "
                    "Đảng ủy phường đi thực tế tại các khu dân cư; Bí thư Đảng ủy, Chủ tịch UBND tiếp đảng viên, công "
                    "dân theo quy định.\nĐảm bảo tình hình an ninh chính trị, trật tự an toàn xã hội; chăm lo cho người "
                    "dân có hoàn cảnh khó khăn, hộ nghèo, cận nghèo."),
        key_tasks=[
            {"text": "Quan tâm công tác phát triển đảng viên; kiện toàn công tác cán bộ."},
            {"text": "Giám sát chuyên đề; phúc tra hộ nghèo.", "assignee": context.orgs["cauonglanh-hdnd"]},
        ],
    )


# 003 ------------------------------------------------------------------------------------------------------------


def bode_working_session(context: _Context) -> None:
    day, orgs = D(2020, 7, 9), context.orgs
    leaders = [(context.holder(f"bode-{body}", title, day), label) for body, title, label in (
        ("mttq", Title.CHAIR, "Chủ tịch Ủy ban MTTQ phường"),
        ("ccb", Title.CHAIR, "Chủ tịch Hội Cựu chiến binh phường"),
        ("phunu", Title.CHAIR, "Chủ tịch Hội Liên hiệp Phụ nữ phường"),
        ("doantn", Title.SECRETARY, "Bí thư Đoàn Thanh niên phường"),
    )]
    meeting = context.session(
        "bode", CommitteeKind.STANDING, day, kind=MeetingKind.WORKING_SESSION,
        title="buổi làm việc với Ủy ban MTTQ và các đoàn thể chính trị - xã hội phường về nhiệm vụ 6 tháng cuối "
              "năm 2020",
        starts_at=at(day, 15, 30), ends_at=at(day, 17, 30), place="Phòng họp số 1 - UBND phường",
        chair=context.named("Nguyễn Ngọc Quang"), period_start=D(2020, 1, 1), period_end=D(2020, 6, 30),
        guests=[{"name": person.full_name, "title": label} for person, label in leaders[1:]] + [
            {"name": "Thường trực UBND phường", "title": "UBND phường Bồ Đề"},
            {"name": "Thường trực Ủy ban MTTQ phường", "title": "Ủy ban MTTQ phường Bồ Đề"},
        ],
        agenda=[{"title": "MTTQ và các đoàn thể báo cáo việc thực hiện nhiệm vụ 6 tháng đầu năm, nhiệm vụ trọng tâm "
                          "6 tháng cuối năm 2020; những vướng mắc và giải pháp thực hiện các chỉ tiêu còn lại"}],
        content=("Trong 6 tháng đầu năm, MTTQ và các đoàn thể đã bám sát các chỉ đạo của Đảng ủy phường triển khai "
                 "đến các chi hội đoàn thể tại tổ dân phố; thực hiện giám sát 6 quy chế dân chủ do quận ban hành; "
                 "thực hiện các tiêu chí cơ quan điện tử, kỷ cương hành chính gắn trách nhiệm với người đứng đầu; rà "
                 "soát các quy trình nội bộ, thực hiện nghiêm chế độ thông tin báo cáo; thực hiện đạt và vượt nhiều "
                 "chỉ tiêu trên giao.\n" + ILLUSTRATIVE),
        speeches=[{"speaker": f"Đồng chí {person.full_name} – {label}",
                   "summary": "Báo cáo kết quả 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2020, những vướng "
                              "mắc và giải pháp thực hiện các chỉ tiêu còn lại."}
                  for person, label in leaders],
        conclusion=("Ghi nhận những thành tích đã đạt được của UBMTTQ, các đoàn thể chính trị - xã hội trong 6 tháng "
                    "đầu năm; tiếp thu các ý kiến đóng góp cho Ban Thường vụ Đảng ủy.\nĐề nghị UBMTTQ, các đoàn thể "
                    "tiếp tục thực hiện có hiệu quả công tác giám sát, phản biện; thực hiện có hiệu quả các Nghị "
                    "quyết chuyên đề của Đảng ủy về trật tự văn minh đô thị, vệ sinh môi trường gắn với chủ đề “Hành "
                    "động vì một quận Long Biên xanh - sạch - đẹp - văn minh”; giữ vững danh hiệu phường văn minh đô "
                    "thị.\nTuyên truyền đến các hội viên, đoàn viên về thực hiện 6 quy chế dân chủ do quận ban hành "
                    "gắn với thực hiện Quyết định 217, 218 của Bộ Chính trị."),
        key_tasks=[
            {"text": "Tiếp tục thực hiện có hiệu quả công tác giám sát, phản biện; rà soát lại công tác phối hợp giữa "
                     "MTTQ, các đoàn thể.", "assignee": orgs["bode-mttq"]},
            {"text": "Phối hợp với UBND phường tuyên truyền vận động nhân dân về giải phóng mặt bằng, quản lý trật tự "
                     "đô thị, vệ sinh môi trường; tham gia mô hình tự quản tại các tuyến phố, tuyến ngõ được phân "
                     "công.", "assignee": orgs["bode-mttq"]},
            {"text": "Tuyên truyền đến hội viên về 6 quy chế dân chủ gắn với Quyết định 217, 218 của Bộ Chính trị.",
             "assignee": orgs["bode-ccb"]},
            {"text": "Thực hiện tốt các tiêu chí cơ quan điện tử, các nội dung đăng tải tin bài; chế độ thông tin báo "
                     "cáo theo quy định.", "assignee": orgs["bode-doantn"]},
        ],
        documents=_cited(orgs, "bode", 217, 218),
    )
    return meeting


# 004 ------------------------------------------------------------------------------------------------------------

CUKHOI_SPEECHES = (
    ("Bí thư Chi bộ Tổ dân phố số 1",
     "Do kiêm nhiệm Bí thư chi bộ và Trưởng ban công tác mặt trận nên khối lượng công việc nhiều, địa bàn rộng."),
    ("Bí thư Chi bộ Tổ dân phố số 3",
     "Khu vực ngoài bãi dân cư sống rải rác; sau sáp nhập tổ dân phố việc triển khai hoạt động của tổ gặp nhiều khó "
     "khăn, hạn chế trong công tác tuyên truyền vận động."),
    ("Tổ trưởng Tổ dân phố số 5",
     "Phụ cấp còn hạn chế nên người hoạt động không chuyên trách tổ dân phố không muốn gắn bó với công việc."),
    ("Đại diện Hội Nông dân phường",
     "Duy trì vùng sản xuất rau, quả an toàn theo tiêu chuẩn VietGap."),
    ("Đại diện UBND phường",
     "Công tác giải phóng mặt bằng thực hiện các dự án trên địa bàn phường; công tác xây dựng Đảng năm 2021."),
)


def cukhoi_review(context: _Context) -> None:
    day, orgs = D(2020, 12, 28), context.orgs
    minh, nam = context.named("Nguyễn Thị Minh"), context.named("Ngô Văn Nam")
    context.session(
        "cukhoi", CommitteeKind.EXECUTIVE, day, absent=[(-1, Presence.EXCUSED, "Đi học")],
        kind=MeetingKind.PROGRAM_REVIEW,
        title="hội nghị sơ kết đánh giá thực hiện Đề án số 15-ĐA/QU của Quận ủy; tổng kết công tác xây dựng Đảng "
              "năm 2020, triển khai nhiệm vụ trọng tâm năm 2021",
        starts_at=at(day, 8), ends_at=at(day, 11, 30),
        place="Hội trường Trung tâm văn hóa thể thao phường Cự Khối", chair=context.named("Nguyễn Quốc Toản"),
        secretary=minh, period_start=D(2020, 1, 1), period_end=D(2020, 12, 31),
        guests=[{"name": "Các đồng chí Bí thư chi bộ, Trưởng ban CTMT, Tổ trưởng, tổ phó các tổ dân phố",
                 "title": "Các tổ dân phố trên địa bàn phường Cự Khối"},
                {"name": "Lãnh đạo UBND, UB MTTQ, trưởng, phó các đoàn thể chính trị - xã hội",
                 "title": "Phường Cự Khối"}],
        agenda=[
            {"title": "Báo cáo đánh giá việc thực hiện Đề án số 15-ĐA/QU của Quận ủy",
             "presenter": f"đồng chí {minh.full_name} – Phó Bí thư Thường trực Đảng ủy"},
            {"title": "Báo cáo tổng kết công tác xây dựng Đảng năm 2020, triển khai nhiệm vụ trọng tâm năm 2021",
             "presenter": f"đồng chí {nam.full_name} – Phó Bí thư, Chủ tịch UBND phường"},
        ],
        content=("Thực hiện Công văn số 139-CV/QU ngày 15/12/2020 của Quận ủy về việc sơ kết việc thực hiện Đề án "
                 "15-ĐA/QU; Đề án số 21-ĐA/TU ngày 16/9/2019 của Ban Thường vụ Thành ủy Hà Nội.\n"
                 "Cấp phường: số người hoạt động không chuyên trách trước khi sắp xếp là 11 người/9 chức danh, sau khi "
                 "sắp xếp là 07 người/9 chức danh; kinh phí bình quân mỗi tháng từ 19.738.179 đồng còn 16.183.188 đồng."
                 "\nTổ dân phố: từ 13 tổ còn 07 tổ; 4/07 tổ thực hiện mô hình Bí thư chi bộ kiêm Trưởng ban công tác "
                 "mặt trận; người hoạt động không chuyên trách từ 33 người còn 17 người; kinh phí bình quân mỗi tháng "
                 "từ 41.822.973 đồng còn 30.247.000 đồng.\n" + ILLUSTRATIVE),
        speeches=[{"speaker": speaker, "summary": summary} for speaker, summary in CUKHOI_SPEECHES],
        conclusion=("Tiếp thu những ý kiến đóng góp của các đại biểu, kiến nghị đề xuất Quận ủy các giải pháp phù hợp.\n"
                    "Đề nghị các đồng chí Bí thư chi bộ, tổ trưởng dân phố tiếp tục tuyên truyền, quán triệt Đề án số "
                    "21-ĐA/TU của Thành ủy và Đề án 15-ĐA/QU của Quận ủy; tiếp tục theo dõi, đánh giá kết quả cũng như "
                    "tác động của đề án; thực hiện các chế độ, chính sách cho người hoạt động không chuyên trách đúng "
                    "quy định và kịp thời; kiện toàn kịp thời các chức danh khi có sự thay đổi."),
        key_tasks=[
            {"text": "Tổ chức các hoạt động đón chào năm mới 2021; chào mừng Đại hội Đảng toàn quốc lần thứ XIII.",
             "due_on": D(2021, 1, 31)},
            {"text": "Triển khai có hiệu quả công tác phòng, chống dịch Covid-19 trong tình hình mới.",
             "assignee": orgs["cukhoi-ubnd"], "due_on": D(2021, 1, 31)},
            {"text": "Tổ chức tổng kết phong trào thi đua năm 2020, phát động phong trào thi đua năm 2021.",
             "assignee": orgs["cukhoi-ubnd"], "due_on": D(2021, 1, 31)},
            {"text": "Chuẩn bị các điều kiện tổ chức Đại hội Hội Người cao tuổi nhiệm kỳ 2021 - 2026.",
             "assignee": orgs["cukhoi-nct"], "due_on": D(2021, 1, 31)},
            {"text": "Rà soát, bổ sung quy hoạch Ủy viên Ban Chấp hành Đảng bộ nhiệm kỳ 2020-2025.",
             "due_on": D(2021, 1, 31)},
        ],
        documents=_cited(orgs, "cukhoi", 15, 21, 139),
    )


# Chi bộ meetings for the checklist --------------------------------------------------------------------------------


def cell_meetings(context: _Context) -> None:
    """Sài Đồng's residential chi bộ in the autumn of 2026: the first ten held their monthly meetings in
    September and October, the first six in November too; the first four held a themed meeting in the third
    quarter. The checklist shows the others as missing."""
    cells = Organization.objects.filter(path__startswith=context.orgs["saidong"].path, kind=Kind.CELL,
                                        cell_category=CellCategory.RESIDENTIAL).order_by("code")[:10]
    today = timezone.localdate()
    for number, cell in enumerate(cells, start=1):
        secretary = Position.objects.filter(organization=cell, title=Title.SECRETARY).select_related("person").first()
        if secretary is None:
            continue
        held = [(D(2026, 9, 5), MeetingKind.CELL_MONTHLY), (D(2026, 10, 5), MeetingKind.CELL_MONTHLY)]
        if number <= 6:
            held.append((D(2026, 11, 5), MeetingKind.CELL_MONTHLY))
        if number <= 4:
            held.append((D(2026, 9, 19), MeetingKind.CELL_THEMED))
        for day, kind in held:
            if day > today:
                continue
            create_meeting(MeetingRecord(
                organization=cell, kind=kind, starts_at=at(day, 19, 30), ends_at=at(day, 21, 30),
                place="Nhà văn hóa tổ dân phố", chair=secretary.person,
                title=("sinh hoạt chuyên đề quý III/2026: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
                       "Minh" if kind == MeetingKind.CELL_THEMED else ""),
                content="Kiểm điểm việc thực hiện nhiệm vụ tháng trước; đề ra nhiệm vụ tháng tới.",
            ), actor=context.actor)


# Sài Đồng's Ban Thường vụ, 26/11/2026 ---------------------------------------------------------------------------


def saidong_standing_session(context: _Context, paused) -> None:
    """The Ban Thường vụ of the 2025–2030 term decides one admission and one official recognition on the chi bộ
    resolutions (from 01/7/2025 the ward decides, docs/rules.md §1.7): each decision a Quyết định of the ward's register
    with its next QĐ number (demo/members.py paused those histories at these steps)."""
    day = SAIDONG_BTV_SESSION
    if day > timezone.localdate():
        return
    secretary = context.holder("saidong", Title.SECRETARY, day)
    meeting = context.session(
        "saidong", CommitteeKind.STANDING, day, kind=MeetingKind.REGULAR,
        title="phiên họp thường kỳ tháng 11/2026", starts_at=at(day, 8), ends_at=at(day, 11),
        place="Phòng họp Đảng ủy phường", chair=secretary,
        secretary=context.holder("saidong", Title.STANDING_DEPUTY_SECRETARY, day),
        agenda=[{"title": "Xét hồ sơ kết nạp đảng viên và công nhận đảng viên chính thức"}],
        content="Ban Thường vụ xem xét nghị quyết của các chi bộ đề nghị kết nạp đảng viên, công nhận đảng viên "
                "chính thức.\n" + ILLUSTRATIVE,
    )
    kinds = {EventKind.ADMISSION_DECISION: DecisionKind.ADMISSION,
             EventKind.RECOGNITION_DECISION: DecisionKind.RECOGNITION}
    ours = sorted((p for p in paused if p.step.session == SAIDONG_BTV_KEY),
                  key=lambda p: (p.step.kind != EventKind.ADMISSION_DECISION, p.person.search_name))
    for item in ours:
        decision = context.decide(meeting, kinds[item.step.kind], member=item.member)
        assert decision.event.kind == item.step.kind, (decision.event.kind, item.step)
        item.resume()
