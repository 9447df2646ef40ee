"""The demo wards' document registries: the documents their seed articles cite, entered as incoming documents
from the citation as the article writes it, and Sài Đồng's outgoing resolution of its June 2021 session (issued,
so numbered in the 2020–2025 term) with a plan and the inspection committee's programme awaiting the secretary's
approval."""

import datetime

from documents import services
from documents.types import DocumentType
from org.models import Organization

D = datetime.date

# ward code → (citation as written in the seed article, issuing body, date received, summary, type): the type is
# given only where the citation leaves it open ("QĐ" is Quyết định or Quy định).
INCOMING = {
    "saidong": [  # seed 000
        ("Công văn 339-CV/QU, ngày 25/6/2021 của Quận ủy", "Quận ủy Long Biên", D(2021, 6, 26),
         "Về việc nghiêm túc thực hiện một số nhiệm vụ (trích dẫn tại phiên thường kỳ tháng 6/2021 của Ban "
         "Chấp hành Đảng bộ phường).", ""),
    ],
    "thanhkhetay": [  # seed 001
        ("Chỉ thị số 05-CT/TW ngày 15/5/2016", "Bộ Chính trị", None,
         "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.", ""),
    ],
    "bode": [  # seed 003: "Quyết định 217, 218 của Bộ chính trị"
        ("Quyết định số 217-QĐ/TW ngày 12/12/2013", "Bộ Chính trị", None,
         "Ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính "
         "trị - xã hội.", DocumentType.DECISION),
        ("Quyết định số 218-QĐ/TW ngày 12/12/2013", "Bộ Chính trị", None,
         "Quy định về việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và nhân dân tham gia góp ý "
         "xây dựng Đảng, xây dựng chính quyền.", DocumentType.REGULATION),
    ],
    "cukhoi": [  # seed 004
        ("Đề án số 15-ĐA/QU", "Quận ủy Long Biên", None,
         "Về sắp xếp, bố trí kiêm nhiệm người hoạt động không chuyên trách ở tổ dân phố.", ""),
        ("Đề án số 21-ĐA/TU", "Thành ủy Hà Nội", None,
         "Về sắp xếp, bố trí kiêm nhiệm người hoạt động không chuyên trách ở tổ dân phố (cấp thành phố).", ""),
        ("Công văn số 139-CV/QU của Quận uỷ ngày 15/12/2020", "Quận ủy Long Biên", D(2020, 12, 16),
         "Về việc sơ kết việc thực hiện Đề án 15-ĐA/QU của Quận uỷ.", ""),
    ],
}
ILLUSTRATIVE = "Số minh họa: sổ văn bản đi của bản trình diễn bắt đầu từ văn bản này."


def build(actor, orgs: dict[str, Organization]) -> dict:
    """The registries; returns the drafts a seed meeting passes, by meeting key."""
    for code, documents in INCOMING.items():
        for citation, issuer, received_on, summary, doc_type in documents:
            services.register_incoming(organization=orgs[code], symbol=citation, doc_type=doc_type,
                                       issuer_name=issuer, received_on=received_on, summary=summary, actor=actor)
    ward = orgs["saidong"]
    # Passed, and so issued, by the session's decision (demo/meetings.py): the registry's first NQ of the term.
    resolution = services.draft_document(
        organization=ward, doc_type=DocumentType.RESOLUTION, signer="Bí thư Đảng ủy phường",
        summary="lãnh đạo công tác tháng 6/2021 và nhiệm vụ trọng tâm tháng 7/2021",
        note=ILLUSTRATIVE, actor=actor,
    )
    services.draft_document(
        organization=ward, doc_type=DocumentType.PLAN, signer="Bí thư Đảng ủy phường",
        summary="Kế hoạch tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2021.", actor=actor,
    )
    # A draft of the inspection committee, numbered in its own register (…/UBKTĐU) once issued.
    services.draft_document(
        organization=ward, doc_type=DocumentType.PROGRAMME, body="inspection", signer="Chủ nhiệm Ủy ban Kiểm tra",
        summary="Chương trình kiểm tra, giám sát năm 2027 của Ủy ban Kiểm tra Đảng ủy phường.", actor=actor,
    )
    return {"saidong-000": resolution}
