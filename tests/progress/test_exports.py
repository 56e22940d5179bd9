import csv
import io

import pytest
from openpyxl import load_workbook

from lms.exports import export_response, neutralise, xlsx_response
from lms.measures import Table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+81 3 1234", "'+81 3 1234"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Plain text", "Plain text"),
        ("みなと", "みなと"),
        (3, 3),
        (-1.5, -1.5),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def _table():
    return Table(
        key="members",
        caption="Members",
        columns=["Name", "Count"],
        rows=[['=HYPERLINK("http://evil")', 2], ["Sato Haruka", -1], ["@SUM(1)", 0]],
    )


def test_csv_is_an_attachment_with_neutralised_cells():
    table = _table()
    response = export_response(table.columns, table.rows, fmt="csv", stem=f"Kanto Water FY2026-{table.key}")
    assert response["Content-Disposition"] == 'attachment; filename="kanto-water-fy2026-members.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Count"]
    assert rows[1][0].startswith("'=")
    assert rows[2] == ["Sato Haruka", "-1"]
    assert rows[3][0] == "'@SUM(1)"


def test_xlsx_is_an_attachment_with_no_formulas():
    table = _table()
    response = xlsx_response(table.columns, table.rows, filename="kanto-members.xlsx", title=table.caption)
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == '\'=HYPERLINK("http://evil")'
    assert values[2][1] == -1
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
