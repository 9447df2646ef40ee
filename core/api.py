"""The API's shared pieces: the error answers every operation documents, the If-Match parameter of a versioned
change, and the one pagination (`?page=&page_size=` → `{items, count}`)."""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Header, Schema
from ninja.pagination import PageNumberPagination

from core.pagination import COUNT_CAP, AtLeast, capped_count, counted_slice, is_exact, ordered_as_search


class Error(Schema):
    detail: str


class InvalidInput(Schema):
    detail: str
    errors: Any = None


# Error answers every authenticated endpoint may give (documented in the OpenAPI schema).
ERRORS = {401: Error, 404: Error, 422: InvalidInput}
WRITE_ERRORS = {**ERRORS, 400: InvalidInput, 403: Error}
# A change of a record two clerks may edit at once (core.versions): 412 when the If-Match ETag is no longer current.
VERSIONED_WRITE_ERRORS = {**WRITE_ERRORS, 412: Error}


def if_match_header():
    """The If-Match parameter of a PATCH of a versioned record (core.versions.if_match_version reads it)."""
    return Header(None, alias="If-Match", description=(
        "ETag của bản ghi đã đọc (GET trả về trong tiêu đề ETag). Nếu bản ghi đã được người khác sửa từ đó, thay "
        "đổi bị từ chối với mã 412. Không gửi: thay đổi được ghi mà không kiểm tra."))


class ApiPagination(PageNumberPagination):
    """The one pagination of the API: ?page=&page_size= (50 by default, at most 200) → {items, count}."""

    class Input(Schema):
        # Bounded so that an absurd page number is a 422, not an offset the database cannot hold.
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, description="Mặc định 50, tối đa 200.")

    class Output(Schema):
        items: list[Any]
        count: int = Field(description=f"Số kết quả; đếm tới {COUNT_CAP + 1} thì dừng (xem count_exact).")
        count_exact: bool = Field(True, description=(
            f"false khi có hơn {COUNT_CAP} kết quả, hoặc khi một tìm kiếm nhiều từ trên phạm vi rất lớn ngừng đếm: "
            "count chỉ là giới hạn dưới; hãy lọc hoặc tìm để thu hẹp."))

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=200, **kwargs)

    def _items_count(self, queryset) -> int:
        return capped_count(queryset) if isinstance(queryset, QuerySet) else len(queryset)

    def paginate_queryset(self, queryset, pagination, request, **params):
        """A search's count and page come from one statement (core.pagination); other lists as ninja does."""
        if not (isinstance(queryset, QuerySet) and ordered_as_search(queryset)):
            answer = super().paginate_queryset(queryset, pagination, request, **params)
            count = answer["count"]
            if isinstance(count, AtLeast):  # a lower bound: at least the rows up to this page's last
                items = list(answer[self.items_attribute])
                offset = (pagination.page - 1) * self._get_page_size(pagination.page_size)
                answer |= {self.items_attribute: items, "count": max(count, offset + len(items))}
            return {**answer, "count_exact": is_exact(count, COUNT_CAP)}
        page_size = self._get_page_size(pagination.page_size)
        count, items = counted_slice(queryset, (pagination.page - 1) * page_size, page_size)
        return {self.items_attribute: items, "count": count, "count_exact": True}
