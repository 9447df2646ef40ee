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

from core.search import MatchedWord, is_number, search_order, search_words
from core.walk import WALK_MATCHES, WALK_SCOPE, estimated_rows, scope_estimated_above, walk
from members.models import NameWord, PartyMember

NAME = "person__sort_name"  # Vietnamese order (core.search.sort_key)


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
        return walk(members, names, reader=reader, perm=perm, within=within, scoped=scoped(reader, perm, within),
                    word_model=NameWord)
    return found.order_by(MatchedWord("person__search_name", first), NAME, "id")


def scoped(reader, perm: str, within):
    """The members `reader` may read for `perm` (under `within`), with no other condition: as select_members starts."""
    members = PartyMember.objects.for_user(reader, perm)
    return members if within is None else members.under(within)


def walks(members) -> bool:
    """Whether a one-word search of `members` reads the name words' index: PostgreSQL, and a scope it estimates
    above WALK_SCOPE members."""
    return scope_estimated_above(members, WALK_SCOPE)
