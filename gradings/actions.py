"""The audited actions of the quality grading, with the Vietnamese label the audit page shows."""

ACTIONS: dict[str, str] = {
    "gradings.grading.assessed": "Ghi tự đánh giá, đề xuất xếp loại chất lượng",
    "gradings.gradings.decided": "Đảng ủy quyết định xếp loại chất lượng",
    "gradings.gradings.exported": "Tải kết quả xếp loại chất lượng",
}
