"""No personal data where it isn't needed: public pages, managers' exports, a person's download."""

import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.test import Client

from tests.authz_table import TABLE

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _client(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_public_pages_never_show_an_email_address(demo_site):
    anonymous = _client()
    checked = 0
    for label, row in TABLE.items():
        if row.anon != "200" or label not in demo_site.paths or label.startswith("calendar_feed"):
            continue
        response = anonymous.get(demo_site.paths[label])
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        found = set(EMAIL.findall(response.content.decode()))
        assert not found, f"{label} shows {found}"
        checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_a_managers_member_export_holds_only_their_organizations_people(demo_site):
    manager, learner2 = demo_site.users["manager"], demo_site.users["learner2"]
    response = _client(manager).get(demo_site.paths["progress:organization_export"])
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    learner = demo_site.users["learner"]
    assert learner.first_name in body and learner.last_name in body
    assert learner2.email not in body
    for name in (f"{learner2.first_name} {learner2.last_name}", f"{learner2.last_name} {learner2.first_name}"):
        assert name not in body
    other_org = demo_site.orgs[1]
    response = _client(manager).get(f"/organizations/{other_org.slug}/progress/export/members.csv")
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_demo_learners_download_holds_their_records_only(demo_site, django_capture_on_commit_callbacks):
    from privacy.services import export_request

    learner, learner2 = demo_site.users["learner"], demo_site.users["learner2"]
    with django_capture_on_commit_callbacks(execute=True):
        request = export_request(user=learner)
    request.refresh_from_db()
    with request.archive.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        sections = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".json")}
    assert json.loads(sections["advisors_consultations.json"])["records"]
    assert json.loads(sections["seminars_registrations.json"])["records"]
    assert json.loads(sections["studygroups_posts.json"])["records"]
    everything = "".join(sections.values())
    assert learner.email in everything
    assert learner2.email not in everything
    assert learner2.get_full_name() not in everything
