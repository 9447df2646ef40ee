"""Pages of a search: the count and the page's rows from one statement.

A search is ordered by core.search.search_order, which no index provides, so the database collects every match
and sorts them before the LIMIT anyway; counting them in the same pass (COUNT(*) OVER ()) costs almost nothing,
where Django's Paginator would find the matches twice (a COUNT, then the page). Other orders stay with the
Paginator's two statements: there an index feeds the LIMIT, and a window count would read every row first.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, OrderBy, Q, QuerySet, Window

TOTAL = "one_pass_total"
# A list's count stops here: past it the page says "hơn 10.000" (issue 15: no count walks every row of a scope that
# may hold a province or the country; nobody pages through ten thousand rows: they filter or search).
COUNT_CAP = 10_000


class CountableQuerySet(QuerySet):
    """A queryset that may carry another whose rows are its own, one for one, and cheaper to count (a queryset, or a
    RangeCount): a search read from an index whose rows stand for the members (core.walk) is counted from that
    index alone, without
    reading a member row. The other is used only while this queryset's conditions are still those it had when
    `counted_by` was called: a filter added later, DISTINCT, a GROUP BY or a combination falls back to counting
    the queryset itself (ordering, select_related and only change no count)."""

    _counted_by = None

    def counted_by(self, other):
        clone = self._chain()
        clone._counted_by = (other, clone.query.where.clone())
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._counted_by = self._counted_by
        return clone

    def count_source(self):
        """The queryset whose count is this one's: the one given to `counted_by` while it holds, else this one."""
        if self._counted_by is None:
            return self
        other, where = self._counted_by
        query = self.query
        if query.where != where or query.is_sliced or query.distinct or query.group_by or query.combinator:
            return self
        return other


class AtLeast(int):
    """A count that is a lower bound: the rows found before a count stopped (RangeCount)."""


class RangeCount:
    """A count read from an index range in its order, no further than `budget` rows: `rows` (the range, ordered as
    the index) of which those meeting `matching` are counted. A search of several words over the country reads the
    first word's range, where the others may match one row in 200 ("nguyen ly": 10,001 matches lay 2 million rows
    in, 360 ms); past the budget the count is the matches found so far, a lower bound (AtLeast).

    `rows` must hold only rows its reader may see (the scope, the readable CCCD): where the budget ends, and so the
    count, must not depend on rows the reader may not read."""

    budget = 20_000

    def __init__(self, rows, matching: Q):
        self.rows, self.matching = rows, matching

    @property
    def model(self):
        return self.rows.model

    def capped(self, cap: int) -> int:
        try:
            self.rows.filter(self.matching).query.sql_with_params()
        except EmptyResultSet:  # a condition nothing meets (a scope with no grant)
            return 0
        window = self.rows.annotate(counted=ExpressionWrapper(self.matching, output_field=BooleanField()))
        sql, params = window.values("counted")[:self.budget + 1].query.sql_with_params()
        # One pass, stopped at cap + 1 matches (a dense range stops early): the matches, and the row past the budget
        # if the range has one (numbered as they stream by).
        statement = (f"SELECT count(*) FILTER (WHERE counted AND position <= {self.budget}),"
                     f" count(*) FILTER (WHERE position > {self.budget})"
                     f" FROM (SELECT counted, position FROM (SELECT counted, row_number() OVER () AS position"
                     f" FROM ({sql}) window_rows) numbered WHERE counted OR position > {self.budget}"
                     f" LIMIT {cap + 2}) kept")
        with connections[self.rows.db].cursor() as cursor:
            cursor.execute(statement, params)
            found, past = cursor.fetchone()
        if found > cap:
            return cap + 1
        return AtLeast(found) if past else found


def capped_count(queryset, cap: int = COUNT_CAP) -> int:
    """How many rows `queryset` has, counted no further than `cap` + 1 (cap + 1 meaning "more than cap"), or, read
    from an index range with a budget, the rows found within it (AtLeast)."""
    if isinstance(queryset, CountableQuerySet):
        queryset = queryset.count_source()
    if isinstance(queryset, RangeCount):
        return queryset.capped(cap)
    return queryset.order_by()[:cap + 1].count()


def is_exact(count: int, cap: int = COUNT_CAP) -> bool:
    """Whether a count of capped_count is the number of rows (not "more than cap", not "at least")."""
    return not isinstance(count, AtLeast) and count <= cap


def ordered_as_search(queryset) -> bool:
    """Whether `queryset` is ordered by a search's order (core.search.search_order) and may be counted by a window
    over its rows (not DISTINCT, not a UNION: the window would count before those)."""
    if queryset.query.distinct or queryset.query.combinator:
        return False
    for term in queryset.query.order_by:
        expression = term.expression if isinstance(term, OrderBy) else term
        if getattr(expression, "is_search_order", False):
            return True
    return False


def counted_slice(queryset, offset: int, limit: int) -> tuple[int, list]:
    """The rows [offset, offset + limit) of `queryset` (model instances) and how many rows it has in all. One
    statement when the slice has rows; past the end, an empty list and a plain COUNT."""
    rows = list(queryset.annotate(**{TOTAL: Window(Count("pk"))})[offset:offset + limit])
    if rows:
        return getattr(rows[0], TOTAL), rows
    return (0 if offset == 0 else queryset.count()), rows


class SearchPaginator(Paginator):
    """Django's Paginator, which counts no further than COUNT_CAP + 1, and takes the count and the page from one
    statement when the list is a search (sorted whole anyway)."""

    cap = COUNT_CAP

    @cached_property
    def count(self):
        return capped_count(self.object_list, self.cap)

    @property
    def count_exact(self) -> bool:
        return is_exact(self.count, self.cap)

    def page(self, number):
        """Django's page, except when the count is only a lower bound (AtLeast): then the pages are open-ended. A
        page is never cut short at the count, a next page is offered whenever one more row follows, and the count
        grows to the rows seen (the rows are there, only the count stopped)."""
        if not isinstance(self.count, AtLeast):
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as refused:
            raise PageNotAnInteger("Số trang không hợp lệ.") from refused
        if number < 1:
            raise EmptyPage("Số trang không hợp lệ.")
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("Trang này không có kết quả.")
        seen = bottom + min(len(rows), self.per_page)
        self.__dict__["count"] = AtLeast(max(self.count, seen + (len(rows) > self.per_page)))
        self.__dict__.pop("num_pages", None)  # (cached from the count)
        return self._get_page(rows[:self.per_page], number, self)

    @property
    def lower_bound(self) -> int | None:
        """The count when it is only a lower bound ("ít nhất"), else None."""
        return self.count if isinstance(self.count, AtLeast) else None

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number >= 1 and not self.orphans and ordered_as_search(self.object_list):
            total, rows = counted_slice(self.object_list, (number - 1) * self.per_page, self.per_page)
            if rows or number == 1:
                self.__dict__["count"] = total  # Paginator.count is a cached_property
                return self._get_page(rows, number, self)
        return super().get_page(number)  # past the last page: the last page, as Paginator does


@dataclass
class KeysetPage:
    """A page of a list read from an index in its order, newest first: no count, no offset (a log of hundreds of
    millions of rows costs per page what a page holds). `after` is the cursor of the next page (None on the last);
    `first` whether this is the first page; `queryset` the list it is a page of."""

    rows: list
    after: str | None
    first: bool
    queryset: object = None

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __bool__(self):
        return bool(self.rows)


def _cursor(row, field: str) -> str:
    return f"{getattr(row, field).isoformat()}_{row.pk}"


def keyset_page(queryset, cursor: str | None, size: int, field: str = "created") -> KeysetPage:
    """The `size` rows of `queryset` after `cursor`, ordered by `field` then the primary key, both descending (an index
    that ends with them serves it). A cursor that does not parse starts from the first page."""
    rows = queryset.order_by(f"-{field}", "-pk")
    position = _parse(cursor, queryset.model._meta.get_field(field), queryset.model._meta.pk)
    if position is not None:
        moment, pk = position
        rows = rows.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk}))
    found = list(rows[:size + 1])
    after = _cursor(found[size - 1], field) if len(found) > size else None
    return KeysetPage(found[:size], after, position is None, queryset)


def _parse(cursor: str | None, field, pk_field):
    if not cursor or "_" not in cursor:
        return None
    moment, _, pk = cursor.rpartition("_")
    try:
        return field.to_python(moment), pk_field.to_python(pk)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None
