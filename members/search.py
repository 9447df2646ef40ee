"""The member search in its order, at any scale (issue 15): one rule for the order, two ways to read it.

A search shows its matches by the word of the name that the first typed name word matched ("ng" lists the Nga, then
the Ngân, the Ngọc, the Nguyễn…), then by name (core.search.sort_key), then by id: for a whole word, as "nguyen", that
is plain name order. Both ways below give that order, the same rows and the same count (tested):

- in a ward, or wherever the scope is small, the scope's index finds the members, the search's conditions filter
  them, and the matches are sorted (core.search.MatchedWord) and counted in one pass (core.pagination);
- over a large scope on PostgreSQL (a city committee's 500,000 members, the country's 5.6 million), a one-word search
  reads the name words' index (members migration 0018, NameWord) in its order, (word, sort name, member): the first
  page and the count capped at 10,001 come from the index, where the GIN index would find every Nguyễn in the country
  only for them to be sorted. A search of several words does the same when PostgreSQL expects many matches
  (WALK_MATCHES): the first word's range, the others tested on the name the index holds beside it; with fewer, the
  GIN index intersects the words' posting lists and the matches are sorted (reading the rarest word's range instead
  was measured twice as slow at 5.6 million members: a middle name as "Diệu" is 160,000 rows).

Which way is decided by PostgreSQL's own estimate of how many members the scope holds (WALK_SCOPE).
"""

import json

from django.db import connection
from django.db.models import F, FilteredRelation, Q, Value
from django.db.models.functions import Concat, StrIndex

from core.scoping import scope_q
from core.search import MatchedWord, is_number, prefix_q, search_order, search_words
from members.models import NameWord, PartyMember

NAME = "person__sort_name"  # Vietnamese order (core.search.sort_key)
# Estimated members in scope above which a one-word search walks the name words' index. A walk reads about
# 51 / (the scope's share of the country) index rows for a page: 1,000 for a city committee in the whole country;
# below this scope the scope's own index is cheaper (a ward holds a few thousand members).
WALK_SCOPE = 50_000
# Estimated matches above which a search of several words walks the first word's range too, testing the others on
# the name beside it: finding and sorting 400,000 matches ("hoa t ho" at 5.6 million members) took 41 s, while the
# first page of a dense search is near the start of the range. Below it the matches are few enough to sort.
WALK_MATCHES = 20_000


def ordered_search(members, query: str, *, reader, perm: str = "members.view", within=None):
    """`members` (a PartyMember queryset, scoped to `reader` for `perm` and to `within` when given) narrowed to those
    matching `query` (PartyMemberQuerySet.search) and ordered as a search shows them."""
    words = search_words(query)
    names = [word for word in words if not is_number(word)]
    if not names:  # numbers only: the matches found by the number indexes, sorted (short prefixes match many)
        return members.search(query, reader=reader).order_by(search_order(NAME), "id")
    first = names[0]
    found = members.search(query, reader=reader)
    if len(names) == len(words) and walks(members) and (len(words) == 1 or estimated_rows(found) > WALK_MATCHES):
        walked = walk(members, names, walk_scope(reader, perm, within, prefix="name_words__"))
        if members.query.where == scoped(reader, perm, within).query.where:
            # No condition on the member beyond the scope, which the name words carry: count them alone.
            return walked.counted_by(NameWord.objects.filter(hit_q(names, walk_scope(reader, perm, within))))
        return walked
    return found.order_by(MatchedWord("person__search_name", first), NAME, "id")


def scoped(reader, perm: str, within):
    """The members `reader` may read for `perm` (under `within`), with no other condition: as select_members starts."""
    members = PartyMember.objects.for_user(reader, perm)
    return members if within is None else members.under(within)


def walks(members) -> bool:
    """Whether a one-word search of `members` reads the name words' index: PostgreSQL, and a scope it estimates
    above WALK_SCOPE members."""
    if connection.vendor != "postgresql":
        return False
    return estimated_rows(members) > WALK_SCOPE


def estimated_rows(queryset) -> float:
    """How many rows PostgreSQL's planner expects `queryset` to have (EXPLAIN, nothing run)."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def walk_scope(reader, perm: str, within, prefix: str = "") -> Q:
    """The name words' rows of the members `reader` may read for `perm` (under `within`), by the unit path they
    carry; `prefix` is the relation's name when the condition is seen from the members."""
    scope = scope_q(reader, perm, field=f"{prefix}unit_path")
    return scope if within is None else scope & prefix_q(f"{prefix}unit_path", within.path)


def hit_q(words: list[str], scope: Q, prefix: str = "") -> Q:
    """The name words' rows that stand for the members matching `words` in `scope` (walk_scope), one row per
    member: the row of the first word of its name that starts with the first typed word, the others tested on the
    name the row holds beside it. That row's offset is where " word" first appears in the
    name; no row's offset is before it, so `<=` says `=`, in a form PostgreSQL estimates as keeping a third of the
    rows, not one in 200: the planner then reads the index in order for the page's LIMIT instead of sorting.
    `prefix` is the relation's name when the condition is seen from the members."""
    first = words[0]
    first_match = StrIndex(Concat(Value(" "), F(f"{prefix}search_name")), Value(f" {first}")) - 1
    condition = Q(**{f"{prefix}word__startswith": first, f"{prefix}start__lte": first_match})
    for word in words[1:]:
        name = f"{prefix}search_name"
        condition &= Q(**{f"{name}__startswith": word}) | Q(**{f"{name}__contains": f" {word}"})
    return condition & scope


def walk(members, words: list[str], scope: Q):
    """`members` having a name word that starts with each of `words` in `scope` (hit_q), read from the name words'
    index range of the first in its order."""
    condition = hit_q(words, scope, prefix="name_words__")
    return (members.alias(hit=FilteredRelation("name_words", condition=condition))
            .filter(hit__isnull=False).order_by("hit__word", "hit__sort_name", "pk"))
