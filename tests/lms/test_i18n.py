"""Languages: URL prefixes, remembered choices, formats and fiscal years."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from lms.fiscal import fiscal_year_bounds, fiscal_year_label, fiscal_year_of
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2026, 4, 1), 2026), (date(2027, 3, 31), 2026), (date(2026, 3, 31), 2025), (date(2026, 12, 31), 2026)],
)
def test_fiscal_year_of(day, year):
    assert fiscal_year_of(day) == year


def test_fiscal_year_uses_tokyo_time():
    # 31 March 2027 16:00 UTC is already 1 April in Tokyo.
    assert fiscal_year_of(datetime(2027, 3, 31, 16, 0, tzinfo=UTC)) == 2027
    start, end = fiscal_year_bounds(2026)
    assert (start.month, start.day, end.year) == (4, 1, 2027)


def test_fiscal_year_labels():
    with translation.override("en"):
        assert fiscal_year_label(2026) == "FY2026"


def test_japanese_date_format():
    with translation.override("ja"):
        assert Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": date(2026, 4, 1)})) == "2026年4月1日"
    with translation.override("en"):
        assert Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": date(2026, 4, 1)})) == "1 April 2026"
        rendered = Template('{{ d|time:"TIME_FORMAT" }}').render(Context({"d": datetime(2026, 4, 1, 15, 5)}))
        assert rendered == "15:05"


def test_visitor_choice_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/organizations/"})
    assert response.status_code == 302 and response["Location"] == "/ja/organizations/"
    response = client.get("/organizations/")
    assert response.status_code == 302 and response["Location"] == "/ja/organizations/"
    client.post(reverse("set_language"), {"language": "en", "next": "/ja/organizations/"})
    assert client.get("/organizations/").status_code == 200


def test_signed_in_choice_is_saved_on_the_profile(client_for):
    user = UserFactory(preferred_language="en")
    client_for(user).post(reverse("set_language"), {"language": "ja", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "ja"
    # A new browser (no cookie) gets the saved language.
    response = client_for(user).get("/organizations/")
    assert response["Location"] == "/ja/organizations/"


def test_language_switch_refuses_open_redirects(client):
    response = client.post(reverse("set_language"), {"language": "ja", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_admin_and_health_are_never_redirected(client):
    client.cookies["lms_language"] = "ja"
    assert client.get("/health/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_posts_are_not_redirected(client, user):
    client.cookies["lms_language"] = "ja"
    response = client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert response.status_code == 302 and "/ja/accounts/login" not in response["Location"]


def test_language_switcher_on_every_page(client):
    response = client.get("/")
    assert b'action="/i18n/setlang/"' in response.content
    assert "日本語".encode() in response.content


def test_one_english_word_in_two_meanings_reads_right_in_japanese():
    from advisors.models import Consultation
    from placements.models import PlacementState, ResearcherProfile
    from progress.models import Target

    with translation.override("ja"):
        assert Consultation.Status.COMPLETED.label == "実施済み"
        assert Consultation.Status.DECLINED.label == "お断り"
        assert PlacementState.ACTIVE.label == "派遣中"
        assert ResearcherProfile.Status.APPLIED.label == "応募中"
        assert Target.Status.ACTIVE.label == "有効"
        assert Template('{% load i18n %}{% translate "Change" %}').render(Context()) == "変更"
        assert translation.pgettext("difference", "Change") == "変化"
        rendered = Template('{% load i18n %}{% translate "Apply" context "researcher application" %}').render(Context())
        assert rendered == "応募する"


def test_callout_is_named_in_the_reader_language():
    from lms.blocks import CalloutBlock

    block = CalloutBlock()
    value = block.to_python({"kind": "tip", "text": "<p>Keep receipts.</p>"})
    with translation.override("ja"):
        assert 'aria-label="ヒント"' in block.render(value)
    with translation.override("en"):
        assert 'aria-label="Tip"' in block.render(value)
