"""Comments on placement reports, and the changes a reviewer asks for, are Markdown with a preview."""

import pytest
from django.urls import reverse

from placements.models import Placement, Report, ReportComment

pytestmark = pytest.mark.django_db

S = Placement.State
TEXT = "Thank you.\n\nPlease add:\n\n- the **budget** table\n- two photos\n\n<script>alert(1)</script>"


def _assert_formatted(html: str):
    assert "<p>Please add:</p>" in html
    assert "<ul>\n<li>the <strong>budget</strong> table</li>\n<li>two photos</li>\n</ul>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_comment_preview_then_post(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    client = client_for(people["host"])
    url = reverse("placements:report_comment", args=[report.pk])
    preview = client.post(url, {"body": TEXT, "preview": "1"})
    assert preview.status_code == 200 and not ReportComment.objects.exists()
    page = preview.content.decode()
    assert "Formatting help" in page
    _assert_formatted(page.split('class="markdown-preview"')[1].split("</section>")[0])
    assert "Internal: programme staff only" not in page  # the host never sees the staff-only box

    assert client.post(url, {"body": TEXT}).status_code == 302
    assert ReportComment.objects.get().body == TEXT
    _assert_formatted(client_for(people["researcher"]).get(report.get_absolute_url()).content.decode())


def test_an_empty_comment_comes_back_in_the_form(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    response = client_for(people["host"]).post(
        reverse("placements:report_comment", args=[report.pk]), {"body": "** **"}
    )
    assert response.status_code == 200 and "The comment is empty." in response.content.decode()
    assert not ReportComment.objects.exists()


def test_comment_by_someone_outside_the_placement_is_not_found(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    url = reverse("placements:report_comment", args=[report.pk])
    assert client_for(people["outsider"]).post(url, {"body": TEXT, "preview": "1"}).status_code == 404
    assert client_for(None).post(url, {"body": TEXT}).status_code == 302
    assert not ReportComment.objects.exists()


def test_requested_changes_preview_then_send(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    client = client_for(people["staff"])
    url = reverse("placements:report_changes", args=[report.pk])
    preview = client.post(url, {"comment": TEXT, "preview": "1"})
    assert preview.status_code == 200
    _assert_formatted(preview.content.decode().split('class="markdown-preview"')[1].split("</section>")[0])
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and not ReportComment.objects.exists()

    assert client.post(url, {"comment": ""}).status_code == 200  # nothing typed: the form says so
    assert client.post(url, {"comment": TEXT}).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.CHANGES_REQUESTED
    _assert_formatted(client_for(people["researcher"]).get(report.get_absolute_url()).content.decode())
