"""CSV cells that spreadsheets cannot mistake for formulas."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_csv_row(values) -> list[str]:
    return [safe_csv_cell(value) for value in values]
