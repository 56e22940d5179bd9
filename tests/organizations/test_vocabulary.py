"""Capacity areas, regions and fields of activity are translatable snippets shown in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from courses.forms import CatalogueFilterForm
from organizations.factories import CapacityAreaFactory, RegionFactory, UserFactory
from organizations.models import CapacityArea, Region
from organizations.vocabulary import localize_name


@pytest.fixture
def japanese(db):
    return Locale.objects.get_or_create(language_code="ja")[0]


@pytest.fixture
def governance(japanese):
    area = CapacityAreaFactory(name="Governance", slug="governance")
    translation_ = area.copy_for_translation(japanese)
    translation_.name = "ガバナンス"
    translation_.save()
    return area


def test_new_rows_take_the_default_locale(db):
    area = CapacityArea.objects.create(name="Advocacy", slug="advocacy")
    assert area.locale.language_code == "en"


def test_a_translation_shares_the_slug_but_not_the_language(governance, japanese):
    assert CapacityArea.objects.filter(slug="governance").count() == 2
    assert list(CapacityArea.objects.canonical()) == [governance]


def test_the_name_follows_the_active_language(governance):
    assert str(governance) == "Governance"
    with translation.override("ja"):
        assert str(governance) == "ガバナンス"
        assert localize_name(CapacityArea, "Governance") == "ガバナンス"
        assert localize_name(CapacityArea, "Unknown") == "Unknown"


def test_an_untranslated_row_keeps_its_name_in_japanese(db):
    region = RegionFactory(name="Kanto", slug="kanto")
    with translation.override("ja"):
        assert str(region) == "Kanto"
        assert localize_name(Region, "Kanto") == "Kanto"


def test_renaming_a_translation_shows_at_once(governance, japanese):
    with translation.override("ja"):
        assert str(governance) == "ガバナンス"
    translated = governance.get_translation(japanese)
    translated.name = "組織運営"
    translated.save()
    with translation.override("ja"):
        assert str(governance) == "組織運営"


def test_choice_lists_offer_each_area_once_in_the_readers_language(governance):
    with translation.override("ja"):
        form = CatalogueFilterForm()
        labels = [label for value, label in form.fields["capacity_area"].choices if value]
    assert labels == ["ガバナンス"]


def test_links_to_a_vocabulary_accept_only_default_language_rows(governance, japanese):
    from django.forms import modelform_factory

    from advisors.models import Consultation

    form = modelform_factory(Consultation, fields=["topic"])()
    assert list(form.fields["topic"].queryset) == [governance]


def test_an_editor_translates_a_capacity_area_in_the_admin(client, governance, japanese):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    area = CapacityAreaFactory(name="Fundraising", slug="fundraising")
    url = reverse("simple_translation:submit_snippet_translation", args=["organizations", "capacityarea", area.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [japanese.pk]})
    assert response.status_code == 302
    copy = area.get_translation(japanese)
    assert copy.slug == "fundraising" and copy.name == "Fundraising"
