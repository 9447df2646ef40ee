"""A meeting's papers are drawn once and kept until what they print changes (issue 15, "HTTP under load";
documents.kept): a second download hands out the kept file without drawing it again; every kind of change that shows
on the paper, whether made through the meeting's services or to another record it prints (a person's name, the unit
above, a key task), gives a paper drawn anew that shows it; the scope of a download is unchanged."""

import datetime

import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.urls import reverse

from audit.models import LogEntry
from documents import kept
from documents.papers import FORMATS
from documents.tests.test_layout_render import flat, pdf_pages
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import DecisionKind, Presence
from meetings.services import correct_meeting, record_decision
from meetings.tests.conftest import person
from meetings.tests.test_pages import enter_session
from org.models import Organization, Person, Position, Title
from org.tests.test_api_people import bearer

D = datetime.date
PLACE = "Phòng họp A3, trụ sở phường"


@pytest.fixture
def drawn(monkeypatch):
    """Every paper drawn, as (format, kind title): each renderer of documents.papers.FORMATS counted."""
    papers = []
    for fmt, (content_type, render) in list(FORMATS.items()):
        def counted(paper, render=render, fmt=fmt):
            papers.append((fmt, paper.kind_title))
            return render(paper)
        monkeypatch.setitem(FORMATS, fmt, (content_type, counted))
    return papers


@pytest.fixture
def meeting(session, world, clerk):
    return enter_session(session, world, clerk, conclusion="Tập trung thực hiện 03 nhiệm vụ trọng tâm.",
                         key_tasks=[{"text": "Tổ chức học tập Nghị quyết Đại hội XIII", "assignee": world.cell}])


def download(client, user, meeting, which="minutes", fmt="pdf"):
    client.force_login(user)
    return client.get(reverse(f"meeting_{which}", args=[meeting.pk]), {"format": fmt})


def text_of(response) -> str:
    assert response.status_code == 200, response.content[:300]
    return flat(" ".join(pdf_pages(response.content)))


def kept_files(meeting) -> list[str]:
    storage = storages["default"]
    folder = f"{kept.FOLDER}/meetings/{meeting.pk}"
    return sorted(storage.listdir(folder)[1]) if storage.exists(folder) else []


def test_the_second_download_hands_out_the_kept_paper_without_drawing_it_again(client, clerk, meeting, drawn):
    first = download(client, clerk, meeting)
    second = download(client, clerk, meeting)
    through_the_api = client.get(f"/api/v1/meetings/{meeting.pk}/minutes", {"format": "pdf"}, **bearer(client, clerk))
    assert drawn == [("pdf", "BIÊN BẢN")]
    assert first.content == second.content == through_the_api.content
    assert "Phòng họp A3, trụ sở phường" in text_of(second)
    (name,) = kept_files(meeting)
    with storages["default"].open(f"{kept.FOLDER}/meetings/{meeting.pk}/{name}", "rb") as stored:
        assert stored.read() == second.content  # what is handed out is the kept file
    assert LogEntry.objects.filter(action="meetings.minutes.exported").count() == 3  # each download still audited

    docx = download(client, clerk, meeting, fmt="docx")
    assert docx.content.startswith(b"PK") and download(client, clerk, meeting, fmt="docx").content == docx.content
    assert drawn == [("pdf", "BIÊN BẢN"), ("docx", "BIÊN BẢN")]  # each format drawn once, and kept apart
    assert len(kept_files(meeting)) == 2


def test_a_kept_paper_of_another_kind_is_not_handed_out_for_this_one(client, clerk, meeting, drawn):
    minutes = text_of(download(client, clerk, meeting))
    conclusion = text_of(download(client, clerk, meeting, "conclusion"))
    assert "BIÊN BẢN" in minutes and "THÔNG BÁO" in conclusion and "THÔNG BÁO" not in minutes
    assert drawn == [("pdf", "BIÊN BẢN"), ("pdf", "THÔNG BÁO")]


def _place(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Ghi nhầm địa điểm", place="Hội trường UBND phường", actor=clerk)


def _attendance(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Điểm danh lại",
                    attendance={session.members[4].pk: (Presence.EXCUSED, "Đi công tác tỉnh Lào Cai")}, actor=clerk)


def _agenda(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Bổ sung chương trình", actor=clerk,
                    agenda=[{"title": "Thông qua quy chế phối hợp với MTTQ", "presenter": "Đồng chí Phó Bí thư"}])


def _guests(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Bổ sung đại biểu", actor=clerk,
                    guests=[{"name": "Mai Quốc Thạnh", "title": "Trưởng Ban Tuyên giáo Quận ủy"}])


def _speeches(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Bổ sung ý kiến", actor=clerk,
                    speeches=[{"speaker": "Đồng chí Trần Thị Bích", "summary": "Đề nghị đẩy nhanh tiến độ."}])


def _decision(meeting, session, world, clerk):
    record_decision(meeting, kind=DecisionKind.OTHER, title="Thông qua kế hoạch kiểm tra năm 2021", votes_for=5,
                    actor=clerk)


def _key_tasks(meeting, session, world, clerk):
    correct_meeting(meeting, reason="Sửa nhiệm vụ", actor=clerk,
                    key_tasks=[{"text": "Rà soát hồ sơ đảng viên dự bị", "assignee": world.cell}])


def _a_key_task_edited_in_the_work_program(meeting, session, world, clerk):
    (task,) = key_task_keeper().tasks_of(meeting)
    apps.get_model("work", "Task").objects.filter(pk=task.id).update(text="Tổ chức quán triệt Nghị quyết Đại hội XIII")


def _the_chairs_name(meeting, session, world, clerk):
    Person.objects.filter(pk=session.secretary.pk).update(full_name="Nguyễn Văn Ân")


def _the_unit_above(meeting, session, world, clerk):
    Organization.objects.filter(pk=world.district.pk).update(name="Quận ủy Gia Lâm")


# (change, what the paper shows after it, what it showed before and no longer shows)
CHANGES = [
    (_place, "Địa điểm: Hội trường UBND phường.", f"Địa điểm: {PLACE}."),
    (_attendance, "Hoàng Văn Em (Đi công tác tỉnh Lào Cai)", "vắng: 0 đồng chí"),
    (_agenda, "1. Thông qua quy chế phối hợp với MTTQ (trình bày: Đồng chí Phó Bí thư).", None),
    (_guests, "Đồng chí Mai Quốc Thạnh – Trưởng Ban Tuyên giáo Quận ủy.", None),
    (_speeches, "Đồng chí Trần Thị Bích: Đề nghị đẩy nhanh tiến độ.", None),
    (_decision, "Thông qua kế hoạch kiểm tra năm 2021: tán thành 5/5 (100%).", None),
    (_key_tasks, "Rà soát hồ sơ đảng viên dự bị", "Tổ chức học tập Nghị quyết Đại hội XIII"),
    (_a_key_task_edited_in_the_work_program, "Tổ chức quán triệt Nghị quyết Đại hội XIII",
     "Tổ chức học tập Nghị quyết Đại hội XIII"),
    (_the_chairs_name, "Nguyễn Văn Ân", "Nguyễn Văn An"),
    (_the_unit_above, "ĐẢNG BỘ QUẬN GIA LÂM", "ĐẢNG BỘ QUẬN LONG BIÊN"),
]


@pytest.mark.parametrize(("change", "shown", "gone"), CHANGES,
                         ids=[change.__name__.strip("_") for change, *_ in CHANGES])
def test_a_change_to_what_the_minutes_print_gives_a_paper_drawn_anew_that_shows_it(
        client, clerk, session, world, meeting, drawn, change, shown, gone):
    before = text_of(download(client, clerk, meeting))
    assert shown not in before
    if gone:
        assert gone in before
    change(meeting, session, world, clerk)

    after = text_of(download(client, clerk, meeting))
    assert shown in after
    if gone:
        assert gone not in after
    assert drawn == [("pdf", "BIÊN BẢN")] * 2
    assert text_of(download(client, clerk, meeting)) == after and len(drawn) == 2  # the new paper is kept in turn
    assert len(kept_files(meeting)) == 1  # the earlier paper is deleted


def test_the_office_heads_notice_is_drawn_anew_when_another_head_signs(client, clerk, session, world, meeting, drawn):
    first = person(world.ward, "Lương Thị Hoa", D(1980, 1, 1))
    held = Position.objects.create(person=first, organization=world.ward, title=Title.OFFICE_CHIEF,
                                   start_date=D(2020, 6, 20))
    assert "Lương Thị Hoa" in text_of(download(client, clerk, meeting, "conclusion_office"))
    held.end_date = D(2021, 6, 1)
    held.save()
    Position.objects.create(person=person(world.ward, "Đinh Văn Tú", D(1982, 2, 2)), organization=world.ward,
                            title=Title.OFFICE_CHIEF, start_date=D(2021, 6, 2))
    text = text_of(download(client, clerk, meeting, "conclusion_office"))
    assert "Đinh Văn Tú" in text and "Lương Thị Hoa" not in text and "CHÁNH VĂN PHÒNG" in text
    assert len(drawn) == 2


def test_a_new_version_of_the_drawing_code_draws_every_paper_anew(client, clerk, meeting, drawn, monkeypatch):
    download(client, clerk, meeting)
    monkeypatch.setattr(kept, "drawing_version", lambda: "another release")
    download(client, clerk, meeting)
    download(client, clerk, meeting)
    assert len(drawn) == 2


def test_a_paper_once_kept_is_still_refused_to_another_ward(client, clerk, outsider, meeting, drawn):
    assert download(client, clerk, meeting).status_code == 200
    assert download(client, outsider, meeting).status_code == 404
    api = client.get(f"/api/v1/meetings/{meeting.pk}/minutes", {"format": "pdf"}, **bearer(client, outsider))
    assert api.status_code == 404 and not api.content.startswith(b"%PDF")
    assert LogEntry.objects.filter(action="meetings.minutes.exported", actor=outsider).count() == 0


def test_a_store_that_fails_costs_the_keeping_not_the_download(client, clerk, meeting, drawn, monkeypatch):
    storage = storages["default"]

    def broken(*args, **kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(storage, "save", broken)
    assert text_of(download(client, clerk, meeting)).startswith("ĐẢNG BỘ")
    assert kept_files(meeting) == [] and len(drawn) == 1
