"""CSV and XLSX downloads of a Table, safe to open in a spreadsheet.

A cell that starts with =, +, -, @, a tab or a carriage return would be read as a formula (CSV
injection): such text gets a leading apostrophe. Numbers stay numbers.
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from lms.exports import FORMULA_PREFIXES

from .tables import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _filename(table: Table, stem: str, extension: str) -> str:
    return f"{slugify(stem) or 'export'}-{table.key}.{extension}"


def csv_response(table: Table, *, stem: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([neutralise(value) for value in row])
    # A byte-order mark lets Excel open UTF-8 (Japanese names) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, stem, "csv")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def xlsx_response(table: Table, *, stem: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(table.caption)[:31].translate({ord(c): " " for c in "[]:*?/\\"}))
    sheet.append([neutralise(c) for c in table.columns])
    for row in table.rows:
        sheet.append([neutralise(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, stem, "xlsx")}"'
    return response


def export_response(table: Table, *, fmt: str, stem: str) -> HttpResponse:
    if fmt == "xlsx":
        return xlsx_response(table, stem=stem)
    return csv_response(table, stem=stem)
