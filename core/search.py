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


# The Vietnamese alphabet (with the foreign letters f, j, w, z in their Latin places), after the digits: a letter's
# place is its primary weight. The tones are weighed after all the letters, in the order the dictionaries use:
# ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "+"}  # breve, circumflex, horn: part of the letter
_MODIFIED = {("a", "ă"): "ă", ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("o", "+"): "ơ", ("u", "+"): "ư"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# "00" ends the letters (the tones follow), "01" ends a word, the letters weigh from "02": a shorter name comes
# before a longer one that begins with it, whatever the tones ("Án" before "An B").
_WEIGHT = {letter: f"{index + 2:02d}" for index, letter in enumerate(_ALPHABET)}


def sort_key(text: str | None) -> str:
    """The key that orders Vietnamese names as a Vietnamese reader does, on any database: letter by letter in the
    Vietnamese alphabet (D before Đ, O before Ô before Ơ: "Hoàng" before "Hồ"), a word's end before any letter
    ("Lê Văn" before "Lên"), then the tones ("Hung", "Hùng", then "Hưng"). Digits only, two per letter and one per
    tone, so that PostgreSQL's locale collations and SQLite's binary one compare it alike. Stored in `sort_name`
    columns; what is neither a letter, a digit nor a space is left out."""
    primary, tones = [], []
    for word in (text or "").lower().split():
        if primary:
            primary.append("01")  # a word ends before any letter, after the end of the letters
        for char in unicodedata.normalize("NFD", word):
            if char in _TONES:
                if tones:
                    tones[-1] = str(_TONES[char])
                continue
            if char in _LETTER_MARKS and primary:
                base = _ALPHABET[int(primary[-1]) - 2]
                modified = _MODIFIED.get((base, _LETTER_MARKS[char]))
                if modified:
                    primary[-1] = _WEIGHT[modified]
                continue
            weight = _WEIGHT.get("đ" if char == "đ" else char)
            if weight is not None:
                primary.append(weight)
                tones.append("0")
    return "".join(primary) + "00" + "".join(tones)


def prefix_q(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, in the form each database's index answers: PostgreSQL's pattern indexes
    serve LIKE 'p%'; SQLite's LIKE is case-insensitive and skips plain indexes, so there a range on the
    (binary-ordered) index does it. Only for folded or ASCII values."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})
    return Q(**{f"{field}__startswith": prefix})


# A search reads at most this many words of what was typed: enough for any name or number, and a pasted page of
# text is answered instead of building a condition too deep for the database (issue 12).
MAX_SEARCH_WORDS = 12


def search_words(query: str) -> list[str]:
    """The folded words of a search, at most MAX_SEARCH_WORDS."""
    return fold(query).split()[:MAX_SEARCH_WORDS]


def is_number(word: str) -> bool:
    """Whether a search word is a number (a membership, card or CCCD prefix), not a word of a name: it has a digit."""
    return any(character.isdigit() for character in word)


def search_q(query: str, field: str = "search_name") -> Q:
    """Every word of the query, folded, must appear in the folded column."""
    condition = Q()
    for word in search_words(query):
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


def _starts_a_word(field: str, word: str) -> Q:
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


def word_prefix_q(field: str, words: list[str]) -> Q:
    """Each of `words` (folded, without spaces) starts a word of the folded `field`. On PostgreSQL one condition
    the GIN index answers (its posting lists intersected from the rarest word), for the words of two letters or more
    when there are any: a one-letter word's list holds most of the country ("t": Thị, Thanh, Trần…), and intersecting
    it made "hoa t ho" take 27 s at 5.6 million members (a bitmap too large to stay exact, every row rechecked), so
    it is tested on the rows the longer words found. On SQLite a LIKE pair per word."""
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        indexed = [word for word in words if len(word) > 1] or words
        condition = Q(ArrayContains(WordPrefixes(field), indexed))
        for word in words:
            if word not in indexed:
                condition &= _starts_a_word(field, word)
        return condition
    condition = Q()
    for word in words:
        condition &= _starts_a_word(field, word)
    return condition


class SearchOrder(Concat):
    """The order of a search (search_order); core.pagination recognises it."""

    is_search_order = True


def name_words(folded: str) -> list[tuple[str, int]]:
    """(word, offset) of each word of a folded name: what SQL dangvu_name_words() gives (members migration 0018)."""
    found, offset = [], 0
    for word in folded.split(" "):
        if word:
            found.append((word, offset))
        offset += len(word) + 1
    return found


class MatchedWord(Func):
    """The first word of the folded `field` that starts with `word` (folded, one word): a search's first sort key
    (members.search), compared byte by byte on every database ("C", SQLite's binary), as the national search's index
    orders it. Sorting by it collects every match first, as a search order must (core.pagination counts them in the
    same pass)."""

    is_search_order = True
    output_field = TextField()

    def __init__(self, field: str, word: str):
        super().__init__(F(field), Value(f" {word}"))

    def as_postgresql(self, compiler, connection):
        name, name_params = compiler.compile(self.source_expressions[0])
        word, word_params = compiler.compile(self.source_expressions[1])
        spaced = f"(' ' || {name})"
        sql = f"(split_part(substr({spaced}, strpos({spaced}, {word}) + 1), ' ', 1) COLLATE \"C\")"
        return sql, (*name_params, *name_params, *word_params)

    def as_sqlite(self, compiler, connection):
        name, name_params = compiler.compile(self.source_expressions[0])
        word, word_params = compiler.compile(self.source_expressions[1])
        spaced = f"(' ' || {name})"
        rest = f"substr({spaced}, instr({spaced}, {word}) + 1)"
        sql = f"substr({rest}, 1, instr({rest} || ' ', ' ') - 1)"
        params = (*name_params, *name_params, *word_params)
        return sql, (*params, *params)


def search_order(field: str):
    """Orders as `field` does, in a form no index provides: for a search, so that PostgreSQL finds the matches
    from the search indexes and sorts them, instead of walking the whole name index in order to feed the page's
    LIMIT (seconds at a million members when the matches are many; bench/member_search.py)."""
    return SearchOrder(F(field), Value(""))
