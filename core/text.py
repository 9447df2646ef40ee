"""Text at the edges of the system: one rule for text coming in (forms, API, imports) and one for text going out to a
file a clerk opens.

In: what a paste brings (Word's vertical tab \\x0b for a line break, a form feed, a decomposed "ễ" from a Mac, a stray
control character) is normalised before any rule sees it, so that a name is stored once, in one spelling (NFC), and
never breaks an export later. A lone surrogate (an unpaired "\\ud800" escape in JSON) is not text: it is refused.

Out: stored text may still hold what an older version let in. XML, and so .xlsx and .docx, cannot carry those
control characters, and writing one fails the whole file. And a spreadsheet cell that begins with "=", "+", "-",
"@" (or a tab or carriage return before one) is run as a formula by Excel when the file is opened: an export must
write it as text (OWASP, "CSV injection")."""

import re
import unicodedata

# The control characters XML 1.0 refuses (tab, line feed and carriage return are allowed), and the lone surrogates.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Documented limits of free text (README, API schema): a note, a summary or a speech; minutes and a resolution's text.
NOTE_MAX = 4_000
LONG_TEXT_MAX = 20_000

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What ends a line, however a program spelled it: CR LF, CR, vertical tab (Word's Shift+Enter), form feed, the
# information separators, NEL, and Unicode's line and paragraph separators.
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Every other control character (C0 but tab and line feed, DEL, C1): removed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_LINE_SPACE = re.compile(r"[\t\n]")
LONE_SURROGATE = "Văn bản chứa ký tự không hợp lệ (một nửa cặp mã UTF-16): hãy gõ lại hoặc dán lại đoạn này."


def clean_input(text: str, *, multiline: bool = False) -> str:
    """The one rule for text coming in: NFC; line breaks of every spelling become "\\n" where the field holds lines
    (`multiline`) and a space where it holds one line; other control characters are removed. Raises ValueError
    (with a Vietnamese message) for a lone surrogate. Leading and trailing spaces are left to the field."""
    if _SURROGATE.search(text):
        raise ValueError(LONE_SURROGATE)
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", unicodedata.normalize("NFC", text)))
    return text if multiline else _LINE_SPACE.sub(" ", text)


def writable(text: str) -> str:
    """`text` in NFC without the characters a .docx or .xlsx cannot hold (a control character becomes a space)."""
    return _UNWRITABLE.sub(" ", unicodedata.normalize("NFC", text))


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula."""
    return text.startswith(FORMULA_STARTS)
