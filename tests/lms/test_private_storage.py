"""One private storage for every private upload, locally and on S3 (a local S3 server, moto, started here)."""

import socket

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models

from lms.storage import PrivateFileSystemStorage, private_storage

PRIVATE_FIELDS = {
    ("advisors", "Consultation", "attachment"),
    ("studygroups", "DocumentVersion", "file"),
    ("placements", "ResearcherProfile", "cv"),
    ("placements", "ReportAttachment", "file"),
}
PROJECT_APPS = ["organizations", "courses", "advisors", "studygroups", "placements", "progress", "home", "lms"]


def _file_fields():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    yield label, model.__name__, field


def test_every_upload_of_the_project_is_in_the_private_storage(settings):
    found = {(label, name, field.name) for label, name, field in _file_fields()}
    assert found >= PRIVATE_FIELDS
    for label, name, field in _file_fields():
        assert isinstance(field.storage, PrivateFileSystemStorage), f"{label}.{name}.{field.name} is not private"
        assert field.storage is not default_storage


def test_local_private_files_live_outside_media_and_have_no_url(settings, tmp_path):
    settings.LMS_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    storage = private_storage("advisors")
    name = storage.save("advisors/question.pdf", ContentFile(b"%PDF-1.4 private\n"))
    assert storage.path(name).startswith(str(tmp_path / "private"))
    assert not storage.path(name).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(NotImplementedError):
        storage.url(name)


def test_advisor_attachments_are_served_only_through_the_permission_checked_view(
    client_for, advisor_consultation_with_attachment
):
    consultation, learner, stranger = advisor_consultation_with_attachment
    assert consultation.attachment.name.startswith("advisors/")
    response = client_for(learner).get(f"/consultations/{consultation.pk}/attachment/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(stranger).get(f"/consultations/{consultation.pk}/attachment/").status_code == 404
    assert client_for(None).get(f"/media/{consultation.attachment.name}").status_code == 404


@pytest.fixture
def advisor_consultation_with_attachment(db):
    from advisors.factories import ConsultationFactory
    from organizations.factories import UserFactory

    consultation = ConsultationFactory()
    consultation.attachment.save("question.pdf", ContentFile(b"%PDF-1.4 attached\n"), save=False)
    consultation.attachment_name = "question.pdf"
    consultation.save(update_fields=["attachment", "attachment_name"])
    return consultation, consultation.learner, UserFactory()


# S3 ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    server_module = pytest.importorskip("moto.server")
    port = _free_port()
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    settings.AWS_STORAGE_BUCKET_NAME = "lms-media"
    settings.AWS_PRIVATE_STORAGE_BUCKET_NAME = "lms-private"
    settings.AWS_S3_ENDPOINT_URL = s3_server
    settings.AWS_S3_REGION_NAME = "us-east-1"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    for bucket in ("lms-media", "lms-private"):
        client.create_bucket(Bucket=bucket)
    return client


def test_on_s3_private_files_go_to_the_private_bucket_and_prefix(s3):
    from advisors.models import private_storage as advisors_storage
    from placements.storage import private_storage as placements_storage
    from studygroups.storage import private_storage as studygroups_storage

    storage = studygroups_storage()
    name = storage.save("minutes/2026.pdf", ContentFile(b"%PDF-1.4 minutes\n"))
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket="lms-private")["Contents"]]
    assert keys == [f"private/studygroups/{name}"]
    assert not s3.list_objects_v2(Bucket="lms-media").get("Contents")
    with storage.open(name) as handle:
        assert handle.read().startswith(b"%PDF")

    grants = s3.get_object_acl(Bucket="lms-private", Key=keys[0])["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI", "").endswith(("AllUsers", "AuthenticatedUsers"))]
    assert "X-Amz-Signature=" in storage.url(name) or "Signature=" in storage.url(name)

    advisors_storage().save("advisors/q.pdf", ContentFile(b"%PDF-1.4 q\n"))
    placements_storage().save("cv/a.pdf", ContentFile(b"%PDF-1.4 cv\n"))
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket="lms-private")["Contents"]}
    assert {"private/advisors/q.pdf", "private/placements/cv/a.pdf"} <= keys

    storage.delete(name)
    assert not storage.exists(name)
