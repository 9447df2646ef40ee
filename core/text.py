"""Text on its way out to a file a clerk opens: what Excel and Word accept, and what they do not run.

Stored text may hold what a paste brought in (Word's vertical tab \\x0b, a form feed): XML, and so .xlsx and .docx,
cannot carry those control characters, and writing one fails the whole file. And a spreadsheet cell that begins
with "=", "+", "-", "@" (or a tab or carriage return before one) is run as a formula by Excel when the file is
opened: an export must write it as text (OWASP, "CSV injection")."""

import re
import unicodedata

# The control characters XML 1.0 refuses (tab, line feed and carriage return are allowed), and the lone surrogates.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def writable(text: str) -> str:
    """`text` in NFC without the characters a .docx or .xlsx cannot hold (a control character becomes a space)."""
    return _UNWRITABLE.sub(" ", unicodedata.normalize("NFC", text))


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula."""
    return text.startswith(FORMULA_STARTS)
