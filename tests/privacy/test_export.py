import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.factories import ConsultationFactory
from organizations.factories import UserFactory
from privacy import services
from privacy.models import DataRequest
from studygroups.factories import PostFactory

pytestmark = pytest.mark.django_db


def _archive(request: DataRequest) -> dict[str, bytes]:
    with request.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_export_holds_the_persons_records_and_files_and_no_one_elses(
    person_with_history, mailoutbox, django_capture_on_commit_callbacks
):
    user = person_with_history["user"]
    other = ConsultationFactory(question="Someone else's question")
    PostFactory(thread=person_with_history["post"].thread, text="Another member's post")

    with django_capture_on_commit_callbacks(execute=True):  # the immediate task backend builds it at once
        request = services.export_request(user=user)
    request.refresh_from_db()
    assert request.state == DataRequest.State.READY
    assert request.expires_at - request.completed_at == timedelta(days=7)
    files = _archive(request)
    everything = b"".join(files.values()).decode("utf-8", "replace")

    consultations = json.loads(files["advisors_consultations.json"])
    assert consultations["records"][0]["your question"] == "How do we register as an NPO?"
    assert consultations["records"][0]["summary"] == "Shared summary text"
    assert "SECRET advisor note" not in everything
    assert any(name.startswith("files/advisors_consultations/") for name in files)
    assert b"%PDF-1.4 statutes" in files[next(n for n in files if n.startswith("files/advisors_consultations/"))]
    registrations = json.loads(files["seminars_registrations.json"])["records"]
    assert registrations[0]["seminar"] == "Accounting basics"
    assert "My post about budgets" in files["studygroups_posts.json"].decode()
    assert json.loads(files["profile.json"])["records"][0]["email address"] == user.email
    assert "Someone else's question" not in everything
    assert other.learner.email not in everything
    assert "Another member's post" not in everything
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "/accounts/data/" in mailoutbox[0].body


def test_a_second_export_while_one_is_pending_is_refused(user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    services.export_request(user=user)
    with pytest.raises(services.ServiceError):
        services.export_request(user=user)
    assert DataRequest.objects.filter(user=user).count() == 1


def test_expired_exports_lose_their_archive(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.export_request(user=user)
    request.refresh_from_db()
    name = request.archive.name
    assert request.archive.storage.exists(name)
    assert services.exports_expire(now=timezone.now() + timedelta(days=6)) == 0
    assert services.exports_expire(now=timezone.now() + timedelta(days=8)) == 1
    request.refresh_from_db()
    assert request.state == DataRequest.State.EXPIRED
    assert not request.archive.storage.exists(name)


def test_download_is_for_the_owner_only_and_until_it_expires(user, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.export_request(user=user)
    url = f"/accounts/data/export/{request.pk}/download/"
    assert client_for(None).get(url).status_code == 302
    assert client_for(UserFactory()).get(url).status_code == 404
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    DataRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client_for(user).get(url, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/data/"
    assert "expired" in response.content.decode()


def test_the_data_page_asks_for_an_export_and_lists_it(user, client_for, django_capture_on_commit_callbacks):
    client = client_for(user)
    page = client.get("/accounts/data/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/data/export/")
    response = client.get("/accounts/data/")
    assert "We are preparing your data" in response.content.decode()
    assert "Download ZIP" in response.content.decode()
    client.post("/accounts/data/export/")  # the first is ready, so a new one may be asked
    assert DataRequest.objects.filter(user=user).count() == 2


def test_the_profile_links_to_the_data_page_and_email_preferences(user, client_for):
    body = client_for(user).get("/accounts/profile/").content.decode()
    assert 'href="/accounts/data/"' in body
    assert 'href="/accounts/email-preferences/"' in body
