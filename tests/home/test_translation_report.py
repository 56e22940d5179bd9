import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.models import StandardPage
from home.translation_report import _status, translation_rows
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    page = StandardPage(title="Grants guide", slug="grants-guide")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_statuses(page):
    rows = {row.page.pk: row for row in translation_rows("ja")}
    row = rows[page.pk]
    ja = Locale.objects.get(language_code="ja")
    if row.translation is None:
        assert _status(page, None) == "missing"
        translation = page.copy_for_translation(ja, copy_parents=True, alias=False)
    else:
        translation = row.translation.specific
        assert _status(page, translation) == "untranslated"
        translation.alias_of = None
        translation.save()
    translation.title = "助成金ガイド"
    translation.save_revision().publish()
    translation.refresh_from_db()
    assert _status(page, translation) == "current"
    page.title = "Grants guide (2026)"
    page.save_revision().publish()
    page.refresh_from_db()
    assert _status(page, translation) == "outdated"


def test_report_page_for_editors_only(client_for, page):
    editor = UserFactory(groups=["Editors"])
    response = client_for(editor).get(reverse("translation_report"))
    assert response.status_code == 200 and b"Grants guide" in response.content
    response = client_for(editor).get(reverse("translation_report"), {"status": "current"})
    assert b"Grants guide" not in response.content
    learner = UserFactory()
    assert client_for(learner).get(reverse("translation_report")).status_code in (302, 403)
