"""The one writer for CSV and XLSX downloads, safe to open in a spreadsheet.

Every export in every scheme goes through here so the rules hold everywhere at once:
- a text cell that starts like a formula (= + - @, tab, CR, LF, or their full-width forms, which
  Japanese spreadsheet software also runs) gets a leading apostrophe (CSV injection); numbers stay numbers;
- CSV starts with a UTF-8 byte-order mark, without which Excel garbles Japanese names;
- XLSX keeps dates and times as real dates (sortable, filterable), sizes its columns to their text and
  freezes the header row.
Aware datetimes are written in the viewer's time zone unless the caller names one (``tz``).
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_COLUMN_WIDTH = 60


def safe_csv_cell(value) -> str:
    """Text a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def neutralise(value, *, tz: tzinfo | None = None):
    """A cell value either format can hold: numbers and dates as they are, everything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value, tz).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return safe_csv_cell(value)


def _csv_text(value, *, tz: tzinfo | None) -> str | int | float:
    value = neutralise(value, tz=tz)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_filename(*parts: str, extension: str) -> str:
    """An ASCII file name from its parts ("Kanto Water", "members" → kanto-water-members.csv)."""
    stem = "-".join(filter(None, (slugify(str(part)) for part in parts))) or "export"
    return f"{stem}.{extension}"


def csv_response(columns: Sequence, rows: Iterable[Sequence], *, filename: str, tz: tzinfo | None = None):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_text(c, tz=tz) for c in columns])
    for row in rows:
        writer.writerow([_csv_text(value, tz=tz) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=CSV_TYPE)
    return _attachment(response, filename)


def _width(value) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    # Japanese characters take about two columns each.
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def _sheet_title(title: str) -> str:
    return str(title)[:31].translate({ord(c): " " for c in "[]:*?/\\"}).strip() or "Sheet1"


def xlsx_response(
    columns: Sequence,
    rows: Iterable[Sequence],
    *,
    filename: str,
    title: str = "",
    tz: tzinfo | None = None,
) -> HttpResponse:
    header = [neutralise(c, tz=tz) for c in columns]
    body = [[neutralise(value, tz=tz) for value in row] for row in rows]
    widths = [_width(c) for c in header]
    for row in body:
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], _width(value))
            else:
                widths.append(_width(value))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.append(header)
    for row in body:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return _attachment(HttpResponse(output.getvalue(), content_type=XLSX_TYPE), filename)


def export_response(
    columns: Sequence,
    rows: Iterable[Sequence],
    *,
    fmt: str,
    stem: str,
    title: str = "",
    tz: tzinfo | None = None,
) -> HttpResponse:
    """CSV unless ``fmt`` is "xlsx"; ``stem`` is the file name without its extension."""
    if fmt == "xlsx":
        filename = export_filename(stem, extension="xlsx")
        return xlsx_response(columns, rows, filename=filename, title=title or stem, tz=tz)
    return csv_response(columns, rows, filename=export_filename(stem, extension="csv"), tz=tz)
