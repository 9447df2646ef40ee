"""Forms of the meetings pages: they parse; the rules are in meetings/services.py and meetings/rules.py.

The one form of a meeting is built around what the organisation, committee and day entered so far give it: the
roster (one presence row per person), the dossiers awaiting a decision and the draft documents of the organisation.
`read_setting` reads those three from the submitted values before the form is made."""

import datetime
import re
import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import Form, add_service_errors, date_field
from core.text import LONG_TEXT_MAX, NOTE_MAX
from core.versions import version_field
from meetings.key_tasks import keeper as key_task_keeper
from meetings.models import DecisionKind, MeetingKind, Presence
from meetings.services import WHO_DECIDES_ON_MEMBERS
from org.forms import unit_picker
from org.models import Committee, CommitteeKind, Kind

ROWS = 5  # empty rows offered for speeches and key tasks; more appear each time the form is reloaded
MAX_ROWS = 60
# "Họ tên — chức vụ": an em or en dash, or a hyphen between spaces.
NAME_SEPARATOR = re.compile(r"\s*[—–]\s*|\s+-\s+")
# Where a service's error keys are shown on this form.
SERVICE_FIELDS = {"starts_at": "day", "ends_at": "ends"}
SECTIONS = ("attendance", "speeches", "key_tasks")


def time_field(label: str, required: bool = False) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=required, input_formats=["%H:%M", "%Hh%M", "%Hh"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"}),
        error_messages={"invalid": "Giờ không hợp lệ: hãy nhập theo dạng hh:mm, ví dụ 14:00.",
                        "required": f"Hãy ghi {label.lower()}."},
    )


def votes_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0}),
                              error_messages={"min_value": "Số phiếu không được âm.",
                                              "invalid": "Số phiếu phải là số nguyên."})


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


# Who meets and when ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """The organisation, committee and day the roster and the dossiers are read for."""

    organization: object  # org.Organization, or None when the user may enter no meeting
    committee: Committee | None
    day: datetime.date

    @property
    def key(self) -> str:
        """Rendered with the roster: a submitted form whose key differs was filled for another roster."""
        committee = self.committee.pk if self.committee else ""
        return f"{self.organization.pk if self.organization else ''}:{committee}:{self.day:%Y-%m-%d}"

    def noon(self) -> datetime.datetime:
        return aware(self.day, datetime.time(12))


def _pick(queryset, raw):
    try:
        return queryset.filter(pk=uuid.UUID(str(raw))).first() if raw else None
    except ValueError:
        return None


def read_setting(values, organizations) -> Setting:
    """The organisation, committee and day in `values` (a GET's or a POST's), with defaults: the first organisation
    offered, today, and for a ward its committee of the chosen kind (else the Ban Chấp hành) in the term on that
    day."""
    organization = _pick(organizations, values.get("organization")) or organizations.first()
    try:
        day = date_field("Ngày họp").clean(values.get("day", "")) or timezone.localdate()
    except ValidationError:
        day = timezone.localdate()
    committee = None
    if organization is not None and organization.kind != Kind.CELL:
        chosen = _pick(Committee.objects.filter(organization=organization), values.get("committee"))
        committee = organization.committee_on(chosen.kind if chosen else CommitteeKind.EXECUTIVE, day) or chosen
    return Setting(organization, committee, day)


# The one form of a meeting ------------------------------------------------------------------------------------


class CommitteeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_kind_display()} nhiệm kỳ {obj.term.name}"


@dataclass
class DecisionRow:
    """One matter the meeting may vote on: a dossier (member) or a draft (document), and its fields' names."""

    key: str
    kind: str
    name: str
    member: object = None  # members.PartyMember
    document: object = None  # documents.Document
    fields: tuple = ()

    @property
    def errors(self) -> list:
        return [error for field in self.fields for error in field.errors]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _filled_rows(values, prefix: str) -> int:
    numbers = [int(match.group(1)) for name, value in values.items()
               if value and (match := re.fullmatch(rf"{prefix}_(\d+)_\w+", name))]
    return min(max(ROWS, max(numbers, default=0) + 2), MAX_ROWS)


# The units whose meetings are entered: the ward committees and the chi bộ.
MEETING_BODIES = (Kind.WARD_COMMITTEE, Kind.COMMUNE_COMMITTEE, Kind.CELL)


class MeetingForm(Form):
    """A whole meeting: who, when, where; the roster's presence; guests, agenda, speeches, content, conclusion, key
    tasks; and the decisions voted (dossiers, drafts, one other matter)."""

    organization = forms.ModelChoiceField(label="Tổ chức họp", queryset=None, empty_label=None,
                                          widget=unit_picker("meetings.change", MEETING_BODIES))
    committee = CommitteeChoiceField(label="Ban họp", queryset=None, required=False,
                                     empty_label="— không chọn (cuộc họp chi bộ) —")
    kind = forms.ChoiceField(label="Loại cuộc họp", choices=MeetingKind.choices)
    day = date_field("Ngày họp", required=True)
    starts = time_field("Giờ bắt đầu", required=True)
    ends = time_field("Giờ kết thúc")
    place = forms.CharField(label="Địa điểm", max_length=255, error_messages={"required": "Hãy ghi địa điểm họp."})
    title = forms.CharField(
        label="Tên cuộc họp", max_length=300, required=False,
        help_text="Bỏ trống thì đặt theo loại và tháng, ví dụ “phiên họp thường kỳ tháng 6/2021”.",
    )
    chair = forms.ChoiceField(label="Chủ trì", error_messages={"required": "Hãy chọn người chủ trì."})
    secretary = forms.ChoiceField(label="Thư ký", required=False)
    period_start = date_field("Kỳ đánh giá từ ngày")
    period_end = date_field("Kỳ đánh giá đến ngày")
    guests = forms.CharField(
        label="Đại biểu mời", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một người: “Họ tên — chức vụ, đơn vị”, ví dụ “Mai Quốc Thạnh — UVBTV, Trưởng Ban "
                  "Tuyên giáo Quận ủy”.",
    )
    agenda = forms.CharField(label="Chương trình", required=False, max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text="Mỗi dòng một nội dung.")
    content = forms.CharField(label="Nội dung, kết quả", required=False, max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="Những nội dung chính hội nghị đã nghe, thảo luận, đánh giá.")
    conclusion = forms.CharField(label="Kết luận", required=False, max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}))
    other_kind = forms.ChoiceField(label="Loại", required=False, choices=[
        (DecisionKind.RESOLUTION, "Nghị quyết, văn bản"), (DecisionKind.OTHER, "Quyết định khác"),
    ])
    other_title = forms.CharField(label="Nội dung biểu quyết khác", required=False, max_length=500,
                                  help_text="Ví dụ: Thông qua Quy chế làm việc của Ban Chấp hành.")
    other_for = votes_field("Tán thành")
    other_against = votes_field("Không tán thành")
    other_abstained = votes_field("Không biểu quyết")

    # Shown above the decisions: which body may decide what on members (meetings.services.WHO_DECIDES_ON_MEMBERS).
    who_decides = WHO_DECIDES_ON_MEMBERS

    def __init__(self, *args, organizations, committees, roster, dossiers, drafts, units, refresh_url="",
                 numbered_by_registry=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbered_by_registry = numbered_by_registry
        values = self.data if self.is_bound else self.initial
        self.fields["organization"].queryset = organizations
        self.fields["committee"].queryset = committees
        if refresh_url:
            for name in ("organization", "committee", "day"):
                self.fields[name].widget.attrs.update({
                    "hx-post": refresh_url, "hx-trigger": "change", "hx-target": "#roster", "hx-swap": "outerHTML",
                    "hx-include": "#meeting-setting, #roster, #decisions",
                    # A POST: the roster it carries back is longer than an address may be (a chi bộ of 45 and more).
                    # A newer change aborts a reload still on its way, so the roster follows the latest choice.
                    "hx-sync": "#meeting-form:replace",
                })
        self.section_errors: dict[str, list[str]] = {name: [] for name in SECTIONS}
        self._attendance(roster)
        self._row_fields(values, units)
        self._decision_fields(dossiers, drafts)
        for name, field in self.fields.items():  # the rows' fields have no <label> of their own
            if name not in self.base_fields:
                field.widget.attrs.setdefault("aria-label", field.label)

    # Building --------------------------------------------------------------------------------------------------

    def _attendance(self, roster) -> None:
        self.roster = roster
        self.people = {entry.person.pk.hex: entry.person for entry in roster}
        people = [(entry.person.pk.hex, f"{entry.person.full_name} — {entry.role}") for entry in roster]
        self.fields["chair"].choices = [("", "— chọn người chủ trì —"), *people]
        self.fields["secretary"].choices = [("", "— chọn thư ký —"), *people]
        for name in ("chair", "secretary"):  # a person of another roster (the setting changed) is forgotten
            if self.initial.get(name) not in self.people:
                self.initial.pop(name, None)
        if roster and self.initial.get("committee"):
            self.fields["chair"].initial = roster[0].person.pk.hex  # the Bí thư comes first
        self.attendance_rows = []
        for entry in roster:
            key, name = entry.person.pk.hex, entry.person.full_name
            self.fields[f"presence_{key}"] = forms.ChoiceField(
                label=f"Tình hình dự họp: {name}", choices=Presence.choices, initial=entry.presence, required=False)
            self.fields[f"reason_{key}"] = forms.CharField(
                label=f"Lý do: {name}", max_length=255, initial=entry.reason, required=False)
            self.attendance_rows.append((entry, self[f"presence_{key}"], self[f"reason_{key}"]))

    def _row_fields(self, values, units) -> None:
        self.units = {unit.pk.hex: unit for unit in units}
        unit_choices = [("", "—"), *((key, unit.name) for key, unit in self.units.items())]
        self.speech_rows, self.task_rows = [], []
        for number in range(1, _filled_rows(values, "speech") + 1):
            self.fields[f"speech_{number}_speaker"] = forms.CharField(
                label=f"Người phát biểu {number}", max_length=300, required=False)
            self.fields[f"speech_{number}_summary"] = forms.CharField(
                label=f"Tóm tắt ý kiến {number}", required=False, max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}))
            self.speech_rows.append((self[f"speech_{number}_speaker"], self[f"speech_{number}_summary"]))
        for number in range(1, _filled_rows(values, "task") + 1):
            self.fields[f"task_{number}_text"] = forms.CharField(
                label=f"Nhiệm vụ {number}", required=False, max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"task_{number}_assignee"] = forms.ChoiceField(
                label=f"Đơn vị thực hiện {number}", choices=unit_choices, required=False)
            self.fields[f"task_{number}_due"] = date_field(f"Thời hạn {number}")
            self.task_rows.append(
                tuple(self[f"task_{number}_{part}"] for part in ("text", "assignee", "due")))

    def _decision_fields(self, dossiers, drafts) -> None:
        self.decision_sections = []
        for kind in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION):
            rows = [self._decision_row(kind, member.pk.hex, member.person.full_name, member=member)
                    for dossier_kind, member in dossiers if dossier_kind == kind]
            self.decision_sections.append((DecisionKind(kind).label, rows))
        rows = [self._decision_row(DecisionKind.RESOLUTION, document.pk.hex, f"{document.get_doc_type_display()} "
                                   f"“{document.summary}”", document=document) for document in drafts]
        self.decision_sections.append(("Thông qua dự thảo văn bản", rows))
        self.decision_rows = [row for _, rows in self.decision_sections for row in rows]

    def _decision_row(self, kind, pk, name, member=None, document=None) -> DecisionRow:
        key = f"{kind}_{pk}"
        self.fields[key] = forms.BooleanField(label=f"Thông qua: {name}", required=False)
        self.fields[f"{key}_for"] = votes_field(f"Tán thành ({name})")
        self.fields[f"{key}_against"] = votes_field(f"Không tán thành ({name})")
        self.fields[f"{key}_abstained"] = votes_field(f"Không biểu quyết ({name})")
        names = [key, f"{key}_for", f"{key}_against", f"{key}_abstained"]
        if member is not None and not self.numbered_by_registry:
            self.fields[f"{key}_no"] = forms.CharField(
                label=f"Số nghị quyết ({name})", max_length=64, required=False,
                help_text="Để trống khi Đảng ủy quyết định (từ 01/7/2025): số lấy trong sổ văn bản.")
            names.append(f"{key}_no")
        return DecisionRow(key, kind, name, member, document, tuple(self[name] for name in names))

    # Parsing ---------------------------------------------------------------------------------------------------

    def clean_chair(self):
        return self.people.get(self.cleaned_data["chair"])

    def clean_secretary(self):
        return self.people.get(self.cleaned_data["secretary"])

    def clean(self):
        data = super().clean()
        for row in self.decision_rows:
            if data.get(row.key) and data.get(f"{row.key}_for") is None and f"{row.key}_for" not in self.errors:
                self.add_error(row.key, f"{row.name}: hãy ghi số phiếu tán thành.")
        if data.get("other_title") and data.get("other_for") is None and "other_for" not in self.errors:
            self.add_error("other_for", "Hãy ghi số phiếu tán thành.")
        return data

    def meeting_data(self) -> dict:
        """The keyword arguments of meetings.services.create_meeting (without the actor)."""
        data = self.cleaned_data
        day = data["day"]
        return {
            "organization": data["organization"], "committee": data["committee"], "kind": data["kind"],
            "starts_at": aware(day, data["starts"]), "ends_at": aware(day, data["ends"]) if data["ends"] else None,
            "place": data["place"], "title": data["title"], "chair": data["chair"], "secretary": data["secretary"],
            "period_start": data["period_start"], "period_end": data["period_end"],
            "content": data["content"], "conclusion": data["conclusion"],
            "attendance": {
                entry.person.pk: (data.get(f"presence_{key}") or entry.presence, data.get(f"reason_{key}", ""))
                for entry in self.roster for key in [entry.person.pk.hex]
            },
            "guests": [dict(zip(("name", "title"), [*NAME_SEPARATOR.split(line, maxsplit=1), ""][:2], strict=True))
                       for line in _lines(data["guests"])],
            "agenda": [{"title": line} for line in _lines(data["agenda"])],
            "speeches": [
                {"speaker": data[speaker.name], "summary": data[summary.name]}
                for speaker, summary in self.speech_rows if data[speaker.name] or data[summary.name]
            ],
            "key_tasks": [
                {"text": data[text.name], "assignee": self.units.get(data[assignee.name]), "due_on": data[due.name]}
                for text, assignee, due in self.task_rows if data[text.name] or data[assignee.name]
            ],
        }

    def ticked(self) -> list[tuple[object, dict]]:
        """(row, keyword arguments of meetings.services.record_decision) for each matter voted on the form; the
        row is None for the other matter."""
        data = self.cleaned_data
        ticked = []
        for row in self.decision_rows:
            if data.get(row.key):
                ticked.append((row, {
                    "kind": row.kind, "member": row.member, "document": row.document,
                    **self._votes(row.key), "decision_no": data.get(f"{row.key}_no", ""),
                }))
        if data.get("other_title"):
            ticked.append((None, {"kind": data["other_kind"] or DecisionKind.OTHER, "title": data["other_title"],
                                  **self._votes("other")}))
        return ticked

    def _votes(self, key: str) -> dict:
        data = self.cleaned_data
        return {"votes_for": data.get(f"{key}_for"), "votes_against": data.get(f"{key}_against") or 0,
                "votes_abstained": data.get(f"{key}_abstained") or 0}

    # Showing a service's refusal -------------------------------------------------------------------------------

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, messages in error.message_dict.items():
            key = SERVICE_FIELDS.get(key, key)
            if key in self.section_errors:
                self.section_errors[key].extend(messages)
            else:
                self.add_error(key if key in self.fields else None, messages)

    def add_row_error(self, row: DecisionRow | None, error: ValidationError) -> None:
        if row is None:
            self.add_error("other_title", error.messages)
        else:
            self.add_error(row.key, [f"{row.name} — {message}" for message in error.messages])

    @property
    def has_problems(self) -> bool:
        return bool(self.errors) or any(self.section_errors.values())

    @property
    def decision_errors(self) -> list:
        """The refusals of the decisions, repeated at the top of the form."""
        return [error for row in self.decision_rows for error in row.errors]


# A decision added on the meeting's page -----------------------------------------------------------------------


class DecisionForm(Form):
    """One more matter voted at a meeting already entered: a dossier, a draft, or a matter named here."""

    subject = forms.ChoiceField(label="Nội dung biểu quyết")
    title = forms.CharField(label="Tên nội dung (khi không chọn hồ sơ, dự thảo)", max_length=500, required=False)
    text = forms.CharField(label="Nội dung quyết nghị", required=False, max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label="Tán thành", min_value=0,
                                   error_messages={"required": "Hãy ghi số phiếu tán thành.",
                                                   "min_value": "Số phiếu không được âm."})
    votes_against = votes_field("Không tán thành")
    votes_abstained = votes_field("Không biểu quyết")
    decision_no = forms.CharField(label="Số nghị quyết", max_length=64, required=False,
                                  help_text="Số nghị quyết của chi bộ, hoặc của Đảng ủy đến 30/6/2025. Quyết định của "
                                            "Đảng ủy từ 01/7/2025 tự lấy số tiếp theo trong sổ văn bản: để trống.")
    outcome = forms.TypedChoiceField(
        label="Kết quả", coerce=lambda value: value != "failed", initial="passed", required=False, empty_value=True,
        choices=[("passed", "Thông qua"), ("failed", "Không thông qua (số phiếu tán thành chưa đủ)")],
        help_text="Không thông qua: được ghi lại, không có gì thay đổi; chi bộ biểu quyết công nhận chính thức "
                  "không đủ 2/3 thì ghi vào hồ sơ đảng viên (sau ba lần, chuyển cấp ủy cấp trên).",
    )

    def __init__(self, *args, dossiers, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {}
        groups = []
        for kind in (DecisionKind.ADMISSION, DecisionKind.RECOGNITION):
            options = []
            for dossier_kind, member in dossiers:
                if dossier_kind == kind:
                    self.subjects[f"{kind}:{member.pk}"] = {"kind": kind, "member": member}
                    options.append((f"{kind}:{member.pk}", f"{member.person.full_name} ({member.organization.name})"))
            if options:
                groups.append((DecisionKind(kind).label, options))
        options = []
        for document in drafts:
            self.subjects[f"document:{document.pk}"] = {"kind": DecisionKind.RESOLUTION, "document": document}
            options.append((f"document:{document.pk}", f"{document.get_doc_type_display()} “{document.summary}”"))
        if options:
            groups.append(("Thông qua dự thảo văn bản", options))
        others = [(DecisionKind.RESOLUTION, "Nghị quyết, văn bản khác (ghi tên bên dưới)"),
                  (DecisionKind.OTHER, "Quyết định khác (ghi tên bên dưới)")]
        self.subjects.update({kind: {"kind": kind} for kind, _ in others})
        groups.append(("Nội dung khác", others))
        self.fields["subject"].choices = [("", "— chọn —"), *groups]

    def decision_data(self) -> dict:
        """The keyword arguments of meetings.services.record_decision (without the meeting and the actor)."""
        data = self.cleaned_data
        return {**self.subjects[data["subject"]], "title": data["title"], "text": data["text"],
                "votes_for": data["votes_for"], "votes_against": data["votes_against"] or 0,
                "votes_abstained": data["votes_abstained"] or 0, "decision_no": data["decision_no"],
                "passed": data["outcome"]}

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            error = ValidationError({("subject" if key in ("kind", "member", "document") else key): messages
                                     for key, messages in error.message_dict.items()})
        add_service_errors(self, error)


class MeetingCorrectionForm(Form):
    """A meeting's record corrected after entry (meetings.services.correct_meeting): everything but its day, its body
    and its decisions, with the reason for the audit."""

    version = version_field()
    reason = forms.CharField(label="Lý do sửa", max_length=500,
                             help_text="Ví dụ: ghi nhầm giờ kết thúc; đồng chí A vắng có lý do, đã ghi có mặt.",
                             error_messages={"required": "Hãy ghi lý do sửa biên bản cuộc họp."})
    title = forms.CharField(label="Tên cuộc họp", max_length=300)
    starts = time_field("Giờ bắt đầu", required=True)
    ends = time_field("Giờ kết thúc")
    place = forms.CharField(label="Địa điểm", max_length=255)
    chair = forms.ChoiceField(label="Chủ trì")
    secretary = forms.ChoiceField(label="Thư ký", required=False)
    period_start = date_field("Kỳ đánh giá từ ngày")
    period_end = date_field("Kỳ đánh giá đến ngày")
    guests = MeetingForm.base_fields["guests"]
    agenda = MeetingForm.base_fields["agenda"]
    speeches = forms.CharField(
        label="Ý kiến phát biểu", required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một ý kiến: “Người phát biểu — tóm tắt ý kiến”.",
    )
    content = MeetingForm.base_fields["content"]
    conclusion = MeetingForm.base_fields["conclusion"]

    def __init__(self, *args, meeting, units, **kwargs):
        self.meeting = meeting
        self.units = {unit.pk.hex: unit for unit in units}
        tasks = key_task_keeper().tasks_of(meeting)
        rows = list(meeting.attendance.all())
        self.people = {row.person.pk.hex: row.person for row in rows}
        # The chair and the secretary as entered, even when not of the roster (a guest chairing, entered by the API).
        for person in (meeting.chair, meeting.secretary):
            if person is not None:
                self.people.setdefault(person.pk.hex, person)
        local = timezone.localtime(meeting.starts_at)
        initial = {
            "title": meeting.title, "starts": local.time(), "place": meeting.place,
            "ends": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
            "chair": meeting.chair.pk.hex, "secretary": meeting.secretary.pk.hex if meeting.secretary else "",
            "period_start": meeting.period_start, "period_end": meeting.period_end,
            "guests": "\n".join(f"{g.name} — {g.title}" for g in meeting.guests.all()),
            "agenda": "\n".join(item.title for item in meeting.agenda.all()),
            "speeches": "\n".join(f"{s.speaker} — {s.summary}" for s in meeting.speeches.all()),
            "content": meeting.content, "conclusion": meeting.conclusion, "version": meeting.version,
        }
        for number, task in enumerate(tasks, start=1):
            initial |= {f"task_{number}_text": task.text, f"task_{number}_due": task.due_on,
                        f"task_{number}_assignee": task.assignee.pk.hex if task.assignee else ""}
        super().__init__(*args, initial=initial, **kwargs)
        unit_choices = [("", "—"), *((key, unit.name) for key, unit in self.units.items())]
        self.task_rows = []
        for number in range(1, len(tasks) + 3):  # the tasks, and two more rows
            self.fields[f"task_{number}_text"] = forms.CharField(
                label=f"Nhiệm vụ {number}", required=False, max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"task_{number}_assignee"] = forms.ChoiceField(
                label=f"Đơn vị thực hiện {number}", choices=unit_choices, required=False)
            self.fields[f"task_{number}_due"] = date_field(f"Thời hạn {number}")
            self.task_rows.append(tuple(self[f"task_{number}_{part}"] for part in ("text", "assignee", "due")))
        roles = {row.person.pk.hex: row.role for row in rows}
        people = [(key, f"{person.full_name} — {roles[key]}" if key in roles else person.full_name)
                  for key, person in self.people.items()]
        self.fields["chair"].choices = people
        self.fields["secretary"].choices = [("", "—"), *people]
        self.attendance_rows = []
        for row in rows:
            key = row.person.pk.hex
            self.fields[f"presence_{key}"] = forms.ChoiceField(
                label=f"Tình hình dự họp: {row.person.full_name}", choices=Presence.choices, initial=row.presence)
            self.fields[f"reason_{key}"] = forms.CharField(
                label=f"Lý do: {row.person.full_name}", max_length=255, initial=row.reason, required=False)
            self.attendance_rows.append((row, self[f"presence_{key}"], self[f"reason_{key}"]))

    def correction_data(self) -> dict:
        """The keyword arguments of meetings.services.correct_meeting (without the meeting and the actor)."""
        data = self.cleaned_data
        day = self.meeting.day
        return {
            "version": data["version"], "reason": data["reason"], "title": data["title"], "place": data["place"],
            "starts_at": aware(day, data["starts"]), "ends_at": aware(day, data["ends"]) if data["ends"] else None,
            "chair": self.people[data["chair"]], "secretary": self.people.get(data["secretary"]),
            "period_start": data["period_start"], "period_end": data["period_end"],
            "content": data["content"], "conclusion": data["conclusion"],
            "attendance": {row.person.pk: (data[f"presence_{row.person.pk.hex}"], data[f"reason_{row.person.pk.hex}"])
                           for row, _presence, _reason in self.attendance_rows},
            "guests": [dict(zip(("name", "title"), [*NAME_SEPARATOR.split(line, maxsplit=1), ""][:2], strict=True))
                       for line in _lines(data["guests"])],
            "agenda": [{"title": line} for line in _lines(data["agenda"])],
            "speeches": [dict(zip(("speaker", "summary"), [*NAME_SEPARATOR.split(line, maxsplit=1), ""][:2],
                                  strict=True)) for line in _lines(data["speeches"])],
            "key_tasks": [
                {"text": data[text.name], "assignee": self.units.get(data[assignee.name]), "due_on": data[due.name]}
                for text, assignee, due in self.task_rows if data[text.name] or data[assignee.name]
            ],
        }
