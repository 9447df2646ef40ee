"""The people search in its order, at any scale (issue 15): as the member search (members.search), the matches by
the word of the name that the first typed word matched, then by name, then by id; in a ward the scope's index finds
them and they are sorted, over a large scope on PostgreSQL a one-word search (or a several-word one expected to
match many) reads the people's name words' index (org migration 0011, PersonWord) in its order (core.walk)."""

from core.search import MatchedWord, search_words
from core.walk import WALK_MATCHES, WALK_SCOPE, scope_estimated_above, walk, worth_walking
from org.models import Person, PersonWord


def ordered_people(people, query: str, *, reader, perm: str = "people.view", within=None):
    """`people` (a Person queryset, scoped to `reader` for `perm` and to `within` when given) narrowed to those
    matching `query` (PersonQuerySet.search) and ordered as a search shows them; by name without a query."""
    words = search_words(query)
    if not words:
        return people.order_by("sort_name", "id")
    found = people.search(query)
    if walks(people) and (len(words) == 1 or worth_walking(found, words[0], PersonWord, matches_above=WALK_MATCHES)):
        return walk(people, words, reader=reader, perm=perm, within=within, scoped=scoped(reader, perm, within),
                    word_model=PersonWord)
    return found.order_by(MatchedWord("search_name", words[0]), "sort_name", "id")


def scoped(reader, perm: str, within):
    """The people `reader` may read for `perm` (under `within`), with no other condition."""
    people = Person.objects.for_user(reader, perm)
    return people if within is None else people.under(within)


def walks(people) -> bool:
    """Whether a search of `people` reads the name words' index: PostgreSQL, and a scope it estimates above
    WALK_SCOPE people."""
    return scope_estimated_above(people, WALK_SCOPE)
