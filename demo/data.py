"""The demo world: five wards from real ward news posts of 2020–2021, as they stood then.

The posts (/work/shared/domain/articles) name a few leaders; those people hold exactly the positions the posts give
them, on the posts' dates. Everyone else is invented (Person.note "Tên minh họa"), drawn deterministically from the
name lists at the end of this module. Dates other than the posts' dates are plausible, not researched.

Everything here is plain data; demo/services.py builds it through the org services.
"""

import datetime
import os
from dataclasses import dataclass, field

from accounts.permissions import Role
from org.models import DISTRICT_LEVEL_ABOLISHED_ON, CellCategory, Gender, Kind, Title

PASSWORD = "dangvu-demo"
URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"  # `make run` serves on $PORT
SEED = 20200707  # random.Random seed: the invented people come out the same on every machine
TERM_NAME = "2020–2025"
# The 2025–2030 term, opened at each ward's congress after the reform (plausible dates, not researched); opening it
# closes the 2020–2025 term on the eve (org.services.create_term). The same committees are taken as re-elected.
NEXT_TERM_NAME = "2025–2030"
NEXT_CONGRESS_MONTH = (2025, 8)  # the day of the month is the 2020 congress's
# The last numbers each ward had issued in its 2020–2025 term before it adopted the system (a ward adopting it
# mid-term: documents.services.set_sequence_start), plausible, not researched: Sài Đồng's June 2021 resolution is
# its 15th, and its ward decisions from 01/7/2025 follow its QĐ of five years.
SEQUENCE_STARTS = {"saidong": {"NQ": 14, "QĐ": 131}, "*": {"QĐ": 118}}
INVENTED_NOTE = "Tên minh họa"

D = datetime.date

# docs/rules.md §0.2: no district level from 01/7/2025 (QĐ 294-QĐ/TW), so the Quận ủy closed on 30/6/2025.
DISTRICT_LAST_DAY = DISTRICT_LEVEL_ABOLISHED_ON - datetime.timedelta(days=1)
DISTRICT_NOTE = "Không còn cấp huyện từ 01/7/2025 (QĐ 294-QĐ/TW)."
# Urban government pilots: from 01/7/2021 wards (and in Đà Nẵng and TP.HCM also districts) have no HĐND.
COUNCILS_LAST_DAY = D(2021, 6, 30)
WARD_NOTE = (
    "Dữ liệu trình diễn theo tin bài trên cổng thông tin của phường (2020–2021), "
    "trước khi sắp xếp đơn vị hành chính năm 2025."
)


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    cell_category: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Cell:
    """A chi bộ of a ward. `key` is the suffix of its code; `groups` the tổ dân phố (numbers) of its area."""

    key: str
    name: str
    category: str = CellCategory.RESIDENTIAL
    groups: tuple[int, ...] = ()
    secretary_role: str = ""  # a leader role (LEADER_ROLES) whose holder is also this chi bộ's Bí thư


@dataclass(frozen=True)
class Ward:
    code: str
    place: str  # "Sài Đồng"
    congress: datetime.date  # the 2020 ward congress: start of the 2020–2025 term and of the leaders' positions
    groups: tuple[str, ...]  # names of the tổ dân phố, numbered from 1
    cells: tuple[Cell, ...]
    people: int  # how many people the ward has in the end (leaders, secretaries, tổ trưởng, residents)
    bodies: tuple[str, ...] = ("ubnd", "hdnd", "mttq", "doantn", "phunu", "ccb", "nct")
    # Leader role -> person key. A key in NAMED_PEOPLE is that real person; any other key is someone invented
    # (two roles with the same key: one person holding both, kiêm nhiệm); None leaves the role empty.
    holders: dict[str, str | None] = field(default_factory=dict)
    # Person key -> the day a successor took over (the holder's positions end the day before).
    successions: dict[str, datetime.date] = field(default_factory=dict)
    # Residential chi bộ (numbers) whose Bí thư is also Trưởng ban Công tác Mặt trận of its tổ dân phố.
    front_work_heads: tuple[int, ...] = ()
    group_note: str = ""

    @property
    def name(self) -> str:
        return f"Đảng ủy phường {self.place}"


@dataclass(frozen=True)
class District:
    org: OrgSpec
    wards: tuple[Ward, ...]
    bodies: tuple[OrgSpec, ...] = ()


@dataclass(frozen=True)
class Province:
    org: OrgSpec
    cccd_code: str  # first three digits of the CCCD of people born there
    council_law: str  # the resolution that ended ward HĐND on 01/7/2021
    districts: tuple[District, ...]


@dataclass(frozen=True)
class NamedPerson:
    """A real person named in a post. Only the post's facts are recorded: no birth date, CCCD or phone."""

    full_name: str
    gender: str
    source: str

    @property
    def note(self) -> str:
        return (
            f"Người có thật, nêu tên trong {self.source}. Chỉ chức danh nêu trong tin bài là thông tin thật; "
            "ngày bắt đầu, kết thúc chức danh là minh họa."
        )


@dataclass(frozen=True)
class NamedPosition:
    """A position of a real person outside the ward roles (at the Quận ủy and its bodies)."""

    person: str
    organization: str  # code
    title: str
    start: datetime.date
    title_detail: str = ""


@dataclass(frozen=True)
class LeaderRole:
    """A ward leader role: the positions it brings, and what an invented holder looks like."""

    label: str
    positions: tuple[tuple[str, str, str], ...]  # (body key, "" for the ward itself; Title; title_detail)
    gender: str | None = None  # None: either
    born: tuple[int, int] = (1966, 1984)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # a Role; "" for the superuser
    organization: str  # code of the organisation the role is held on
    display_name: str = ""  # for accounts not linked to a person
    person: tuple[str, str] | None = None  # (organisation code, Title): the login belongs to that position's holder
    superuser: bool = False

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else "Quản trị hệ thống (toàn quyền)"


# Posts ---------------------------------------------------------------------------------------------------------

SAIDONG_POST = "tin bài phường Sài Đồng ngày 29/06/2021 (phiên họp Ban Chấp hành ngày 28/06/2021)"
THANHKHETAY_POST = "tin bài phường Thanh Khê Tây về hội nghị sơ kết ngày 01/7/2021"
CAUONGLANH_POST = "tin bài phường Cầu Ông Lãnh về hội nghị sơ kết ngày 7/7/2020"
BODE_POST = "tin bài phường Bồ Đề ngày 10/07/2020 (buổi làm việc ngày 09/7/2020)"
CUKHOI_POST = "tin bài phường Cự Khối ngày 30/12/2020 (hội nghị ngày 28/12/2020)"

NAMED_PEOPLE: dict[str, NamedPerson] = {
    "toan": NamedPerson("Nguyễn Quốc Toản", Gender.MALE, CUKHOI_POST),
    "minh": NamedPerson("Nguyễn Thị Minh", Gender.FEMALE, CUKHOI_POST),
    "nam": NamedPerson("Ngô Văn Nam", Gender.MALE, CUKHOI_POST),
    "cuong": NamedPerson("Lê Văn Cương", Gender.MALE, THANHKHETAY_POST),
    "su": NamedPerson("Nguyễn Tiến Sữ", Gender.MALE, THANHKHETAY_POST),
    "thanh": NamedPerson("Mai Quốc Thạnh", Gender.MALE, THANHKHETAY_POST),
    "khanh": NamedPerson("Phạm Xuân Khánh", Gender.MALE, CAUONGLANH_POST),
    "linh": NamedPerson("Nguyễn Võ Uyên Linh", Gender.FEMALE, CAUONGLANH_POST),
    "an": NamedPerson("Nguyễn Duy An", Gender.MALE, CAUONGLANH_POST),
    "phuc": NamedPerson("Hứa Vĩnh Phúc", Gender.MALE, CAUONGLANH_POST),
    "quang": NamedPerson("Nguyễn Ngọc Quang", Gender.MALE, BODE_POST),
    "hung": NamedPerson("Nguyễn Văn Hùng", Gender.MALE, BODE_POST),
}

# Real people of the district level: person key -> code of the organisation that keeps their record.
DISTRICT_PEOPLE: dict[str, str] = {"thanh": "thanhkhe", "an": "quan1", "phuc": "quan1"}

NAMED_POSITIONS: tuple[NamedPosition, ...] = (
    # 01/7/2021: "Mai Quốc Thạnh – UVBTV, Trưởng Ban Tuyên giáo Quận ủy"; "Lê Văn Cương – Quận ủy viên".
    NamedPosition("thanh", "thanhkhe", Title.STANDING_COMMITTEE_MEMBER, D(2020, 7, 20)),
    NamedPosition("thanh", "thanhkhe", Title.HEAD, D(2020, 7, 20), "Trưởng Ban Tuyên giáo Quận ủy"),
    NamedPosition("cuong", "thanhkhe", Title.EXECUTIVE_COMMITTEE_MEMBER, D(2020, 7, 20), "Quận ủy viên"),
    # 7/7/2020: "Nguyễn Duy An, Ủy viên Ban Thường vụ Quận ủy, Chủ tịch HĐND Quận 1; Hứa Vĩnh Phúc, Phó Chủ tịch
    # Thường trực Ủy ban MTTQ Việt Nam Quận 1".
    NamedPosition("an", "quan1", Title.STANDING_COMMITTEE_MEMBER, D(2015, 8, 20)),
    NamedPosition("an", "quan1-hdnd", Title.CHAIR, D(2016, 7, 1)),
    NamedPosition("phuc", "quan1-mttq", Title.STANDING_VICE_CHAIR, D(2019, 7, 1)),
)

# Ward leader roles, in the order they are filled ---------------------------------------------------------------

LEADER_ROLES: dict[str, LeaderRole] = {
    "secretary": LeaderRole("Bí thư Đảng ủy", (("", Title.SECRETARY, ""),), born=(1964, 1976)),
    "standing_deputy": LeaderRole("Phó Bí thư Thường trực", (("", Title.STANDING_DEPUTY_SECRETARY, ""),)),
    "deputy_secretary": LeaderRole("Phó Bí thư", (("", Title.DEPUTY_SECRETARY, ""),)),
    "ubnd_chair": LeaderRole("Chủ tịch UBND", (("ubnd", Title.CHAIR, ""),)),
    "ubnd_vice": LeaderRole("Phó Chủ tịch UBND", (("ubnd", Title.VICE_CHAIR, ""),)),
    "hdnd_chair": LeaderRole("Chủ tịch HĐND", (("hdnd", Title.CHAIR, ""),)),
    "hdnd_vice": LeaderRole("Phó Chủ tịch HĐND", (("hdnd", Title.VICE_CHAIR, ""),)),
    "mttq_chair": LeaderRole("Chủ tịch Ủy ban MTTQ", (("mttq", Title.CHAIR, ""),)),
    "mttq_vice": LeaderRole("Phó Chủ tịch Ủy ban MTTQ", (("mttq", Title.VICE_CHAIR, ""),)),
    "ubkt_chair": LeaderRole("Chủ nhiệm UBKT", (("", Title.INSPECTION_CHAIR, ""),)),
    "ubkt_deputy": LeaderRole("Phó Chủ nhiệm UBKT", (("", Title.INSPECTION_DEPUTY, ""),)),
    "youth": LeaderRole("Bí thư Đoàn", (("doantn", Title.SECRETARY, "Bí thư Đoàn phường"),), born=(1988, 1995)),
    "women": LeaderRole("Chủ tịch Hội LHPN", (("phunu", Title.CHAIR, ""),), gender=Gender.FEMALE),
    "veterans": LeaderRole(
        "Chủ tịch Hội CCB", (("ccb", Title.CHAIR, ""),), gender=Gender.MALE, born=(1952, 1962)
    ),
    "elderly": LeaderRole("Chủ tịch Hội NCT", (("nct", Title.CHAIR, ""),), born=(1944, 1954)),
    "farmers": LeaderRole("Chủ tịch Hội Nông dân", (("nongdan", Title.CHAIR, ""),)),
    "police": LeaderRole(
        "Trưởng Công an phường",
        (("ubnd", Title.MEMBER, "Ủy viên UBND, Trưởng Công an phường"),), gender=Gender.MALE,
    ),
    "military": LeaderRole(
        "Chỉ huy trưởng Quân sự",
        (("ubnd", Title.MEMBER, "Ủy viên UBND, Chỉ huy trưởng Ban Chỉ huy Quân sự phường"),),
        gender=Gender.MALE,
    ),
}

# The three committees of the 2020–2025 term: leader roles, and "cell:N" for the Bí thư of residential chi bộ N.
COMMITTEES: dict[str, tuple[str, ...]] = {
    "executive": (
        "secretary", "standing_deputy", "deputy_secretary", "ubnd_chair", "ubnd_vice", "hdnd_chair", "mttq_chair",
        "ubkt_chair", "youth", "women", "veterans", "police", "military", "cell:1", "cell:2",
    ),
    "standing": ("secretary", "standing_deputy", "deputy_secretary", "ubnd_chair", "ubkt_chair", "mttq_chair"),
    "inspection": ("ubkt_chair", "ubkt_deputy", "veterans", "cell:3"),
}

# Ward bodies: key (code suffix) -> kind and name.
BODIES: dict[str, tuple[str, str]] = {
    "ubnd": (Kind.PEOPLES_COMMITTEE, "UBND phường {place}"),
    "hdnd": (Kind.PEOPLES_COUNCIL, "HĐND phường {place}"),
    "mttq": (Kind.FATHERLAND_FRONT, "Ủy ban MTTQ phường {place}"),
    "doantn": (Kind.YOUTH_UNION, "Đoàn Thanh niên phường {place}"),
    "phunu": (Kind.WOMENS_UNION, "Hội Liên hiệp Phụ nữ phường {place}"),
    "ccb": (Kind.VETERANS_ASSOCIATION, "Hội Cựu chiến binh phường {place}"),
    "nct": (Kind.ELDERLY_ASSOCIATION, "Hội Người cao tuổi phường {place}"),
    "nongdan": (Kind.FARMERS_ASSOCIATION, "Hội Nông dân phường {place}"),
}


def _numbered(pattern: str, count: int) -> tuple[str, ...]:
    return tuple(pattern.format(n=n, k=(n - 1) // 3 + 1) for n in range(1, count + 1))


def _residential_cells(pattern: str, count: int, groups_per_cell: int = 1) -> tuple[Cell, ...]:
    return tuple(
        Cell(
            f"cb{n:02d}", pattern.format(n=n),
            groups=tuple(range((n - 1) * groups_per_cell + 1, n * groups_per_cell + 1)),
        )
        for n in range(1, count + 1)
    )


def _agency(key: str, name: str, secretary_role: str = "") -> Cell:
    return Cell(f"cb-{key}", name, CellCategory.AGENCY, secretary_role=secretary_role)


_OFFICE_CELLS = (
    _agency("ubnd", "Chi bộ Cơ quan UBND phường", "ubnd_vice"),
    _agency("congan", "Chi bộ Công an phường", "police"),
    _agency("quansu", "Chi bộ Quân sự phường", "military"),
)

SAIDONG = Ward(
    code="saidong", place="Sài Đồng", congress=D(2020, 6, 18), people=110,
    groups=_numbered("Tổ dân phố số {n}", 14),
    cells=(
        *_residential_cells("Chi bộ Tổ dân phố số {n}", 14),
        *_OFFICE_CELLS,
        _agency("thcs", "Chi bộ Trường THCS Sài Đồng"),
        _agency("tieuhoc", "Chi bộ Trường Tiểu học Sài Đồng"),
    ),
    holders={"deputy_secretary": "ubnd_chair"},
    # June 2021: the nomination of the Chủ tịch and Phó Chủ tịch UBND was completed; urban government from 01/7/2021.
    successions={"ubnd_chair": D(2021, 7, 1)},
)

BODE = Ward(
    code="bode", place="Bồ Đề", congress=D(2020, 6, 11), people=120,
    groups=_numbered("Tổ dân phố số {n}", 16),
    cells=(
        *_residential_cells("Chi bộ Tổ dân phố số {n}", 16),
        *_OFFICE_CELLS,
        _agency("thcs", "Chi bộ Trường THCS Bồ Đề"),
    ),
    # 09/7/2020: "Nguyễn Ngọc Quang – Bí thư Đảng ủy – Chủ tịch HĐND phường"; "Nguyễn Văn Hùng – Chủ tịch Hội CCB".
    holders={"secretary": "quang", "hdnd_chair": "quang", "veterans": "hung", "deputy_secretary": "ubnd_chair"},
)

CUKHOI = Ward(
    code="cukhoi", place="Cự Khối", congress=D(2020, 6, 4), people=70,
    groups=_numbered("Tổ dân phố số {n}", 7),
    group_note="Sau sắp xếp theo Đề án 15-ĐA/QU của Quận ủy: 13 tổ dân phố còn 7 tổ.",
    cells=(
        *_residential_cells("Chi bộ Tổ dân phố số {n}", 7),
        *_OFFICE_CELLS,
        _agency("thcs", "Chi bộ Trường THCS Cự Khối"),
    ),
    bodies=("ubnd", "hdnd", "mttq", "doantn", "phunu", "ccb", "nct", "nongdan"),
    # 28/12/2020: Toản Bí thư; Minh Phó Bí thư Thường trực; Nam Phó Bí thư, Chủ tịch UBND (kiêm nhiệm).
    holders={"secretary": "toan", "standing_deputy": "minh", "deputy_secretary": "nam", "ubnd_chair": "nam"},
    # "4/07 tổ thực hiện theo mô hình Bí thư chi bộ kiêm Trưởng ban công tác mặt trận."
    front_work_heads=(1, 2, 3, 4),
)

THANHKHETAY = Ward(
    code="thanhkhetay", place="Thanh Khê Tây", congress=D(2020, 6, 25), people=100,
    groups=_numbered("Tổ dân phố số {n}", 20),
    cells=(
        *_residential_cells("Chi bộ Khu dân cư số {n}", 10, groups_per_cell=2),
        *_OFFICE_CELLS,
        _agency("yte", "Chi bộ Trạm Y tế phường"),
    ),
    # 01/7/2021: Cương Bí thư Đảng ủy phường (and Quận ủy viên, NAMED_POSITIONS); Sữ Phó Bí thư Thường trực.
    holders={"secretary": "cuong", "standing_deputy": "su", "deputy_secretary": "ubnd_chair"},
)

CAUONGLANH = Ward(
    code="cauonglanh", place="Cầu Ông Lãnh", congress=D(2020, 5, 28), people=90,
    groups=_numbered("Tổ dân phố số {n}, Khu phố {k}", 18),
    cells=(
        *_residential_cells("Chi bộ Khu phố {n}", 6, groups_per_cell=3),
        *_OFFICE_CELLS,
        _agency("yte", "Chi bộ Trạm Y tế phường"),
        _agency("mttq", "Chi bộ Cơ quan Mặt trận – Đoàn thể phường", "mttq_vice"),
    ),
    # 7/7/2020: Khánh Bí thư Đảng ủy phường; Linh Chủ tịch UBND phường. No separate Phó Bí thư in the demo.
    holders={"secretary": "khanh", "ubnd_chair": "linh", "deputy_secretary": None},
)

WARDS: tuple[Ward, ...] = (SAIDONG, BODE, CUKHOI, THANHKHETAY, CAUONGLANH)

PROVINCES: tuple[Province, ...] = (
    Province(
        OrgSpec("hanoi", "Thành ủy Hà Nội", Kind.CITY_COMMITTEE), cccd_code="001",
        council_law="Nghị quyết 97/2019/QH14",
        districts=(
            District(
                OrgSpec(
                    "longbien", "Quận ủy Long Biên", Kind.DISTRICT_COMMITTEE, valid_from=D(2004, 1, 1),
                    valid_until=DISTRICT_LAST_DAY, note=DISTRICT_NOTE,
                ),
                wards=(SAIDONG, BODE, CUKHOI),
            ),
        ),
    ),
    Province(
        OrgSpec("danang", "Thành ủy Đà Nẵng", Kind.CITY_COMMITTEE), cccd_code="048",
        council_law="Nghị quyết 119/2020/QH14",
        districts=(
            District(
                OrgSpec(
                    "thanhkhe", "Quận ủy Thanh Khê", Kind.DISTRICT_COMMITTEE, valid_from=D(1997, 1, 1),
                    valid_until=DISTRICT_LAST_DAY, note=DISTRICT_NOTE,
                ),
                wards=(THANHKHETAY,),
            ),
        ),
    ),
    Province(
        OrgSpec("hcm", "Thành ủy TP. Hồ Chí Minh", Kind.CITY_COMMITTEE), cccd_code="079",
        council_law="Nghị quyết 131/2020/QH14",
        districts=(
            District(
                OrgSpec(
                    "quan1", "Quận ủy Quận 1", Kind.DISTRICT_COMMITTEE, valid_until=DISTRICT_LAST_DAY,
                    note=DISTRICT_NOTE,
                ),
                bodies=(
                    OrgSpec(
                        "quan1-hdnd", "HĐND Quận 1", Kind.PEOPLES_COUNCIL, valid_until=COUNCILS_LAST_DAY,
                        note="Từ 01/7/2021 quận không tổ chức HĐND (Nghị quyết 131/2020/QH14).",
                    ),
                    OrgSpec(
                        "quan1-mttq", "Ủy ban MTTQ Việt Nam Quận 1", Kind.FATHERLAND_FRONT,
                        valid_until=DISTRICT_LAST_DAY, note=DISTRICT_NOTE,
                    ),
                ),
                wards=(CAUONGLANH,),
            ),
        ),
    ),
)

ROOT_CODES: tuple[str, ...] = tuple(province.org.code for province in PROVINCES)

# Demo logins (the usernames are a contract: README, the login page and tests use them) --------------------------

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "", "", "Quản trị Hệ thống", superuser=True),
    DemoAccount("saidong", Role.WARD_CLERK, "saidong", "Đỗ Thu Trang"),
    DemoAccount("bode", Role.WARD_CLERK, "bode", "Lê Thị Hồng Nhung"),
    DemoAccount("cukhoi", Role.WARD_CLERK, "cukhoi", "Phạm Thanh Hương"),
    DemoAccount("thanhkhetay", Role.WARD_CLERK, "thanhkhetay", "Trần Thị Ngọc Ánh"),
    DemoAccount("cauonglanh", Role.WARD_CLERK, "cauonglanh", "Huỳnh Thị Mỹ Dung"),
    DemoAccount("longbien", Role.SUPERIOR_VIEWER, "longbien", "Vũ Đức Thắng"),
    DemoAccount("saidong-bithu", Role.WARD_SECRETARY, "saidong", person=("saidong", Title.SECRETARY)),
    DemoAccount("saidong-chibo1", Role.CELL_SECRETARY, "saidong-cb01", person=("saidong-cb01", Title.SECRETARY)),
    DemoAccount("saidong-ubkt", Role.INSPECTION, "saidong", person=("saidong", Title.INSPECTION_CHAIR)),
    # Ward bodies reporting on the tasks they lead (the names are invented: the office staff who enter it).
    DemoAccount("saidong-ubnd", Role.UNIT_REPORTER, "saidong-ubnd", "Trịnh Minh Tuấn"),
    DemoAccount("saidong-mttq", Role.UNIT_REPORTER, "saidong-mttq", "Lê Thị Bích Ngọc"),
)

# Names for invented people -------------------------------------------------------------------------------------

SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Phan", 4), ("Huỳnh", 3), ("Vũ", 3),
    ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1), ("Lý", 1), ("Đinh", 1),
    ("Trịnh", 1), ("Đào", 1), ("Mai", 1), ("Cao", 1), ("Lương", 1), ("Tạ", 1), ("Chu", 1), ("Lưu", 1),
    ("Hà", 1), ("Tô", 1),
)
MIDDLE_NAMES: dict[str, tuple[str, ...]] = {
    Gender.MALE: (
        "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Ngọc", "Mạnh", "Công", "Đình",
        "Trung", "Thanh", "Quốc", "Duy", "Anh", "Tiến", "Hoàng",
    ),
    Gender.FEMALE: (
        "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thúy", "Hồng", "Phương", "Kim", "Bích", "Thùy",
        "Diệu", "Hoài", "Mỹ",
    ),
}
GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    Gender.MALE: (
        "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Hải", "Sơn", "Thắng", "Cường", "Hưng", "Khoa", "Phong", "Quân",
        "Trung", "Tú", "Vinh", "Bình", "Đạt", "Hiếu", "Huy", "Kiên", "Lâm", "Lực", "Nghĩa", "Tài", "Toàn",
        "Tùng", "Việt", "Đức", "Hòa", "Khải", "Lợi", "Quyết", "Sang", "Thịnh", "Chiến", "Thuận", "Bảo", "Khánh",
        "Tâm",
    ),
    Gender.FEMALE: (
        "Hoa", "Lan", "Hương", "Hằng", "Hạnh", "Hà", "Huyền", "Mai", "Nga", "Nhung", "Oanh", "Phượng", "Quyên",
        "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Dung", "Giang", "Hiền", "Loan", "Liên", "Ly",
        "Nhàn", "Thoa", "Thư", "Xuân", "Châu", "Diệp", "Ngân", "Tâm", "Chi", "Anh",
    ),
}
