"""The neutral content of a Party document laid out as HD 36-HD/VPTW (Phụ lục 3) asks: what stands in the header,
the title, the body and the signature, with no word about DOCX or PDF. render_docx and render_pdf draw the same Paper;
text_of lists the lines both must show, in reading order.

Plain frozen dataclasses: no Django model is imported here, so callers (documents, minutes of meetings) build a
Paper from whatever they hold."""

import datetime
from dataclasses import dataclass

from core.text import writable

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
STAR = "*"
RULE = "-----"
RECIPIENTS_LABEL = "Nơi nhận:"

# body (justified, first-line indent), heading (bold, left), item (a "- " or "1. " line, hanging), center,
# center_bold, italic (justified italic), quote_bold (the formal bold line, "… QUYẾT NGHỊ:", centred).
BLOCK_STYLES = ("body", "heading", "item", "center", "center_bold", "italic", "quote_bold")


@dataclass(frozen=True)
class Block:
    """One paragraph of the body."""

    text: str
    style: str = "body"

    def __post_init__(self):
        if self.style not in BLOCK_STYLES:
            raise ValueError(f"Unknown block style {self.style!r}; expected one of {', '.join(BLOCK_STYLES)}")


@dataclass(frozen=True)
class Signature:
    """Who signs: on_behalf ("T/M BAN CHẤP HÀNH", may be empty), title ("BÍ THƯ"), name (empty on a draft)."""

    on_behalf: str = ""
    title: str = ""
    name: str = ""


@dataclass(frozen=True)
class Paper:
    """A whole document: header, title, subject (trích yếu, lines split on "\\n"), body, one signature (right-hand)
    or two (minutes: left = secretary, right = chair), and the recipients shown under "Nơi nhận:"."""

    superior: str
    issuer: str
    number_line: str
    place_date: str
    kind_title: str
    subject: str
    body: tuple[Block, ...]
    signatures: tuple[Signature, ...]
    recipients: tuple[str, ...] = ()
    title_for_file: str = ""

    def __post_init__(self):
        if len(self.signatures) > 2:
            raise ValueError("A paper carries one signature, or two for minutes (secretary, chair)")

    @property
    def title(self) -> str:
        """The document's title for file metadata: "NGHỊ QUYẾT lãnh đạo thực hiện nhiệm vụ tháng 7/2021"."""
        return " ".join(f"{upper(self.kind_title)} {nfc(self.subject)}".split())


def nfc(text: str) -> str:
    """Composed Unicode (TCVN 6909 text is NFC): "ủ" as one code point, as the fonts' cmaps expect it; without the
    control characters a .docx cannot hold (a name pasted from Word with \x0b must not break the minutes)."""
    return writable(text)


def upper(text: str) -> str:
    return nfc(text).upper()


def lines(text: str) -> list[str]:
    """The non-empty lines of a field, stripped and NFC-normalised."""
    return [nfc(line.strip()) for line in text.split("\n") if line.strip()]


def place_date_line(place: str, day: datetime.date) -> str:
    """"Long Biên, ngày 28 tháng 6 năm 2021": days below 10 and the months 1 and 2 take a leading zero
    ("ngày 05 tháng 02 năm 2026"), as in Party and state documents."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return nfc(f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}")


def header_left(paper: Paper) -> list[str]:
    """The left header column: superior body, issuing body, "*", number."""
    return [*(upper(t) for t in lines(paper.superior)), *(upper(t) for t in lines(paper.issuer)), STAR,
            *lines(paper.number_line)]


def header_right(paper: Paper) -> list[str]:
    return [PARTY_NAME, *lines(paper.place_date)]


def signature_lines(signature: Signature) -> list[str]:
    """Visible lines of one signature block (the empty lines left for the hand signature are not text)."""
    return [*lines(signature.on_behalf), *lines(signature.title), *lines(signature.name)]


def recipient_lines(paper: Paper) -> list[str]:
    """"Nơi nhận:" and one "- …" line per recipient; nothing when there are no recipients."""
    if not paper.recipients:
        return []
    return [RECIPIENTS_LABEL, *(f"- {nfc(r.strip())}" for r in paper.recipients if r.strip())]


def text_of(paper: Paper) -> list[str]:
    """Every visible line of the document in reading order: header left column then right column, title, subject,
    rule, body paragraphs (a paragraph's own line breaks split it), then the bottom: with one signature the recipients
    (left) before the signature (right); with two, left signature, right signature, then the recipients."""
    result = [*header_left(paper), *header_right(paper), *(upper(t) for t in lines(paper.kind_title)),
              *lines(paper.subject), RULE]
    for block in paper.body:
        result.extend(lines(block.text))
    if len(paper.signatures) == 1:
        result.extend(recipient_lines(paper))
        result.extend(signature_lines(paper.signatures[0]))
    else:
        for signature in paper.signatures:
            result.extend(signature_lines(signature))
        result.extend(recipient_lines(paper))
    return result
