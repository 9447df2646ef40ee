"""A name search read from a name-words index in its order (issue 15): the walk shared by the member search
(members.search, members_nameword) and the people search (org.search, org_personword).

A model searched this way has a reverse relation `name_words` to an unmanaged table kept by triggers on PostgreSQL,
one row per word of each record's folded name: (word, start, sort_name, search_name, unit_path), its index ordered
(word, sort_name, record). A search's order is the word of the name that the first typed word matched, then the
name, then the id: the order of that index, and the order core.search.MatchedWord gives when the matches are found
and sorted instead (the two ways give the same rows, order and count: tested for both models)."""

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import F, FilteredRelation, Q, Value
from django.db.models.functions import Concat, StrIndex

from core.pagination import RangeCount
from core.scoping import scope_q
from core.search import prefix_q


class NameWordRow(models.Model):
    """One word of a record's folded name (PostgreSQL only), kept by triggers and never written by the application:
    the columns a walk reads. A concrete model adds the record's foreign key (related_name "name_words"), the primary
    key (record, start), and its table (unmanaged)."""

    start = models.SmallIntegerField()  # the word's offset in search_name
    word = models.CharField(max_length=150)
    sort_name = models.CharField(max_length=500)  # the record's, copied
    search_name = models.CharField(max_length=150)  # the record's, copied
    unit_path = models.CharField(max_length=255)  # the record's, copied

    class Meta:
        abstract = True

    def __str__(self):
        return self.word


# Estimated records in scope above which a one-word search walks the name words' index. A walk reads about
# 51 / (the scope's share of the country) index rows for a page: 1,000 for a city committee in the whole country;
# below this scope the scope's own index is cheaper (a ward holds a few thousand members).
WALK_SCOPE = 50_000
# Estimated matches above which a search of several words walks the first word's range too, testing the others on
# the name beside it: finding and sorting 400,000 matches ("hoa t ho" at 5.6 million members) took 41 s, while the
# first page of a dense search is near the start of the range. Below it the matches are few enough to sort.
WALK_MATCHES = 20_000


# Rows of the first word's range that a page of a several-word search is expected to read before it holds 50
# matches, below which the search reads that range (its count then stops at RangeCount.budget rows) rather than
# finding every match and sorting them: those are read from the table one by one (4,800 people for "le hieu":
# 120 ms warm, seconds cold), where the range is read from the index alone.
WALK_READ = 50_000
PAGE_ROWS = 50


def worth_walking(found, first: str, word_model, *, matches_above: float) -> bool:
    """Whether a search of several words (`found`, its matches; `first`, the first word typed) reads the first word's
    range of `word_model` in order: when PostgreSQL expects more than `matches_above` matches, or a page within
    WALK_READ rows of the range (the range's rows × a page / the matches)."""
    matches = estimated_rows(found)
    if matches > matches_above:
        return True
    return estimated_rows(word_model.objects.filter(word__startswith=first)) * PAGE_ROWS <= WALK_READ * matches


def estimated_rows(queryset) -> float:
    """How many rows PostgreSQL's planner expects `queryset` to have (EXPLAIN, nothing run); 0 for a queryset that
    cannot have any (a scope with no grant: Django sends no statement, and explains nothing)."""
    try:
        text = queryset.order_by().explain(format="json")
    except EmptyResultSet:
        return 0
    return json.loads(text)[0]["Plan"]["Plan Rows"] if text else 0


def scope_estimated_above(queryset, rows: float) -> bool:
    """PostgreSQL, and `queryset` (a scope) estimated to hold more than `rows` records."""
    return connection.vendor == "postgresql" and estimated_rows(queryset) > rows


def walk_scope(reader, perm: str, within, prefix: str = "") -> Q:
    """The name words' rows of the records `reader` may read for `perm` (under `within`), by the unit path they
    carry; `prefix` is the relation's name when the condition is seen from the records."""
    scope = scope_q(reader, perm, field=f"{prefix}unit_path")
    return scope if within is None else scope & prefix_q(f"{prefix}unit_path", within.path)


def hit_q(words: list[str], scope: Q, prefix: str = "") -> Q:
    """The name words' rows that stand for the records matching `words` in `scope` (walk_scope), one row per
    record: the row of the first word of its name that starts with the first typed word, the others tested on the
    name the row holds beside it. That row's offset is where " word" first appears in the name; no row's offset is
    before it, so `<=` says `=`, in a form PostgreSQL estimates as keeping a third of the rows, not one in 200: the
    planner then reads the index in order for the page's LIMIT instead of sorting. `prefix` is the relation's name
    when the condition is seen from the records."""
    first = words[0]
    first_match = StrIndex(Concat(Value(" "), F(f"{prefix}search_name")), Value(f" {first}")) - 1
    condition = Q(**{f"{prefix}word__startswith": first, f"{prefix}start__lte": first_match})
    for word in words[1:]:
        name = f"{prefix}search_name"
        condition &= Q(**{f"{name}__startswith": word}) | Q(**{f"{name}__contains": f" {word}"})
    return condition & scope


def walk(records, words: list[str], *, reader, perm: str, within, scoped, word_model):
    """`records` having a name word that starts with each of `words`, read from the name words' index range of the
    first in its order. When `records` has no condition but the scope (the queryset `scoped` has: the reader's, and
    `within`), which the name words carry, it is counted from the name words alone (core.pagination.CountableQuerySet),
    over at most RangeCount.budget rows of the range."""
    condition = hit_q(words, walk_scope(reader, perm, within, prefix="name_words__"), prefix="name_words__")
    walked = (records.alias(hit=FilteredRelation("name_words", condition=condition))
              .filter(hit__isnull=False).order_by("hit__word", "hit__sort_name", "pk"))
    if records.query.where == scoped.query.where:
        rows = word_model.objects.filter(Q(word__startswith=words[0]) & walk_scope(reader, perm, within))
        return walked.counted_by(RangeCount(rows.order_by("word", "sort_name"),
                                            hit_q(words, walk_scope(reader, perm, within))))
    return walked
