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
  (WALK_MATCHES), or a page within WALK_READ rows of the first word's range (core.walk.worth_walking): the first
  word's range, the others tested on the name the index holds beside it, the count stopped after 20,000 rows of the
  range that the reader may see (core.pagination.RangeCount: "ít nhất N"); otherwise the GIN index intersects the
  words' posting lists and the matches are sorted (reading the rarest word's range instead was measured twice as
  slow at 5.6 million members: a middle name as "Diệu" is 160,000 rows).

A search of numbers only shows its matches by the number matched: the smallest of the member's membership number, card
number and CCCD (where its reader may read it) that starts with the (first) number typed; then by id. A search of one
number over a large scope on PostgreSQL reads the members' numbers' index (members migration 0020, MemberNumber) in
that order, where the columns' own indexes would find every CCCD of a birth year in the country (a six-digit prefix)
only for them to be sorted; elsewhere the matches are found by the columns' indexes and sorted (matched_number).

Which way is decided by PostgreSQL's own estimate of how many members the scope holds (WALK_SCOPE).
"""

from django.db import connection, models
from django.db.models import Case, F, FilteredRelation, Q, When
from django.db.models.functions import Collate

from core.pagination import RangeCount
from core.scoping import scope_q
from core.search import MatchedWord, is_number, prefix_q, search_order, search_words
from core.walk import WALK_MATCHES, WALK_SCOPE, scope_estimated_above, walk, walk_scope, worth_walking
from members.models import MemberNumber, NameWord, NumberKind, PartyMember, number_starts_q

NAME = "person__sort_name"  # Vietnamese order (core.search.sort_key)


def ordered_search(members, query: str, *, reader, perm: str = "members.view", within=None):
    """`members` (a PartyMember queryset, scoped to `reader` for `perm` and to `within` when given) narrowed to those
    matching `query` (PartyMemberQuerySet.search) and ordered as a search shows them."""
    words = search_words(query)
    names = [word for word in words if not is_number(word)]
    if not words:
        return members.search(query, reader=reader).order_by(search_order(NAME), "id")
    if not names:  # numbers only
        if len(words) == 1 and walks(members):
            return walk_number(members, words[0], reader=reader, perm=perm, within=within,
                               scoped=scoped(reader, perm, within))
        return members.search(query, reader=reader).order_by(matched_number(words[0], reader=reader), "id")
    first = names[0]
    found = members.search(query, reader=reader)
    if len(names) == len(words) and walks(members) and (
            len(words) == 1 or worth_walking(found, first, NameWord, matches_above=WALK_MATCHES)):
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


class MatchedNumber(Case):
    """The number a member matching a number is listed at (matched_number); a search's order (core.pagination
    counts the matches in the pass that sorts them)."""

    is_search_order = True


def matched_number(word: str, *, reader) -> MatchedNumber:
    """The number a member matching number `word` is listed at: the smallest, byte by byte, of its membership number,
    card number and CCCD (this one only where `reader` may read it) that start with `word`; of two equal, the
    membership number, then the card number. Compared byte by byte on every database ("C", SQLite's binary), as the
    members' numbers' index orders them."""
    membership, card, cccd = (byte_order(F(field)) for field in ("membership_no", "card_no", "person__cccd"))
    card_matches = number_starts_q("card_no", word)
    cccd_matches = prefix_q("person__cccd", word) & scope_q(reader, "people.view_sensitive", field="person__unit_path")
    return MatchedNumber(
        When(number_starts_q("membership_no", word) & ~(card_matches & Q(card_no__lt=membership))
             & ~(cccd_matches & Q(person__cccd__lt=membership)), then=membership),
        When(card_matches & ~(cccd_matches & Q(person__cccd__lt=card)), then=card),
        default=cccd, output_field=models.CharField(),
    )


def byte_order(expression):
    """`expression` compared and sorted byte by byte: PostgreSQL's "C" collation (SQLite's default is binary)."""
    return Collate(expression, "C") if connection.vendor == "postgresql" else expression


def number_hit_q(word: str, *, reader, perm: str, within, prefix: str = "") -> Q:
    """The members' numbers' rows that stand for the members `reader` may read for `perm` (under `within`) having a
    number that starts with `word`, one row per member: the number it is listed at (matched_number), a CCCD only where
    `reader` may read it (people.view_sensitive, by its person's unit). `prefix` is the relation's name when the
    condition is seen from the members."""

    def field(name: str) -> str:
        return f"{prefix}{name}"

    readable = scope_q(reader, "people.view_sensitive", field=field("person_path"))
    first = ~Q(**{field("membership_before"): True, f"{field('membership_no')}__startswith": word})
    first &= ~Q(**{field("card_before"): True, f"{field('card_no')}__startswith": word})
    first &= ~(Q(**{field("cccd_before"): True, f"{field('cccd')}__startswith": word}) & readable)
    return visible_numbers_q(word, reader=reader, perm=perm, within=within, prefix=prefix) & first


def visible_numbers_q(word: str, *, reader, perm: str, within, prefix: str = "") -> Q:
    """The members' numbers' rows starting with `word` that `reader` may see: of the members it may read for `perm`
    (under `within`), and a CCCD only where it may read it."""
    readable = scope_q(reader, "people.view_sensitive", field=f"{prefix}person_path")
    own = (~Q(**{f"{prefix}kind": NumberKind.CCCD}) | readable) if readable else Q()  # (Q() | x would be x)
    return Q(**{f"{prefix}number__startswith": word}) & own & walk_scope(reader, perm, within, prefix=prefix)


def walk_number(records, word: str, *, reader, perm: str, within, scoped):
    """`records` having a number that starts with `word`, read from the members' numbers' index range in its order
    (number, member), each at the number it is listed at. Counted from that index alone while `records` has no
    condition but the scope `scoped` has (core.pagination.CountableQuerySet)."""
    condition = number_hit_q(word, reader=reader, perm=perm, within=within, prefix="numbers__")
    walked = (records.alias(hit=FilteredRelation("numbers", condition=condition))
              .filter(hit__isnull=False).order_by("hit__number", "pk"))
    if records.query.where == scoped.query.where:
        rows = MemberNumber.objects.filter(visible_numbers_q(word, reader=reader, perm=perm, within=within))
        rows = rows.order_by("number")
        return walked.counted_by(RangeCount(rows, number_hit_q(word, reader=reader, perm=perm, within=within)))
    return walked
