from django.urls import reverse


def test_dashboard_renders(client_for, manager, organization, assessment):
    response = client_for(manager).get(reverse("progress:organization", kwargs={"slug": organization.slug}))
    assert response.status_code == 200, response.content[:3000]


def test_programme_renders(client_for, programme_staff, organization):
    response = client_for(programme_staff).get(reverse("progress:programme"))
    assert response.status_code == 200
    response = client_for(programme_staff).get(reverse("progress:programme_organizations"))
    assert response.status_code == 200
