import pytest
from django.test import RequestFactory

from studygroups import selectors
from studygroups.factories import StudyGroupFactory
from studygroups.models import StudyGroup

pytestmark = pytest.mark.django_db


def test_home_highlights_only_public(rf=None):
    recruiting = StudyGroupFactory(title="Open group", status=StudyGroup.Status.RECRUITING)
    StudyGroupFactory(title="Private active group", status=StudyGroup.Status.ACTIVE)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    sections = selectors.home_highlights(request)
    titles = [item["title"] for section in sections for item in section["items"]]
    assert recruiting.title in titles
    assert "Private active group" not in titles


def test_home_page_renders_highlights(client_for, home_page):
    StudyGroupFactory(title="Open group", status=StudyGroup.Status.RECRUITING)
    assert "Open group" in client_for(None).get("/").content.decode()
