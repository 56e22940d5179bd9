"""Factories for tests and demo data."""

from datetime import timedelta

import factory
from django.utils import timezone

from organizations.factories import OrganizationFactory, UserFactory

from .models import (
    Document,
    GroupMembership,
    Meeting,
    MeetingAttendance,
    MeetingResponse,
    Post,
    ReportChapter,
    StudyGroup,
    Thread,
)


class StudyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyGroup
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Study group {n}")
    slug = factory.Sequence(lambda n: f"study-group-{n}")
    theme = factory.Faker("sentence", nb_words=6)
    public_summary = factory.Faker("paragraph")
    description = factory.Faker("paragraph")
    fiscal_year = 2026
    lead_organization = factory.SubFactory(OrganizationFactory)
    status = StudyGroup.Status.ACTIVE


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(StudyGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = GroupMembership.Role.MEMBER
    status = GroupMembership.Status.ACTIVE
    statement = factory.Faker("paragraph")


class FacilitatorFactory(GroupMembershipFactory):
    role = GroupMembership.Role.FACILITATOR


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(StudyGroupFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    mode = Meeting.Mode.ONLINE
    online_url = "https://meet.example.org/room"
    agenda = "<p>Introductions; survey plan.</p>"


class MeetingResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingResponse

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(GroupMembershipFactory, group=factory.SelfAttribute("..meeting.group"))
    answer = MeetingResponse.Answer.GOING


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(GroupMembershipFactory, group=factory.SelfAttribute("..meeting.group"))
    present = True


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    group = factory.SubFactory(StudyGroupFactory)
    title = factory.Faker("sentence", nb_words=5)
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.LazyAttribute(lambda o: f"<p>{o.text}</p>")

    class Params:
        text = factory.Faker("paragraph")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    group = factory.SubFactory(StudyGroupFactory)
    title = factory.Faker("sentence", nb_words=4)


class ReportChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportChapter

    group = factory.SubFactory(StudyGroupFactory)
    title = factory.Sequence(lambda n: f"Chapter {n}")
    body = "<p>Findings from the survey of member organizations.</p>"
    sort_order = factory.Sequence(lambda n: n)
