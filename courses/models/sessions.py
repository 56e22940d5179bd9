"""Seminar sessions and what people do with them: registrations, attendance, feedback, messages from organizers.

The constraints here are what keep seats from being double-booked, whatever the services do.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel
from wagtail.models import Orderable

from organizations.models import time_zone_choices

from .seminars import SeminarPage


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class SeminarSession(Orderable):
    """One meeting of a seminar. Cancel it rather than delete it once people have registered."""

    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("local time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    format = models.CharField(
        _("format"), max_length=16, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True, help_text=_("Shown only to confirmed registrants."))
    capacity = models.PositiveIntegerField(_("seats"), default=30, validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Also the deadline for cancelling. Empty means until the session starts."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    ics_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)

    panels = [
        "title",
        FieldRowPanel(["starts_at", "ends_at"]),
        "time_zone",
        "format",
        FieldRowPanel(["venue", "address"]),
        "meeting_url",
        "capacity",
        FieldRowPanel(["registration_opens_at", "registration_closes_at"]),
        "is_cancelled",
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="courses_session_ends_after")
        ]

    def __str__(self):
        return self.title or f"{self.seminar.title} {self.starts_at:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        if self.format in (SessionFormat.ONLINE, SessionFormat.HYBRID) and not self.meeting_url:
            raise ValidationError({"meeting_url": _("Online and hybrid sessions need a meeting link.")})
        if self.format in (SessionFormat.IN_PERSON, SessionFormat.HYBRID) and not self.venue:
            raise ValidationError({"venue": _("In-person and hybrid sessions need a venue.")})

    @property
    def display_title(self) -> str:
        return self.title or self.seminar.title

    @property
    def calendar_event(self):
        """The public event behind the page's "Add to calendar" links."""
        from courses.selectors import session_calendar_event

        return session_calendar_event(self)

    @property
    def deadline(self):
        return self.registration_closes_at or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled or now >= self.deadline:
            return False
        return self.registration_opens_at is None or now >= self.registration_opens_at

    @property
    def is_online(self) -> bool:
        return self.format in (SessionFormat.ONLINE, SessionFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (SessionFormat.IN_PERSON, SessionFormat.HYBRID)

    @property
    def reminder_window_start(self):
        return self.starts_at - timedelta(days=1)


class SeminarRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        SeminarSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="seminar_registrations",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    ics_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)

    class Meta:
        verbose_name = _("seminar registration")
        verbose_name_plural = _("seminar registrations")
        ordering = ["requested_at", "id"]
        constraints = [
            # Nobody holds two live registrations for one session.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="courses_one_live_registration",
            ),
            # A seat number belongs to one confirmed registration: capacity can never be double-booked.
            models.UniqueConstraint(fields=["session", "seat"], name="courses_unique_session_seat"),
            models.CheckConstraint(
                condition=(Q(status="confirmed", seat__gte=1) | (~Q(status="confirmed") & Q(seat__isnull=True))),
                name="courses_seat_iff_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self):
        return f"{self.user} @ {self.session_id} ({self.status})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)


class SessionFeedback(models.Model):
    registration = models.OneToOneField(
        SeminarRegistration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (poor) to 5 (excellent)")
    )
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="courses_feedback_rating_range")
        ]

    def __str__(self):
        return f"{self.registration}: {self.rating}"


class SessionMessage(models.Model):
    """A message organizers sent to a session's registrants, kept as a record."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITLISTED = "waitlisted", _("People on the waitlist")
        ALL = "all", _("Everyone registered")

    session = models.ForeignKey(
        SeminarSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sender"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField(_("send to"), max_length=16, choices=Audience.choices, default=Audience.CONFIRMED)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
