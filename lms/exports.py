"""Spreadsheet-safe cells for every CSV and XLSX export (CSV/formula injection)."""

# Full-width = + - @ too: Japanese spreadsheet software converts them and runs the formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_csv_cell(value) -> str:
    """Text a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_csv_row(values) -> list[str]:
    return [safe_csv_cell(value) for value in values]
