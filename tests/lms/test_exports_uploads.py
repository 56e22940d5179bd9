"""Every export is safe to open in a spreadsheet; every upload field refuses file-name and content tricks.

Exports: the advisors' consultations CSV, the seminar roster CSV, the placements CSV and every
progress table (organization and programme) as CSV and XLSX, downloaded after names, summaries and
organization names were set to formulas. No cell may start like a formula.

Uploads: each upload field of the site (consultation attachment, study group document and new version,
placement report attachment, researcher CV) gets double extensions, a polyglot (HTML inside a
".pdf"), path-traversal names and NUL bytes in names, sent as raw multipart (the test client would
strip the path). Never a 500; what is accepted is stored under a generated or cleaned name inside the
media folder and served as an inert download.
"""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from lms.exports import FORMULA_PREFIXES, safe_csv_cell
from tests.lms.post_endpoints import POST_ENDPOINTS

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "＝1+1"]


@pytest.mark.parametrize("value", ["＝1+1", "＋1", "－1", "＠SUM(A1)"])
def test_full_width_formula_signs_are_neutralised(value):
    """Japanese spreadsheet software reads a leading full-width = + - @ as a formula too."""
    assert safe_csv_cell(value) == "'" + value


def _client(site, role):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(site.users[role])
    return client


def _cells(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    workbook = load_workbook(io.BytesIO(body))
    return [
        cell.value if isinstance(cell.value, str) else ""
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type != "f" or pytest.fail(f"formula cell {cell.value!r}")
    ]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.django_db
def test_no_export_cell_starts_like_a_formula(demo_site):
    from advisors.models import ConsultationRecord
    from organizations.models import Organization, User
    from progress.selectors import organization_table_keys, programme_table_keys

    site = demo_site
    for index, organization in enumerate(Organization.objects.all()):
        Organization.objects.filter(pk=organization.pk).update(name=FORMULAS[index % len(FORMULAS)])
    for index, user in enumerate(User.objects.all()):
        formula = FORMULAS[index % len(FORMULAS)]
        User.objects.filter(pk=user.pk).update(first_name=formula, last_name=formula, display_name=formula)
    ConsultationRecord.objects.update(summary=FORMULAS[0])
    staff = _client(site, "staff")
    progress = site.paths["progress:organization"]
    urls = [
        site.paths["advisors:programme_export"],
        site.paths["courses:session_roster_csv"],
        site.paths["placements:export"],
        *[f"{progress}export/{table}.{fmt}" for table in organization_table_keys() for fmt in ("csv", "xlsx")],
        *[
            f"/programme/export/{table}.{fmt}"
            for table in [*programme_table_keys(), "organizations"]
            for fmt in ("csv", "xlsx")
        ],
    ]
    for url in urls:
        response = staff.get(url)
        assert response.status_code == 200, url
        cells = _cells(response)
        assert cells, url
        bad = [cell for cell in cells if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell)]
        assert not bad, f"{url}: {bad[:3]}"


# Uploads --------------------------------------------------------------------------------------------

UPLOAD_FIELDS = {
    "advisors:book": "attachment",
    "studygroups:documents": "file",
    "studygroups:document": "file",
    "placements:report_attachment_add": "file",
    "placements:researcher_apply": "cv",
}
PDF = b"%PDF-1.4 fine\n"
TRICKS = [
    ("report.pdf.exe", PDF),
    ("report.exe.pdf", b"MZ\x90\x00 windows executable"),
    ("polyglot.pdf", b"<html><script>alert(1)</script></html>%PDF-1.4"),
    ("../../../../etc/passwd.pdf", PDF),
    ("..\\..\\..\\windows\\evil.pdf", PDF),
    ("/etc/cron.d/evil.pdf", PDF),
    ("evil\x00.pdf", PDF),
    ("evil.pdf\x00.exe", PDF),
    (".pdf", PDF),
    ("a" * 400 + ".pdf", PDF),
    ("report.PDF", PDF),
    ("rtl\u202efdp.exe", PDF),
]


def multipart(data: dict, field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "----attack-boundary-7MA4YWxkTrZu0gW"
    parts = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{item}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode()
        + filename.encode("utf-8", "surrogatepass")
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def stored_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.mark.django_db
@pytest.mark.parametrize("label", list(UPLOAD_FIELDS))
def test_upload_tricks_are_refused_or_stored_safely(demo_site, label, tmp_path, settings):
    site, endpoint, field = demo_site, POST_ENDPOINTS[label], UPLOAD_FIELDS[label]
    settings.MEDIA_ROOT = tmp_path / "media"  # private storage sits beside it
    outside = tmp_path / "etc"
    for filename, content in TRICKS:
        cache.clear()
        client = _client(site, endpoint.role)
        before = stored_files(tmp_path)
        body, content_type = multipart(endpoint.baseline(site), field, filename, content)
        response = client.post(endpoint.path_for(site), body, content_type=content_type)
        assert response.status_code in (200, 302, 400), (label, filename, response.status_code)
        new = stored_files(tmp_path) - before
        assert not outside.exists()
        for path in new:
            assert path.resolve().is_relative_to(tmp_path.resolve()), (label, filename, path)
            assert ".." not in path.parts and "\x00" not in str(path)
            assert not path.name.lower().endswith(".exe"), (label, filename, path)
            if filename == "polyglot.pdf" or filename == "report.exe.pdf":
                pytest.fail(f"{label} stored {filename!r}, whose content is not a PDF")
