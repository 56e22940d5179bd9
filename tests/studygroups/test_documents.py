"""Uploads: allowlisted, size-limited, stored privately under generated names, served inert."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.errors import ServiceError
from studygroups import services
from studygroups.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def upload(client, group, name, content, title="Doc"):
    return client.post(
        f"/study-groups/{group.slug}/documents/",
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="text/html")},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "cannot be shared"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "cannot be shared"),
        ("notes.txt", b"<!DOCTYPE html><html><body onload=alert(1)>", "web page or script"),
        ("report.pdf", b"<html>not a pdf</html>", "does not match"),
        ("macro.docm", b"PK\x03\x04", "cannot be shared"),
        ("empty.pdf", b"", "empty"),
        ("../../x", b"%PDF-1.4", "cannot be shared"),
        ("../../x.txt", b"<script>alert(1)</script>", "web page or script"),
    ],
)
def test_dangerous_uploads_refused_with_a_message(client_for, group, group_member, name, content, message):
    response = upload(client_for(group_member), group, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_oversize_refused(client_for, group, group_member, settings):
    settings.LMS_UPLOAD_MAX_BYTES = 1024
    response = upload(client_for(group_member), group, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not DocumentVersion.objects.exists()


@pytest.mark.parametrize("name", ["../../x.pdf", "..\\..\\windows\\x.pdf", "/etc/passwd.pdf", "a" * 300 + ".pdf"])
def test_hostile_names_are_stored_safely(group, group_member, name):
    document = services.document_upload(group=group, by=group_member, title="x", upload=SimpleUploadedFile(name, PDF))
    version = document.current_version
    assert "/" not in version.original_name and "\\" not in version.original_name and ".." not in version.original_name
    assert len(version.original_name) <= 200 and version.original_name.endswith(".pdf")
    stored = Path(version.file.name)
    assert stored.parts[0] == "studygroups" and stored.parts[1] == str(group.pk)
    assert stored.name != Path(name).name and len(stored.stem) == 32  # a generated uuid name
    root = Path(version.file.storage.location).resolve()
    assert Path(version.file.path).resolve().is_relative_to(root)


def test_files_live_outside_public_media(group, group_member):
    document = services.document_upload(
        group=group, by=group_member, title="x", upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    path = Path(document.current_version.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(NotImplementedError):
        document.current_version.file.url  # noqa: B018


def test_download_is_an_inert_attachment(client_for, group, group_member):
    document = services.document_upload(
        group=group, by=group_member, title="Plan", upload=SimpleUploadedFile('<b>plan</b>".pdf', PDF)
    )
    response = client_for(group_member).get(f"/study-groups/{group.slug}/documents/{document.pk}/v1/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_versions_and_soft_delete(client_for, group, group_member, facilitator):
    document = services.document_upload(
        group=group, by=group_member, title="Plan", upload=SimpleUploadedFile("plan.txt", b"first")
    )
    client = client_for(group_member)
    response = client.post(
        f"/study-groups/{group.slug}/documents/{document.pk}/",
        {"file": SimpleUploadedFile("plan-v2.txt", b"second"), "note": "edits"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    old = client.get(f"/study-groups/{group.slug}/documents/{document.pk}/v1/download/")
    assert b"".join(old.streaming_content) == b"first"

    client.post(f"/study-groups/{group.slug}/documents/{document.pk}/delete/")
    document.refresh_from_db()
    assert document.is_deleted
    assert client.get(f"/study-groups/{group.slug}/documents/{document.pk}/v2/download/").status_code == 404
    assert document.title not in client.get(f"/study-groups/{group.slug}/").content.decode()
    client_for(facilitator).post(f"/study-groups/{group.slug}/documents/{document.pk}/restore/")
    document.refresh_from_db()
    assert not document.is_deleted
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_other_member_cannot_delete_document(group, group_member, facilitator):
    from studygroups.factories import GroupMembershipFactory

    document = services.document_upload(
        group=group, by=group_member, title="Plan", upload=SimpleUploadedFile("plan.txt", b"first")
    )
    other = GroupMembershipFactory(group=group).user
    with pytest.raises(ServiceError):
        services.document_delete(document=document, by=other)
