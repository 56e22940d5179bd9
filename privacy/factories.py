"""Factories for tests and demo data."""

import factory

from organizations.factories import UserFactory

from .models import DataRequest, EmailPreferences


class DataRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataRequest

    user = factory.SubFactory(UserFactory)
    kind = DataRequest.Kind.EXPORT
    state = DataRequest.State.PENDING


class EmailPreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailPreferences
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
