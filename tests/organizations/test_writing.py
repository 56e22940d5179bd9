"""An organization's profile is written in Markdown with a preview; visitors see it formatted."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DESCRIPTION = "We run **water** projects.\n\n- Tohoku\n- Kyushu"


def test_profile_preview_then_save(client, client_for, organization, manager):
    url = reverse("organizations:edit", args=[organization.slug])
    before = organization.description
    data = {"name": organization.name, "legal_form": "npo", "description": DESCRIPTION}
    preview = client_for(manager).post(url, data | {"preview": "1"})
    assert preview.status_code == 200
    assert "<p>We run <strong>water</strong> projects.</p>" in preview.content.decode()
    organization.refresh_from_db()
    assert organization.description == before
    assert client_for(manager).post(url, data).status_code == 302
    public = client.get(organization.get_absolute_url()).content.decode()
    assert "<ul>\n<li>Tohoku</li>\n<li>Kyushu</li>\n</ul>" in public
