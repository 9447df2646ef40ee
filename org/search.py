"""Accent-insensitive matching of Vietnamese text: "nguyen van hung" finds "Nguyễn Văn Hùng" (đ and d alike)."""

import re
import unicodedata

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import ArrayContains
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Concat

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower case, without diacritics, đ → d, single spaces: the form stored in `search_name` columns."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    # Drop combining marks (the accents) and control characters (a NUL cannot even be sent to PostgreSQL).
    bare = "".join(
        ch for ch in decomposed
        if unicodedata.category(ch) != "Mn" and (ch.isspace() or unicodedata.category(ch) != "Cc")
    )
    return _SPACES.sub(" ", bare).strip().lower()


def prefix_q(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, in the form each database's index answers: PostgreSQL's pattern indexes
    serve LIKE 'p%'; SQLite's LIKE is case-insensitive and skips plain indexes, so there a range on the
    (binary-ordered) index does it. Only for folded or ASCII values."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})
    return Q(**{f"{field}__startswith": prefix})


def search_q(query: str, field: str = "search_name") -> Q:
    """Every word of the query, folded, must appear in the folded column."""
    condition = Q()
    for word in fold(query).split(" "):
        if word:
            condition &= Q(**{f"{field}__contains": word})
    return condition


def word_prefixes(folded: str) -> set[str]:
    """Every prefix of every word of a folded text: what SQL dangvu_word_prefixes() indexes (org migration 0003)."""
    return {word[:end] for word in folded.split(" ") if word for end in range(1, len(word) + 1)}


class WordPrefixes(Func):
    """PostgreSQL: dangvu_word_prefixes(field), the expression of the GIN index org_person_word_prefixes."""

    function = "dangvu_word_prefixes"
    output_field = ArrayField(TextField())


def word_prefix_q(field: str, words: list[str]) -> Q:
    """Each of `words` (folded, without spaces) starts a word of the folded `field`. On PostgreSQL one condition
    the GIN index answers (its posting lists intersected from the rarest word); on SQLite a LIKE pair per word."""
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        return Q(ArrayContains(WordPrefixes(field), words))
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return condition


class SearchOrder(Concat):
    """The order of a search (search_order); org.pagination recognises it."""


def search_order(field: str):
    """Orders as `field` does, in a form no index provides: for a search, so that PostgreSQL finds the matches
    from the search indexes and sorts them, instead of walking the whole name index in order to feed the page's
    LIMIT (seconds at a million members when the matches are many; bench/member_search.py)."""
    return SearchOrder(F(field), Value(""))
