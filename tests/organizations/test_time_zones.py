"""Time-zone fields offer the common zones first, all others after, and accept nothing else."""

import pytest

from organizations.models import TIME_ZONE_CHOICES, User

pytestmark = pytest.mark.django_db


def test_common_zones_come_first_then_every_other_zone_once():
    (common_label, common), (other_label, others) = TIME_ZONE_CHOICES
    common_values = [value for value, _label in common]
    assert common_values[0] == "Asia/Tokyo"
    assert {"Asia/Phnom_Penh", "Africa/Nairobi", "Asia/Kathmandu", "Asia/Manila"} <= set(common_values)
    other_values = [value for value, _label in others]
    assert "Europe/Berlin" in other_values and not set(common_values) & set(other_values)
    assert other_values == sorted(other_values)


def test_every_time_zone_field_uses_the_choices():
    from advisors.models import AdvisorProfile
    from courses.models import SeminarSession
    from studygroups.models import Meeting

    for model in (User, AdvisorProfile, SeminarSession, Meeting):
        assert model._meta.get_field("time_zone").choices == TIME_ZONE_CHOICES


def test_profile_form_shows_optgroups_with_tokyo_first(client_for, user):
    body = client_for(user).get("/accounts/profile/").content.decode()
    first_group = body.index("<optgroup")
    assert body.index('value="Asia/Tokyo"', first_group) < body.index('value="Africa/Abidjan"', first_group)
    assert "Common time zones" in body


@pytest.mark.parametrize("zone, saved", [("Asia/Phnom_Penh", True), ("Europe/Berlin", True), ("Mars/Olympus", False)])
def test_profile_saves_listed_zones_only(client_for, user, zone, saved):
    data = {"first_name": "Aiko", "last_name": "Ito", "display_name": "", "name_order": "given_first",
            "preferred_language": "en", "time_zone": zone}  # fmt: skip
    response = client_for(user).post("/accounts/profile/", data)
    user.refresh_from_db()
    assert (user.time_zone == zone) is saved
    assert response.status_code == (302 if saved else 200)
