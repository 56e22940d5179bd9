"""What NGO Advisors give the personal home (registered in AppConfig.ready).

One query per list, whatever its length: the advisor's waiting requests, today's consultations
and records due come from one consultation query; the learner's follow-ups and feedback from another.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.home import Figure, Need, Tool, programme_queue
from organizations.models import ProgrammeRole

from . import selectors
from .models import AdvisorProfile, Consultation, FollowUp, OutreachRequest

FEEDBACK_WINDOW = timedelta(days=60)
LIST_LIMIT = 20


def _profile(user):
    if not hasattr(user, "_lms_advisor"):
        user._lms_advisor = (
            AdvisorProfile.objects.filter(user=user).first() if user.in_group(ProgrammeRole.ADVISORS) else None
        )
    return user._lms_advisor


def tools(user):
    yield Tool(
        key="consultations",
        label=_("Consultations"),
        url=reverse("advisors:consultations"),
        description=_("Your consultations with NGO Advisors"),
        order=20,
    )
    if user.in_group(ProgrammeRole.ADVISORS):
        yield Tool(
            key="availability",
            label=_("Availability"),
            url=reverse("advisors:availability"),
            description=_("When learners can book you"),
            order=21,
            header=False,
        )
    if user.in_group(ProgrammeRole.ADVISORS) or user.is_programme_staff:
        yield Tool(key="outreach", label=_("Outreach"), url=reverse("advisors:outreach"), order=22, header=False)
    if user.is_programme_staff:
        yield Tool(
            key="consultation-statistics",
            label=_("Consultation statistics"),
            url=reverse("advisors:programme"),
            order=72,
            header=False,
        )


def _who(consultation) -> str:
    return f"{consultation.learner} · {consultation.topic}"


def needs(user):
    now = timezone.now()
    profile = _profile(user)
    if profile is not None:
        today_end = timezone.localtime(now).replace(hour=23, minute=59, second=59)
        consultations = (
            Consultation.objects.filter(advisor=profile)
            .filter(
                Q(status=Consultation.Status.PENDING, start__gt=now)
                | Q(status=Consultation.Status.CONFIRMED, start__lte=today_end, end__gte=now - timedelta(hours=12))
                | Q(status=Consultation.Status.CONFIRMED, end__lt=now, record__isnull=True)
            )
            .select_related("learner", "topic")
            .order_by("start")[: LIST_LIMIT * 3]
        )
        for consultation in consultations:
            if consultation.status == Consultation.Status.PENDING:
                group, order = _("Consultation requests waiting for you"), 10
            elif consultation.end < now:
                group, order = _("Consultation records due"), 12
            else:
                group, order = _("Today's consultations"), 11
            yield Need(
                group=group,
                title=_who(consultation),
                url=consultation.get_absolute_url(),
                when=consultation.start,
                order=order,
            )
        for item in OutreachRequest.objects.filter(advisor=profile, status=OutreachRequest.Status.ASSIGNED).order_by(
            "event_date"
        )[:LIST_LIMIT]:
            yield Need(
                group=_("Outreach assignments"),
                title=f"{item.requester_name}: {item.theme}",
                url=reverse("advisors:outreach_detail", args=[item.pk]),
                detail=_("Confirm or decline"),
                order=13,
            )
    follow_ups = (
        FollowUp.objects.filter(consultation__learner=user, done=False)
        .select_related("consultation__advisor__user")
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    for follow_up in follow_ups:
        yield Need(
            group=_("Consultation follow-ups"),
            title=follow_up.title,
            url=follow_up.consultation.get_absolute_url(),
            detail=_("Due %(date)s") % {"date": _date(follow_up.due_date)} if follow_up.due_date else "",
            order=40,
        )
    # The calendar's consultations include these (completed ones of the last 180 days), read once per request.
    feedback_due = sorted(
        (
            c
            for c in selectors.calendar_consultations(user)
            if c.learner_id == user.pk
            and c.status == Consultation.Status.COMPLETED
            and c.end >= now - FEEDBACK_WINDOW
            and not hasattr(c, "feedback")
        ),
        key=lambda c: c.start,
        reverse=True,
    )[:LIST_LIMIT]
    for consultation in feedback_due:
        yield Need(
            group=_("Consultation follow-ups"),
            title=_("Give feedback on your consultation with %(advisor)s") % {"advisor": consultation.advisor},
            url=consultation.get_absolute_url(),
            when=consultation.start,
            order=41,
        )
    if user.is_programme_staff:
        yield from programme_queue(
            title=_("Outreach requests to assign"),
            url=reverse("advisors:outreach"),
            count=OutreachRequest.objects.filter(status=OutreachRequest.Status.REQUESTED).count(),
        )


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "DATE_FORMAT")


def progress(user):
    profile = _profile(user)
    if profile is None:
        return
    year_ago = timezone.now() - timedelta(days=365)
    held = Consultation.objects.filter(
        advisor=profile, status=Consultation.Status.COMPLETED, start__gte=year_ago
    ).count()
    yield Figure(
        label=_("Consultations held in the last 12 months"),
        value=str(held),
        url=reverse("advisors:consultations"),
        order=20,
    )
