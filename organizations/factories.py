"""Factories for tests and demo data."""

import factory
from django.contrib.auth.models import Group
from django.utils.text import slugify

from lms.demo import DEMO_PASSWORD

from .models import (
    CapacityArea,
    FieldOfActivity,
    Invitation,
    JoinRequest,
    Membership,
    Organization,
    OrganizationApplication,
    Region,
    User,
)

DEFAULT_PASSWORD = DEMO_PASSWORD  # the demo's people and the tests' sign in alike


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    preferred_language = "en"
    time_zone = "Asia/Tokyo"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        """A user found by email (``django_get_or_create``) keeps their password unless one is given."""
        if obj.password and not extracted:
            return
        obj.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the user a verified primary email address, as allauth expects."""
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in extracted])


class CapacityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapacityArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Capacity area {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class FieldOfActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfActivity
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Faker("company")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    region = factory.SubFactory(RegionFactory)
    description = factory.Faker("paragraph")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.MEMBER


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    message = "I work on the water programme and would like to take the courses."


class OrganizationApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationApplication

    applicant = factory.SubFactory(UserFactory)
    name_en = factory.Sequence(lambda n: f"Applicant NGO {n}")
    name_ja = factory.Sequence(lambda n: f"申請NGO {n}")
    legal_form = "npo"
    head_office = "13"
    countries_of_operation = "Cambodia"
    applicant_role = "Director"
