"""Reads for advisors and consultations, with relations fetched up front.

Access is by relationship: the learner who booked, the advisor, programme staff;
managers of the booking's organization see the shared outcome only. Anything else
is a 404. Aggregates for the progress app are computed in the database.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organizations.models import CapacityArea, Membership, Region
from organizations.vocabulary import localize_name

from .models import AdvisorProfile, Booking, ConsultationRecord, FollowUp, OutreachRequest

BOOKING_RELATED = ("advisor__user", "advisor__region", "learner", "organization", "topic")


def advisor_directory(
    *, area: str = "", region: str = "", mode: str = "", language: str = "", q: str = ""
) -> QuerySet[AdvisorProfile]:
    advisors = (
        AdvisorProfile.objects.listed()
        .select_related("user", "region", "photo")
        .prefetch_related("expertise")
        .order_by("user__last_name", "user__first_name", "slug")
    )
    if area:
        advisors = advisors.filter(expertise__slug=area)
    if region:
        advisors = advisors.filter(region__slug=region)
    if mode in {"in_person", "phone", "online", "email"}:
        advisors = advisors.filter(**{f"offers_{mode}": True})
    if language:
        advisors = advisors.filter(languages__icontains=language)
    if q:
        advisors = advisors.filter(
            Q(user__first_name__icontains=q)
            | Q(user__last_name__icontains=q)
            | Q(user__display_name__icontains=q)
            | Q(bio__icontains=q)
            | Q(headline__icontains=q)
            | Q(office__icontains=q)
        )
    return advisors.distinct()


def advisor_for_page(slug: str) -> AdvisorProfile:
    return get_object_or_404(
        AdvisorProfile.objects.listed().select_related("user", "region", "photo").prefetch_related("expertise"),
        slug=slug,
    )


def advisor_profile_for(user) -> AdvisorProfile | None:
    if not user.is_authenticated:
        return None
    return AdvisorProfile.objects.select_related("user", "region").filter(user=user).first()


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(*BOOKING_RELATED, "record", "feedback")


def booking_for_viewer(user, pk: int) -> tuple[Booking, str]:
    """The booking and the viewer's relation to it: learner, advisor, staff or manager; 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    booking = get_object_or_404(_bookings().prefetch_related("follow_ups"), pk=pk)
    if booking.advisor.user_id == user.pk:
        return booking, "advisor"
    if booking.learner_id == user.pk:
        return booking, "learner"
    if user.is_programme_staff:
        return booking, "staff"
    is_manager = Membership.objects.filter(
        user=user, organization_id=booking.organization_id, role=Membership.Role.MANAGER
    ).exists()
    if is_manager and booking.status == Booking.Status.COMPLETED:
        return booking, "manager"
    raise Http404


def learner_dashboard(user) -> dict:
    """Everything a learner sees on /consultations/, in three queries."""
    now = timezone.now()
    bookings = list(_bookings().filter(learner=user).order_by("start"))
    follow_ups = list(
        FollowUp.objects.filter(booking__learner=user, done=False).select_related("booking__advisor__user")
    )
    upcoming = [b for b in bookings if b.is_open and b.end > now]
    past = [b for b in reversed(bookings) if not (b.is_open and b.end > now)]
    return {"upcoming": upcoming, "past": past, "follow_ups": follow_ups}


def learner_upcoming(user, limit: int = 5) -> list[Booking]:
    """A learner's next consultations, for pages outside this app (e.g. /learning/)."""
    if not user.is_authenticated:
        return []
    return list(
        _bookings().filter(learner=user, status__in=Booking.OPEN, end__gt=timezone.now()).order_by("start")[:limit]
    )


def advisor_dashboard(advisor: AdvisorProfile) -> dict:
    """The advisor's queue, schedule, records to write and statistics, in a fixed number of queries."""
    now = timezone.now()
    open_bookings = list(_bookings().filter(advisor=advisor, status__in=Booking.OPEN).order_by("start"))
    requests = [b for b in open_bookings if b.status == Booking.Status.PENDING and b.start > now]
    upcoming = [b for b in open_bookings if b.status == Booking.Status.CONFIRMED and b.end > now]
    awaiting_record = [b for b in open_bookings if b.status == Booking.Status.CONFIRMED and b.start <= now]
    history = list(
        _bookings()
        .filter(advisor=advisor)
        .filter(
            Q(status__in=[Booking.Status.COMPLETED, Booking.Status.NO_SHOW, *Booking.INACTIVE])
            | Q(status=Booking.Status.PENDING, start__lte=now)
        )
        .order_by("-start")[:50]
    )
    stats = Booking.objects.filter(advisor=advisor).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(status=Booking.Status.COMPLETED)),
        no_shows=Count("pk", filter=Q(status=Booking.Status.NO_SHOW)),
        cancelled=Count("pk", filter=Q(status=Booking.Status.CANCELLED)),
        average_rating=Avg("feedback__rating"),
        ratings=Count("feedback"),
    )
    outreach = list(
        OutreachRequest.objects.filter(advisor=advisor)
        .exclude(status=OutreachRequest.Status.CANCELLED)
        .select_related("topic")
    )
    return {
        "requests": requests,
        "upcoming": upcoming,
        "awaiting_record": awaiting_record,
        "history": history,
        "stats": stats,
        "outreach": outreach,
    }


def programme_bookings(*, topic: str = "", region: str = "", advisor: str = "", month: str = "") -> QuerySet[Booking]:
    bookings = _bookings().order_by("-start")
    if topic:
        bookings = bookings.filter(topic__slug=topic)
    if region:
        bookings = bookings.filter(advisor__region__slug=region)
    if advisor:
        bookings = bookings.filter(advisor__slug=advisor)
    if month:
        try:
            year, month_number = (int(part) for part in month.split("-"))
            bookings = bookings.filter(start__year=year, start__month=month_number)
        except ValueError:
            pass
    return bookings


PROGRAMME_EXPORT_COLUMNS = [
    "id", "start_utc", "advisor", "region", "learner", "organization", "topic", "mode", "status", "outcome", "rating",
    "summary",
]  # fmt: skip


def programme_export_rows(bookings: QuerySet[Booking]) -> list[list]:
    """One row per booking for the export writer, under PROGRAMME_EXPORT_COLUMNS (machine-readable names)."""
    rows = []
    for b in bookings:
        record = getattr(b, "record", None)
        feedback = getattr(b, "feedback", None)
        rows.append(
            [
                b.pk,
                b.start,
                b.advisor,
                b.advisor.region.name if b.advisor.region else "",
                b.learner,
                b.organization.name,
                b.topic.name,
                b.get_mode_display(),
                b.get_status_display(),
                record.get_outcome_display() if record else "",
                feedback.rating if feedback else "",
                record.summary if record else "",
            ]
        )
    return rows


def programme_overview(bookings: QuerySet[Booking]) -> dict:
    """Counts by topic, region, advisor and month, each one grouped query."""
    held = Q(status=Booking.Status.COMPLETED)
    base = bookings.order_by()

    def grouped(*fields, order):
        return list(
            base.values(*fields)
            .annotate(total=Count("pk"), held=Count("pk", filter=held), rating=Avg("feedback__rating"))
            .order_by(*order)
        )

    by_topic = grouped("topic__name", order=["-total", "topic__name"])
    by_region = grouped("advisor__region__name", order=["-total", "advisor__region__name"])
    for row in by_topic:
        row["topic__name"] = localize_name(CapacityArea, row["topic__name"])
    for row in by_region:
        row["advisor__region__name"] = localize_name(Region, row["advisor__region__name"])
    return {
        "by_topic": by_topic,
        "by_region": by_region,
        "by_advisor": grouped(
            "advisor__slug", "advisor__user__first_name", "advisor__user__last_name", order=["-total", "advisor__slug"]
        ),
        "by_month": list(
            base.annotate(month=TruncMonth("start"))
            .values("month")
            .annotate(total=Count("pk"), held=Count("pk", filter=held))
            .order_by("-month")
        ),
        "outreach": OutreachRequest.objects.aggregate(
            total=Count("pk"),
            reported=Count("pk", filter=Q(status=OutreachRequest.Status.REPORTED)),
            open=Count("pk", filter=Q(status=OutreachRequest.Status.REQUESTED)),
        ),
    }


def outreach_for_staff() -> QuerySet[OutreachRequest]:
    return OutreachRequest.objects.select_related("advisor__user", "topic", "requester").order_by("-event_date")


def outreach_for_viewer(user, pk: int) -> OutreachRequest:
    item = get_object_or_404(outreach_for_staff(), pk=pk)
    if user.is_programme_staff or item.requester_id == user.pk:
        return item
    if item.advisor is not None and item.advisor.user_id == user.pk:
        return item
    raise Http404


def outreach_for_requester(user) -> QuerySet[OutreachRequest]:
    return outreach_for_staff().filter(requester=user)


# For the progress app -----------------------------------------------------------------------


def organization_consultation_stats(organization) -> dict:
    """Consultations of one organization by topic and outcome, and open follow-ups; three queries."""
    bookings = Booking.objects.filter(organization=organization).exclude(status__in=Booking.INACTIVE).order_by()
    by_topic = list(
        bookings.values("topic__slug", "topic__name")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status=Booking.Status.COMPLETED)))
        .order_by("-total", "topic__name")
    )
    by_outcome = {
        row["outcome"]: row["total"]
        for row in ConsultationRecord.objects.filter(booking__organization=organization)
        .values("outcome")
        .annotate(total=Count("pk"))
        .order_by()
    }
    open_follow_ups = FollowUp.objects.filter(booking__organization=organization, done=False).count()
    return {
        "by_topic": by_topic,
        "by_outcome": [
            {"outcome": value, "label": label, "total": by_outcome.get(value, 0)}
            for value, label in ConsultationRecord.Outcome.choices
        ],
        "total": sum(row["total"] for row in by_topic),
        "held": sum(row["held"] for row in by_topic),
        "open_follow_ups": open_follow_ups,
    }


def organization_consultations_by_month(organization) -> list[dict]:
    """Held consultations per month for trend charts."""
    return list(
        Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED)
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(total=Count("pk"))
        .order_by("month")
    )


def organization_shared_outcomes(organization) -> QuerySet[Booking]:
    """Completed consultations with their shared summaries (never the private notes)."""
    return (
        Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED)
        .select_related("advisor__user", "learner", "topic", "record")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done", "due_date")))
        .order_by("-start")
    )


def managed_organization_outcomes(user) -> QuerySet[Booking]:
    """Shared outcomes of the organizations ``user`` manages (their own bookings excluded)."""
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    return (
        Booking.objects.filter(organization__in=managed, status=Booking.Status.COMPLETED)
        .exclude(learner=user)
        .select_related("advisor__user", "learner", "organization", "topic", "record")
        .order_by("-start")
    )


# Home page ----------------------------------------------------------------------------------


def _when(booking: Booking) -> str:
    return date_format(timezone.localtime(booking.start), "DATETIME_FORMAT")


def home_highlights(request) -> list[dict]:
    user = request.user
    if user.is_authenticated:
        advisor = AdvisorProfile.objects.filter(user=user).first()
        if advisor is not None:
            waiting = list(
                _bookings()
                .filter(advisor=advisor, status=Booking.Status.PENDING, start__gt=timezone.now())
                .order_by("start")[:5]
            )
            return [
                {
                    "title": _("Consultation requests waiting for you"),
                    "items": [
                        {"url": b.get_absolute_url(), "title": f"{b.learner} · {b.topic}", "meta": _when(b)}
                        for b in waiting
                    ],
                    "empty": _("No requests are waiting."),
                    "more_url": reverse("advisors:consultations"),
                    "more_label": _("Your consultations"),
                }
            ]
        upcoming = list(
            _bookings().filter(learner=user, status__in=Booking.OPEN, end__gt=timezone.now()).order_by("start")[:5]
        )
        if upcoming:
            return [
                {
                    "title": _("Your upcoming consultations"),
                    "items": [
                        {
                            "url": b.get_absolute_url(),
                            "title": f"{b.advisor} · {b.topic}",
                            "meta": f"{_when(b)} · {b.get_status_display()}",
                        }
                        for b in upcoming
                    ],
                    "empty": "",
                    "more_url": reverse("advisors:consultations"),
                    "more_label": _("All your consultations"),
                }
            ]
    advisors = list(
        AdvisorProfile.objects.listed()
        .filter(accepting_bookings=True)
        .select_related("user", "region")
        .order_by("?")[:4]
    )
    return [
        {
            "title": _("Ask an NGO Advisor"),
            "items": [
                {
                    "url": a.get_absolute_url(),
                    "title": str(a),
                    "meta": a.headline or (a.region.name if a.region else ""),
                }
                for a in advisors
            ],
            "empty": _("No advisors are taking bookings at the moment."),
            "more_url": reverse("advisors:directory"),
            "more_label": _("All advisors"),
        }
    ]


def group_slots_by_local_date(slots, viewer_zone, advisor_zone) -> list[dict]:
    """Slots grouped by the viewer's local date, each with the advisor's local time beside it."""
    days: dict = defaultdict(list)
    for slot in slots:
        local = slot.start.astimezone(viewer_zone)
        days[local.date()].append(
            {
                "slot": slot,
                "local": local,
                "advisor_local": slot.start.astimezone(advisor_zone),
                "differs": local.utcoffset() != slot.start.astimezone(advisor_zone).utcoffset(),
            }
        )
    return [{"date": day, "slots": items} for day, items in sorted(days.items())]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _read_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def week_of_slots(
    slots, *, viewer_zone, advisor_zone, today: date, latest: date, week: str | None, day: str | None = None
) -> dict:
    """One week of open slots as a grid in the viewer's zone (days as columns, start times as rows),
    and one day of it for a phone, which has no room for seven columns.

    ``day`` (``YYYY-MM-DD``) picks the day and so its week; otherwise ``week`` (any date in it) picks
    the week and its first day with open times is the day. Unreadable or outside the booking window
    either gives the nearest valid choice and a ``problem`` to tell the viewer. Without either, the
    first open slot decides. Both layouts come from one page, so either works without JavaScript.
    """
    items = group_slots_by_local_date(slots, viewer_zone, advisor_zone)
    first_day = items[0]["date"] if items else today
    last_day = max(latest, first_day)
    first_week = _monday(first_day)
    earliest, last = _monday(today), max(_monday(latest), first_week)
    chosen, picked, problem = first_week, None, ""
    if day:
        asked = _read_date(day)
        if asked is None:
            picked, problem = first_day, _("That date could not be read, so the first day with open times is shown.")
        elif asked < today:
            picked, problem = today, _("That day has passed, so today is shown.")
        elif asked > last_day:
            picked, problem = last_day, _("Bookings do not open that far ahead, so the last bookable day is shown.")
        else:
            picked = asked
        chosen = _monday(picked)
    elif week:
        asked = _read_date(week)
        if asked is None:
            problem = _("That date could not be read, so the first week with open times is shown.")
        elif _monday(asked) < earliest:
            chosen, problem = earliest, _("That week has passed, so this week is shown.")
        elif _monday(asked) > last:
            chosen, problem = last, _("Bookings do not open that far ahead, so the last bookable week is shown.")
        else:
            chosen = _monday(asked)
    days = [chosen + timedelta(days=n) for n in range(7)]
    by_day = {item["date"]: item["slots"] for item in items if chosen <= item["date"] <= days[-1]}
    if picked is None:
        picked = min(by_day, default=max(chosen, today))
    cells: dict[tuple[date, str], dict] = {}
    for on, day_slots in by_day.items():
        for entry in day_slots:
            cells[(on, entry["local"].strftime("%H:%M"))] = entry
    times = sorted({key[1] for key in cells})
    later_open = [item["date"] for item in items if item["date"] > picked]
    return {
        "week_start": chosen,
        "days": days,
        "rows": [{"time": t, "cells": [cells.get((on, t)) for on in days]} for t in times],
        "day": {"date": picked, "slots": by_day.get(picked, [])},
        "strip": [
            {"date": on, "bookable": today <= on <= last_day, "has_slots": on in by_day, "current": on == picked}
            for on in days
        ],
        "previous_day": (picked - timedelta(days=1)).isoformat() if picked > today else "",
        "next_day": (picked + timedelta(days=1)).isoformat() if picked < last_day else "",
        "next_open_day": later_open[0].isoformat() if later_open and picked not in by_day else "",
        "previous": (chosen - timedelta(days=7)).isoformat() if chosen > earliest else "",
        "next": (chosen + timedelta(days=7)).isoformat() if chosen < last else "",
        "first_available": first_week.isoformat() if items and first_week != chosen else "",
        "has_slots": bool(items),
        "problem": problem,
    }


def recently_cancelled_window():
    return timezone.now() - timedelta(days=30)


def feed_bookings(user) -> QuerySet[Booking]:
    """Bookings for a user's calendar feed: their own and, for advisors, their consultations."""
    recent = recently_cancelled_window()
    return (
        Booking.objects.select_related("advisor__user", "learner", "topic")
        .filter(Q(learner=user) | Q(advisor__user=user))
        .filter(Q(status__in=[*Booking.OPEN, Booking.Status.COMPLETED]) | Q(updated_at__gte=recent))
        .filter(end__gte=timezone.now() - timedelta(days=180))
        .order_by("start")
    )


def holidays_ahead(advisor: AdvisorProfile, today, *, days: int = 366) -> list[dict]:
    """The advisor's national holidays for the coming year, each with whether they opened it."""
    from .closures import national_holidays
    from .models import HolidayOpening

    end = today + timedelta(days=days)
    found = national_holidays(advisor.holiday_country, today, end)
    opened = set(
        HolidayOpening.objects.filter(advisor=advisor, date__gte=today, date__lte=end).values_list("date", flat=True)
    )
    return [{"date": day, "name": name, "is_open": day in opened} for day, name in sorted(found.items())]
