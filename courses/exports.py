"""CSV cells that spreadsheets cannot mistake for formulas (the shared rule in lms.exports)."""

from lms.exports import FORMULA_PREFIXES, safe_csv_cell, safe_csv_row

__all__ = ["FORMULA_PREFIXES", "safe_csv_cell", "safe_csv_row"]
