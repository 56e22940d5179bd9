"""The one export writer: every CSV and XLSX download in the site is built by lms.exports."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lms.exports import csv_response, export_response, neutralise, xlsx_response

COLUMNS = ["Name", "Joined", "Session", "Score"]
ROWS = [
    ['=HYPERLINK("http://evil")', date(2026, 4, 1), datetime(2026, 3, 31, 14, 30, tzinfo=UTC), 3],
    ["+81 3 1234", date(2027, 3, 31), datetime(2026, 7, 1, 0, 0, tzinfo=UTC), -1],
    ["佐藤 はるか", None, None, 2.5],
]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"])
def test_text_starting_like_a_formula_gets_a_quote(prefix):
    assert neutralise(prefix + "1+1") == "'" + prefix + "1+1"


def test_numbers_and_dates_are_not_text():
    assert neutralise(-2) == -2 and neutralise(1.5) == 1.5
    assert neutralise(date(2026, 4, 1)) == date(2026, 4, 1)
    with timezone.override("Asia/Tokyo"):
        assert neutralise(datetime(2026, 3, 31, 15, 0, tzinfo=UTC)) == datetime(2026, 4, 1, 0, 0)


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_csv_starts_with_a_byte_order_mark_and_is_neutralised():
    with timezone.override("Asia/Tokyo"):
        response = csv_response(COLUMNS, ROWS, filename="members.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="members.csv"'
    rows = _csv_rows(response)
    assert rows[0] == ["\ufeffName", "Joined", "Session", "Score"]
    assert rows[1] == ['\'=HYPERLINK("http://evil")', "2026-04-01", "2026-03-31 23:30", "3"]
    assert rows[2][0] == "'+81 3 1234" and rows[2][3] == "-1"
    assert rows[3] == ["佐藤 はるか", "", "", "2.5"]


def test_csv_times_can_be_written_in_a_named_zone():
    with timezone.override("Asia/Tokyo"):
        response = csv_response(COLUMNS, ROWS, filename="x.csv", tz=UTC)
    assert _csv_rows(response)[1][2] == "2026-03-31 14:30"


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_keeps_dates_as_dates_freezes_the_header_and_sizes_columns():
    with timezone.override("Asia/Tokyo"):
        response = xlsx_response(COLUMNS, ROWS, filename="members.xlsx", title="Members: FY2026")
    assert response["Content-Disposition"] == 'attachment; filename="members.xlsx"'
    sheet = _sheet(response)
    assert sheet.title == "Members  FY2026"
    assert sheet.freeze_panes == "A2"
    joined, session = sheet["B2"], sheet["C2"]
    assert joined.is_date and joined.value == datetime(2026, 4, 1) and joined.number_format == "yyyy-mm-dd"
    assert session.is_date and session.value == datetime(2026, 3, 31, 23, 30)
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")' and sheet["D3"].value == -1
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # Wide enough for the longest text, Japanese counted double.
    assert sheet.column_dimensions["A"].width >= len('\'=HYPERLINK("http://evil")')
    assert sheet.column_dimensions["D"].width < sheet.column_dimensions["A"].width


def test_export_response_picks_the_format_and_an_ascii_file_name():
    csv_file = export_response(COLUMNS, ROWS, fmt="csv", stem="Kanto Water FY2026-members")
    assert csv_file["Content-Disposition"] == 'attachment; filename="kanto-water-fy2026-members.csv"'
    xlsx_file = export_response(COLUMNS, ROWS, fmt="xlsx", stem="みなと")
    assert xlsx_file["Content-Disposition"] == 'attachment; filename="export.xlsx"'
    assert _sheet(xlsx_file)["A1"].value == "Name"
