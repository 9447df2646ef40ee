"""Every person's Vietnamese sort key, computed again with the key that orders a shorter name before a longer one
whatever the tones ("Án" before "An B"). The key is copied here as it was, so that this migration gives the same
column whatever core.search.sort_key becomes. Not atomic: batches of 1,000 commit one by one, so a province's table
is never locked for the whole run."""

import unicodedata

from django.db import migrations

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


def fill_sort_names(apps, schema_editor):
    Person = apps.get_model("org", "Person")
    last = None
    while True:
        batch = Person.objects.order_by("pk").only("pk", "full_name")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        people = list(batch[:1000])
        if not people:
            return
        for person in people:
            person.sort_name = sort_key(person.full_name)
        Person.objects.bulk_update(people, ["sort_name"])
        last = people[-1].pk


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("org", "0004_person_sort_name")]

    operations = [migrations.RunPython(fill_sort_names, migrations.RunPython.noop)]
