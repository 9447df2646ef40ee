"""Writing cells of the workbooks the system exports (openpyxl) safely: text stays text."""

from openpyxl.cell.cell import TYPE_STRING

from core.text import is_formula_like, writable


def append_row(sheet, values) -> None:
    """Append one row: text made writable (core.text.writable), and text that a spreadsheet would run as a formula
    kept as text (its type set to string, shown as typed)."""
    sheet.append([writable(value) if isinstance(value, str) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and is_formula_like(cell.value):
            cell.data_type = TYPE_STRING
            cell.quotePrefix = True
