"""The self-assessment in both languages: title, indicators and level descriptions follow the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from progress import services
from progress.demo import INDICATORS, INDICATORS_JA
from progress.models import AssessmentResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(assessment):
    assessment.title_ja = "NGO組織力セルフアセスメント"
    assessment.introduction_ja = "チームで回答してください。"
    assessment.save()
    first = assessment.indicators.order_by("sort_order", "pk").first()
    first.text_ja = "理事会が定期的に開かれている"
    first.level_1_ja = "理事会がない。"
    first.save()
    return assessment


def _japanese(client):
    client.cookies["django_language"] = "ja"
    return client


def test_a_manager_reading_japanese_fills_it_in_in_japanese(client_for, organization, manager, bilingual):
    client = _japanese(client_for(manager))
    client.post(reverse("progress:assessment_start", args=[organization.slug]))
    response = AssessmentResponse.objects.get(organization=organization)
    page = client.get(f"/ja{response.get_absolute_url()}").content.decode()
    assert "NGO組織力セルフアセスメント" in page
    assert "理事会が定期的に開かれている" in page and "1: 理事会がない。" in page
    assert "Governance indicator B" in page  # not translated yet: shown in the original
    assert "1: Not in place." in page  # the untranslated levels of the other indicators

    with translation.override("en"):
        first = bilingual.indicators.order_by("sort_order", "pk").first()
        assert first.display_text == "Governance indicator A" and first.levels[0] == (1, "Not in place.")


def test_the_list_and_report_show_the_readers_language(client_for, organization, manager, bilingual):
    client = _japanese(client_for(manager))
    page = client.get(f"/ja{reverse('progress:assessments', args=[organization.slug])}").content.decode()
    assert "NGO組織力セルフアセスメント" in page and "チームで回答してください。" in page
    with translation.override("ja"):
        assert str(bilingual).startswith("NGO組織力セルフアセスメント")
    with translation.override("en"):
        assert str(bilingual).startswith("NGO capacity")


def test_a_new_version_keeps_the_translation(bilingual):
    copy = services.assessment_new_version(assessment=bilingual)
    assert copy.title_ja == bilingual.title_ja
    first = copy.indicators.order_by("sort_order", "pk").first()
    assert (first.text_ja, first.level_1_ja) == ("理事会が定期的に開かれている", "理事会がない。")


def test_the_demo_instrument_is_translated_in_full():
    assert set(INDICATORS_JA) == {text for _area, text, _levels in INDICATORS}
    for text_ja, levels_ja in INDICATORS_JA.values():
        assert text_ja and len(levels_ja) == 4 and all(levels_ja)
