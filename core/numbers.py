"""Numbers written the Vietnamese way: a dot between thousands, a comma before decimals ("4.000.000.000",
"36,26", "138,5")."""

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: Decimal, decimals: int) -> Decimal:
    """`value` to `decimals` places, halves away from zero (as a clerk rounds: 138,45 → 138,5 at one place)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def vn_number(value: Decimal | int, decimals: int | None = None) -> str:
    """"4.000.000.000"; "36,26"; "138,5"; "-1.234,5". With `decimals`, rounded to that many places first; trailing
    zeros of the decimals are dropped ("100,00" → "100")."""
    value = Decimal(value)
    if decimals is not None:
        value = rounded(value, decimals)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    whole = ".".join([whole, *groups])
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def parse_vn_number(text: str) -> Decimal:
    """What a clerk types: "11.031.000.000", "4,5", "1.234,5", "95", "95.5" (a dot followed by other than three digits
    is a decimal point). Raises ValueError when it is not a number."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        raise ValueError("empty")
    if "," in text:
        whole, _, fraction = text.rpartition(",")
        whole = whole.replace(".", "")
        text = f"{whole}.{fraction}"
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.rpartition(".")[2]) == 3):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except ArithmeticError as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value
