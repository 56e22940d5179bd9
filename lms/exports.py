"""Spreadsheet-safe cells for every CSV and XLSX export (CSV/formula injection)."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_csv_cell(value) -> str:
    """Text a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_csv_row(values) -> list[str]:
    return [safe_csv_cell(value) for value in values]
